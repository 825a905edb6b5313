// AppSync GraphQL real-time (WebSocket) protocol server for the local AppSync engine.
export type {
  GraphQLErrorPayload,
  RealtimeAuthorization,
  RealtimeHandlers,
  RealtimeServer,
  RealtimeServerOptions,
  SubscriptionEvent,
  SubscriptionHandle,
  SubscriptionStartPayload,
  SubscriptionStartRequest,
} from './types';
export { RealtimeServerConfigurationError, SubscriptionRejectedError } from './errors';
export { attachRealtimeServer } from './server';
