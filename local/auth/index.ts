export * from './cognito-token-verifier';
export * from './sigv4-verifier';
