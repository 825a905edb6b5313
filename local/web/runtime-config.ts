// The runtime configuration the web apps fetch from `/config.json` at start-up. Builds carry
// no endpoints: the local cloud generates this file from its own endpoints, and a deployment
// to AWS uploads one naming the AppSync API and Cognito pool from the stack outputs.
import { businessRules } from '../../functions/shared/config';

export interface WebAppConfig {
  /** "local", "dev", "staging", "prod": shown in the app header. */
  stage: string;
  region: string;
  api: {
    /** AppSync GraphQL endpoint; Amplify derives the real-time endpoint from it. */
    graphqlUrl: string;
    /** For display and diagnostics; the client dials `${graphqlUrl}/realtime` (or AppSync's realtime host). */
    realtimeUrl: string;
    /** The API key for public pages (the courier app's customer-link routes); absent for the admin app. */
    apiKey?: string;
    /** The local cloud's call API (`…/calls`, docs/voice.md) for the admin app's call simulator; absent on AWS, where callers ring Connect. */
    callsUrl?: string;
  };
  auth: {
    userPoolId: string;
    userPoolClientId: string;
    /** Only for a Cognito-compatible endpoint other than AWS's (the local cloud's cognito-local). */
    userPoolEndpoint?: string;
    /** cognito-local refuses SRP; on AWS the app client allows USER_PASSWORD_AUTH as well. */
    authFlowType: 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH';
  };
  service: {
    /** IANA zone of the depot: pickup dates and windows are local to it. */
    timeZone: string;
    currency: string;
  };
  map: {
    tileUrl: string;
    attribution: string;
    center: [number, number];
    zoom: number;
  };
  links: {
    adminApp?: string;
    courierApp?: string;
  };
}

export interface LocalEndpointsForWeb {
  graphqlUrl: string;
  realtimeUrl: string;
  cognito: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The call API, when the cloud runs one (LocalCloudConnection.calls). */
  calls?: string;
}

export const OSM_TILES = {
  tileUrl: process.env.LOCAL_MAP_TILES_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
};

/** The config.json of a web app served by the local cloud (or a test's own server pointed at a test cloud); `apiKey` only for apps with public pages. */
export function localWebAppConfig(cloud: LocalEndpointsForWeb, links: WebAppConfig['links'] = {}, options: { apiKey?: string } = {}): WebAppConfig {
  const rules = businessRules();
  return {
    stage: 'local',
    region: cloud.region,
    api: { graphqlUrl: cloud.graphqlUrl, realtimeUrl: cloud.realtimeUrl, ...(options.apiKey ? { apiKey: options.apiKey } : {}), ...(cloud.calls ? { callsUrl: cloud.calls } : {}) },
    auth: {
      userPoolId: cloud.userPoolId,
      userPoolClientId: cloud.userPoolClientId,
      userPoolEndpoint: cloud.cognito,
      authFlowType: 'USER_PASSWORD_AUTH',
    },
    service: { timeZone: rules.serviceTimeZone, currency: rules.currency },
    // The demo depot is in Seattle (local/seed/demo-data.ts).
    map: { ...OSM_TILES, center: [47.6205, -122.3321], zoom: 11 },
    links,
  };
}
