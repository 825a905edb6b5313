// Composition root: builds each port's adapter once per container from the environment.
// Handlers ask for ports here and never construct adapters themselves, so the same
// handler runs against Amazon Location/SES/SNS on AWS and local adapters on one machine.
import type { BookingStore } from '../ports/booking-store';
import type { CapacityStore } from '../ports/capacity-store';
import type { ChangePublisher } from '../ports/change-publisher';
import type { CourierStore } from '../ports/courier-store';
import type { GeoPort } from '../ports/geo-port';
import type { Notifier } from '../ports/notifier';
import type { PaymentGateway } from '../ports/payment-gateway';
import type { Workflows } from '../ports/workflows';
import type { CustomerLinkStore } from '../ports/customer-link-store';
import type { DeliveryStore } from '../ports/delivery-store';
import type { DeliveryWorkflows } from '../ports/delivery-workflows';
import type { FileStore } from '../ports/file-store';
import type { FeedbackStore } from '../ports/feedback-store';
import { DynamoDbFeedbackStore } from '../adapters/dynamodb/dynamodb-feedback-store';
import { DynamoDbCustomerLinkStore } from '../adapters/dynamodb/dynamodb-customer-link-store';
import { DynamoDbDeliveryStore } from '../adapters/dynamodb/dynamodb-delivery-store';
import { StepFunctionsDeliveryWorkflows } from '../adapters/step-functions-delivery-workflows';
import { DynamoDbBookingStore } from '../adapters/dynamodb/dynamodb-booking-store';
import { DynamoDbCapacityStore } from '../adapters/dynamodb/dynamodb-capacity-store';
import { DynamoDbCourierStore } from '../adapters/dynamodb/dynamodb-courier-store';
import { OutboxNotifier } from '../adapters/outbox-notifier';
import { TestPaymentGateway } from '../adapters/test-payment-gateway';
import { StepFunctionsWorkflows } from '../adapters/step-functions-workflows';
import { AppSyncChangePublisher } from '../adapters/appsync-change-publisher';
import { dynamoDocumentClient, stepFunctionsClient } from './aws-clients';
import { optionalEnv, requireEnv, stateMachineArn, tableName } from './config';

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

export const bookingStore = once<BookingStore>(
  () => new DynamoDbBookingStore(dynamoDocumentClient(), { bookings: tableName('bookings'), trackingEvents: tableName('trackingEvents') }),
);

export const capacityStore = once<CapacityStore>(() => new DynamoDbCapacityStore(dynamoDocumentClient(), tableName('capacity')));

export const courierStore = once<CourierStore>(() => new DynamoDbCourierStore(dynamoDocumentClient(), tableName('couriers')));

export const workflows = once<Workflows>(() => new StepFunctionsWorkflows(stepFunctionsClient(), stateMachineArn('booking')));

export const geo = once<GeoPort>(() => {
  const provider = optionalEnv('GEO_PROVIDER') ?? 'local';
  if (provider === 'amazon-location') {
    // Required on demand so a container only pays the start-up cost of the adapter it uses
    // (the local gazetteer loads ~140k places).
    const { AmazonLocationGeo } = require('../adapters/amazon-location-geo') as typeof import('../adapters/amazon-location-geo');
    return new AmazonLocationGeo({ placeIndexName: requireEnv('GEO_PLACE_INDEX'), routeCalculatorName: requireEnv('GEO_ROUTE_CALCULATOR') });
  }
  if (provider !== 'local') throw new Error(`GEO_PROVIDER must be "local" or "amazon-location", not "${provider}"`);
  const { LocalGeo } = require('../adapters/local-geo') as typeof import('../adapters/local-geo');
  return new LocalGeo();
});

export const notifier = once<Notifier>(() => {
  const outbox = new OutboxNotifier(dynamoDocumentClient(), tableName('outbox'));
  const mode = optionalEnv('NOTIFIER') ?? 'outbox';
  if (mode === 'ses-sns') {
    const { SesSnsNotifier } = require('../adapters/ses-sns-notifier') as typeof import('../adapters/ses-sns-notifier');
    return new SesSnsNotifier(outbox, requireEnv('SENDER_EMAIL'));
  }
  if (mode !== 'outbox') throw new Error(`NOTIFIER must be "outbox" or "ses-sns", not "${mode}"`);
  return outbox;
});

export const paymentGateway = once<PaymentGateway>(() => {
  const mode = optionalEnv('PAYMENT_GATEWAY') ?? 'test';
  if (mode !== 'test') throw new Error(`PAYMENT_GATEWAY "${mode}" has no adapter; only "test" exists so far`);
  return new TestPaymentGateway();
});

export const changePublisher = once<ChangePublisher>(() => {
  const { createAppSyncIamClient } = require('../adapters/appsync-iam-client') as typeof import('../adapters/appsync-iam-client');
  return new AppSyncChangePublisher(createAppSyncIamClient({ url: requireEnv('APPSYNC_GRAPHQL_URL') }));
});

export const deliveryStore = once<DeliveryStore>(
  () =>
    new DynamoDbDeliveryStore(dynamoDocumentClient(), {
      bookings: tableName('bookings'),
      trackingEvents: tableName('trackingEvents'),
      // Read-only users (courier queries) never touch it; they get no variable for it either.
      clientUpdates: optionalEnv('CLIENT_UPDATES_TABLE') ?? '',
    }),
);

export const customerLinkStore = once<CustomerLinkStore>(() => new DynamoDbCustomerLinkStore(dynamoDocumentClient(), tableName('customerLinks')));

export const deliveryWorkflows = once<DeliveryWorkflows>(() => new StepFunctionsDeliveryWorkflows(stepFunctionsClient(), optionalEnv('FAILED_DELIVERY_STATE_MACHINE_ARN') ?? ''));

export const fileStore = once<FileStore>(() => {
  const provider = optionalEnv('FILE_STORE') ?? 'local';
  if (provider === 's3') {
    const { S3FileStore } = require('../adapters/s3-file-store') as typeof import('../adapters/s3-file-store');
    return new S3FileStore(requireEnv('PROOF_BUCKET'));
  }
  if (provider !== 'local') throw new Error(`FILE_STORE must be "s3" or "local", not "${provider}"`);
  const { LocalFileStore } = require('../adapters/local-file-store') as typeof import('../adapters/local-file-store');
  return new LocalFileStore(requireEnv('LOCAL_FILES_DIR'), requireEnv('LOCAL_FILES_URL'), requireEnv('LOCAL_FILES_SECRET'));
});

export const feedbackStore = once<FeedbackStore>(() => new DynamoDbFeedbackStore(dynamoDocumentClient(), tableName('feedback')));

export const clock = (): Date => new Date();
