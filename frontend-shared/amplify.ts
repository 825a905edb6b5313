// Amplify v6 Auth (Cognito user pools) + GraphQL API from the runtime configuration. Calls sign
// with the user's tokens; the API key (only in the courier app's config.json) is for its public
// customer-link pages.
import { Amplify } from 'aws-amplify';
import type { AppConfig } from './runtime-config';

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
