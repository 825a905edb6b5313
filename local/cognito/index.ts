export { startLocalCognito, LocalCognitoStartError, type LocalCognito, type LocalCognitoOptions } from './local-cognito';
export { seedUserPool, CognitoSeedError, type CognitoSeedResult, type SeedUser, type SeedUserPoolInput } from './seed-user-pool';
