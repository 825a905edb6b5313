// Amplify v6 Auth (Cognito user pools) + GraphQL API from the runtime configuration. The API key
// is only used by the public customer-link pages; everything else signs with the courier's tokens.
import { Amplify } from 'aws-amplify';
import type { AppConfig } from './config';

export function configureAmplify(config: AppConfig): void {
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: config.auth.userPoolId,
        userPoolClientId: config.auth.userPoolClientId,
        ...(config.auth.userPoolEndpoint ? { userPoolEndpoint: config.auth.userPoolEndpoint } : {}),
      },
    },
    API: {
      GraphQL: {
        endpoint: config.api.graphqlUrl,
        region: config.region,
        defaultAuthMode: 'userPool',
        ...(config.api.apiKey ? { apiKey: config.api.apiKey } : {}),
      },
    },
  });
}
