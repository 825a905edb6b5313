// Every DynamoDB table, once. CDK turns these into TableV2 resources (cdk/lib/data-stack.ts);
// the local cloud creates the same tables in DynamoDB Local (local/dynamodb/tables.ts).
export type AttributeType = 'S' | 'N';

export interface KeyDefinition {
  name: string;
  type: AttributeType;
}

export interface IndexDefinition {
  name: string;
  partitionKey: KeyDefinition;
  sortKey?: KeyDefinition;
}

export interface TableDefinition {
  id: TableId;
  purpose: string;
  partitionKey: KeyDefinition;
  sortKey?: KeyDefinition;
  indexes: IndexDefinition[];
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes expired items (retention). */
  ttlAttribute?: string;
  stream?: 'NEW_AND_OLD_IMAGES';
}

export type TableId = 'bookings' | 'trackingEvents' | 'capacity' | 'couriers' | 'outbox' | 'clientUpdates' | 'customerLinks' | 'feedback';

export const TABLES: readonly TableDefinition[] = [
  {
    id: 'bookings',
    purpose: 'One item per booking: customer, addresses, parcel, window, price, status, courier.',
    partitionKey: { name: 'reference', type: 'S' },
    indexes: [
      // Sort key "<window start ISO>#<reference>" lists a day's bookings in pickup order.
      { name: 'byPickupDate', partitionKey: { name: 'pickupDate', type: 'S' }, sortKey: { name: 'pickupSortKey', type: 'S' } },
      // Sort key "<local job date>#<window start>#<reference>": a courier's list for a day, including
      // redeliveries and returns planned on other days than the pickup (see courierJobOf).
      { name: 'byCourierJob', partitionKey: { name: 'courierId', type: 'S' }, sortKey: { name: 'courierJobKey', type: 'S' } },
    ],
    ttlAttribute: 'expiresAt',
    // No stream until something consumes one: every stream record costs a write on every booking change.
  },
  {
    id: 'trackingEvents',
    purpose: 'Audit trail: one item per status change of a booking, ordered by sequence.',
    partitionKey: { name: 'reference', type: 'S' },
    sortKey: { name: 'sequence', type: 'N' },
    // Events a courier caused (they carry courierId), by time: their history and personal reports.
    indexes: [{ name: 'byCourier', partitionKey: { name: 'courierId', type: 'S' }, sortKey: { name: 'at', type: 'S' } }],
    ttlAttribute: 'expiresAt',
  },
  {
    id: 'capacity',
    purpose: 'Pickup capacity per window ("WINDOW" item) and one reservation item per booking in it.',
    partitionKey: { name: 'windowId', type: 'S' },
    sortKey: { name: 'entry', type: 'S' },
    indexes: [],
    ttlAttribute: 'expiresAt',
  },
  {
    id: 'couriers',
    purpose: 'Courier profiles, duty status and last known position.',
    partitionKey: { name: 'courierId', type: 'S' },
    indexes: [{ name: 'byUsername', partitionKey: { name: 'username', type: 'S' } }],
  },
  {
    id: 'outbox',
    purpose: 'Every email and SMS the platform sent (and, locally, instead of sending it).',
    partitionKey: { name: 'messageId', type: 'S' },
    indexes: [{ name: 'byDay', partitionKey: { name: 'day', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } }],
    ttlAttribute: 'expiresAt',
  },
  {
    id: 'clientUpdates',
    purpose: 'One item per status update the courier app sent (by its clientUpdateId): replays of queued offline updates change nothing.',
    partitionKey: { name: 'principal', type: 'S' },
    sortKey: { name: 'clientUpdateId', type: 'S' },
    indexes: [],
    ttlAttribute: 'expiresAt',
  },
  {
    id: 'customerLinks',
    purpose: 'Customer links, by the SHA-256 of the link token: questions put to customers (failed-delivery options, with the task token that resumes the waiting process) and tracking-page links (kind TRACKING).',
    partitionKey: { name: 'tokenHash', type: 'S' },
    indexes: [],
    ttlAttribute: 'expiresAt',
  },
  {
    id: 'feedback',
    purpose: 'Feedback and complaints about completed deliveries (voice and later channels), triaged; flagged complaints first.',
    partitionKey: { name: 'feedbackReference', type: 'S' },
    indexes: [
      // Sort key "<0 flagged | 1 other>#<createdAt>": a day's feedback with flagged complaints first (admin query).
      { name: 'byDay', partitionKey: { name: 'day', type: 'S' }, sortKey: { name: 'triageKey', type: 'S' } },
      { name: 'byBooking', partitionKey: { name: 'bookingReference', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
      // Feedback about a courier's deliveries (courierId copied from the booking), by time: their personal report.
      { name: 'byCourier', partitionKey: { name: 'courierId', type: 'S' }, sortKey: { name: 'createdAt', type: 'S' } },
    ],
  },
];

export function tableDefinition(id: TableId): TableDefinition {
  const table = TABLES.find((t) => t.id === id);
  if (!table) throw new Error(`unknown table ${id}`);
  return table;
}

export function tableEnvVar(id: TableId): string {
  return `${id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_TABLE`;
}
