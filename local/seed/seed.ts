// Puts reference data (couriers) into a fresh local cloud and, for demos, books a set of
// deliveries through the real GraphQL API (IAM-signed, as a backend system would).
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbCourierStore } from '../../functions/adapters/dynamodb/dynamodb-courier-store';
import { createAppSyncIamClient } from '../../functions/adapters/appsync-iam-client';
import { BOOKING_FIELDS } from '../../functions/shared/graphql-documents';
import type { LocalCloud } from '../cloud';
import { demoBookingRequests, demoCouriers } from './demo-data';

export async function seedCouriers(cloud: LocalCloud): Promise<number> {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.region }));
  const store = new DynamoDbCourierStore(client, cloud.tableName('couriers'));
  const existing = new Set((await store.listCouriers()).map((c) => c.courierId));
  const missing = demoCouriers().filter((c) => !existing.has(c.courierId));
  for (const courier of missing) await store.putCourier(courier);
  client.destroy();
  return missing.length;
}

const CREATE_BOOKING = /* GraphQL */ `
  mutation SeedBooking($input: CreateBookingInput!) {
    createBooking(input: $input) { ${BOOKING_FIELDS} }
  }
`;

/** Books the demo deliveries unless bookings already exist (a restart keeps its data). */
export async function seedDemoBookings(cloud: LocalCloud, now = new Date()): Promise<number> {
  const dynamo = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.region });
  const any = await dynamo.send(new ScanCommand({ TableName: cloud.tableName('bookings'), Limit: 1 }));
  dynamo.destroy();
  if ((any.Items ?? []).length > 0) return 0;
  const api = createAppSyncIamClient({ url: cloud.endpoints.graphqlUrl, region: cloud.region });
  let booked = 0;
  for (const input of demoBookingRequests(now)) {
    await api.request(CREATE_BOOKING, { input });
    booked++;
  }
  return booked;
}
