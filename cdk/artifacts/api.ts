// The GraphQL API: schema file, data sources and which resolver code serves which field.
// CDK builds an AppSync GraphqlApi from this (cdk/lib/api-stack.ts); the local AppSync
// engine (local/appsync) serves the same schema with the same bundled resolver code.
import type { TableId } from './tables';

export const SCHEMA_FILE = 'graphql/schema.graphql';

export type DataSourceDefinition =
  | { kind: 'NONE' }
  | { kind: 'DYNAMODB'; table: TableId }
  | { kind: 'LAMBDA'; function: string };

export const DATA_SOURCES = {
  none: { kind: 'NONE' },
  bookingsTable: { kind: 'DYNAMODB', table: 'bookings' },
  trackingEventsTable: { kind: 'DYNAMODB', table: 'trackingEvents' },
  couriersTable: { kind: 'DYNAMODB', table: 'couriers' },
  outboxTable: { kind: 'DYNAMODB', table: 'outbox' },
  feedbackTable: { kind: 'DYNAMODB', table: 'feedback' },
  createBookingFunction: { kind: 'LAMBDA', function: 'createBooking' },
  pickupWindowsFunction: { kind: 'LAMBDA', function: 'pickupWindows' },
  setPickupCapacityFunction: { kind: 'LAMBDA', function: 'setPickupCapacity' },
  courierDeliveriesFunction: { kind: 'LAMBDA', function: 'courierDeliveries' },
  updateDeliveryStatusFunction: { kind: 'LAMBDA', function: 'updateDeliveryStatus' },
  customerDeliveryOptionsFunction: { kind: 'LAMBDA', function: 'customerDeliveryOptions' },
  trackingPageFunction: { kind: 'LAMBDA', function: 'trackingPage' },
  courierRouteFunction: { kind: 'LAMBDA', function: 'courierRoute' },
} as const satisfies Record<string, DataSourceDefinition>;

export type DataSourceId = keyof typeof DATA_SOURCES;

/** A unit resolver: the resolver's own code talks to one data source. */
export interface ResolverDefinition {
  typeName: 'Query' | 'Mutation' | 'Subscription' | string;
  fieldName: string;
  /** APPSYNC_JS source under resolvers/, bundled with esbuild for both clouds. */
  code: string;
  dataSource: DataSourceId;
}

const LAMBDA_RESOLVER = 'resolvers/invoke-lambda.ts';

export const RESOLVERS: readonly ResolverDefinition[] = [
  { typeName: 'Query', fieldName: 'getBooking', code: 'resolvers/Query.getBooking.ts', dataSource: 'bookingsTable' },
  { typeName: 'Query', fieldName: 'bookingsByDate', code: 'resolvers/Query.bookingsByDate.ts', dataSource: 'bookingsTable' },
  { typeName: 'Query', fieldName: 'trackingHistory', code: 'resolvers/Query.trackingHistory.ts', dataSource: 'trackingEventsTable' },
  { typeName: 'Query', fieldName: 'pickupWindows', code: LAMBDA_RESOLVER, dataSource: 'pickupWindowsFunction' },
  { typeName: 'Query', fieldName: 'couriers', code: 'resolvers/Query.couriers.ts', dataSource: 'couriersTable' },
  { typeName: 'Query', fieldName: 'outbox', code: 'resolvers/Query.outbox.ts', dataSource: 'outboxTable' },
  { typeName: 'Query', fieldName: 'feedbackByDay', code: 'resolvers/Query.feedbackByDay.ts', dataSource: 'feedbackTable' },
  { typeName: 'Mutation', fieldName: 'createBooking', code: LAMBDA_RESOLVER, dataSource: 'createBookingFunction' },
  { typeName: 'Mutation', fieldName: 'setPickupCapacity', code: LAMBDA_RESOLVER, dataSource: 'setPickupCapacityFunction' },
  { typeName: 'Mutation', fieldName: 'publishBookingChange', code: 'resolvers/Mutation.publishBookingChange.ts', dataSource: 'bookingsTable' },
  // Couriers: row-level rules (their own deliveries only) live in the courierDeliveries and
  // updateDeliveryStatus handlers, which take the courier from the signed-in identity.
  ...(['myDeliveries', 'myDelivery', 'myDeliveryHistory', 'myReport', 'courierDeliveries', 'delivery', 'courierReport'] as const).map(
    (fieldName): ResolverDefinition => ({ typeName: 'Query', fieldName, code: LAMBDA_RESOLVER, dataSource: 'courierDeliveriesFunction' }),
  ),
  // The suggested stop order: the courier's day, a travel matrix from the GeoPort, route sequencing.
  { typeName: 'Query', fieldName: 'myRoute', code: LAMBDA_RESOLVER, dataSource: 'courierRouteFunction' },
  { typeName: 'Mutation', fieldName: 'updateDeliveryStatus', code: LAMBDA_RESOLVER, dataSource: 'updateDeliveryStatusFunction' },
  // Customer link pages (API key): the link token is the only key.
  { typeName: 'Query', fieldName: 'failedDeliveryOptions', code: LAMBDA_RESOLVER, dataSource: 'customerDeliveryOptionsFunction' },
  { typeName: 'Mutation', fieldName: 'chooseFailedDeliveryOption', code: LAMBDA_RESOLVER, dataSource: 'customerDeliveryOptionsFunction' },
  { typeName: 'Query', fieldName: 'trackDelivery', code: LAMBDA_RESOLVER, dataSource: 'trackingPageFunction' },
  { typeName: 'Subscription', fieldName: 'onMyDeliveryChanged', code: 'resolvers/Subscription.onMyDeliveryChanged.ts', dataSource: 'couriersTable' },
];

/** Auth modes of the API. The first is the default for fields and types without directives. */
export const AUTH_MODES = ['AMAZON_COGNITO_USER_POOLS', 'API_KEY', 'AWS_IAM'] as const;

/** AppSync's query depth limit (1–75); deeper operations are rejected before execution. */
export const QUERY_DEPTH_LIMIT = 10;
/** AppSync's resolver count limit per request. */
export const RESOLVER_COUNT_LIMIT = 1000;

/**
 * API-key requests (the public customer-link pages: tracking, failed-delivery options) per client
 * IP address: an AWS WAF rate-based rule on AWS, the same rule in the local engine. A tracking page
 * refreshes every 30 s (10 requests in 5 minutes), so 120 leaves room for a household behind one
 * address while making guessing tokens, or scraping, slow.
 */
export const API_KEY_RATE_LIMIT = { limit: 120, windowSeconds: 300 } as const;

/** What a refused request gets, on both clouds (WAF custom response body; the local limiter's answer). */
export const RATE_LIMITED_RESPONSE = {
  status: 429,
  body: { errors: [{ errorType: 'TooManyRequestsException', message: 'Too many requests from this address; wait a few minutes and try again.' }] },
} as const;
