// BookingStore on DynamoDB: one item per booking (plus index keys), one item per
// tracking event. Writes that must go together go in one transaction.
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Booking, TrackingEvent } from '../../domain/booking';
import { courierJobOf } from '../../domain/delivery';
import { ConcurrentBookingChange, type BookingStore } from '../../ports/booking-store';
import { backoffDelayMs, cancellationCodes, isConflictOnly, sleep } from './transactions';
import { queryAll } from './read-all';

export interface DynamoDbBookingStoreTables {
  bookings: string;
  trackingEvents: string;
}

const MAX_CONFLICT_RETRIES = 8;

/** Index-only attributes added to the stored item. */
export function bookingItem(booking: Booking): Record<string, unknown> {
  const item: Record<string, unknown> = { ...booking, pickupSortKey: `${booking.pickupWindow.startsAt}#${booking.reference}` };
  if (booking.courierId) {
    const job = courierJobOf(booking);
    // "~" sorts after every time, so jobs without a window end the day's list.
    item.courierJobKey = `${job.date}#${job.startsAt ?? '~'}#${booking.reference}`;
  }
  return item;
}

/** The booking as it was read (optimistic concurrency on `version`): a status change and its
 * tracking event go in one transaction with this and the next put. */
export function versionedBookingPut(tableName: string, booking: Booking, expectedVersion: number) {
  return {
    TableName: tableName,
    Item: bookingItem(booking),
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
  };
}

/** A tracking event that must not exist yet: its sequence is the booking version it records. */
export function newTrackingEventPut(tableName: string, event: TrackingEvent) {
  return {
    TableName: tableName,
    Item: event,
    ConditionExpression: 'attribute_not_exists(#sequence)',
    ExpressionAttributeNames: { '#sequence': 'sequence' },
  };
}

export function bookingFromItem(item: Record<string, unknown>): Booking {
  const { pickupSortKey: _sortKey, courierJobKey: _jobKey, expiresAt: _expiresAt, ...booking } = item;
  return booking as unknown as Booking;
}

export class DynamoDbBookingStore implements BookingStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: DynamoDbBookingStoreTables,
  ) {}

  async createBooking(booking: Booking, firstEvent: TrackingEvent): Promise<'created' | 'already_exists'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tables.bookings,
                  Item: bookingItem(booking),
                  ConditionExpression: 'attribute_not_exists(#reference)',
                  ExpressionAttributeNames: { '#reference': 'reference' },
                },
              },
              {
                Put: {
                  TableName: this.tables.trackingEvents,
                  Item: firstEvent,
                  ConditionExpression: 'attribute_not_exists(#reference)',
                  ExpressionAttributeNames: { '#reference': 'reference' },
                },
              },
            ],
          }),
        );
        return 'created';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes && codes[0] === 'ConditionalCheckFailed') return 'already_exists';
        if (codes && isConflictOnly(codes) && attempt < MAX_CONFLICT_RETRIES) {
          await sleep(backoffDelayMs(attempt));
          continue;
        }
        throw error;
      }
    }
  }

  async getBooking(reference: string): Promise<Booking | null> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.bookings, Key: { reference }, ConsistentRead: true }));
    return result.Item ? bookingFromItem(result.Item) : null;
  }

  async saveChange(expectedVersion: number, booking: Booking, event: TrackingEvent): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: versionedBookingPut(this.tables.bookings, booking, expectedVersion),
            },
            {
              Put: newTrackingEventPut(this.tables.trackingEvents, event),
            },
          ],
        }),
      );
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes && codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')) {
        throw new ConcurrentBookingChange(booking.reference);
      }
      throw error;
    }
  }

  async trackingHistory(reference: string): Promise<TrackingEvent[]> {
    return queryAll<TrackingEvent>(this.client, {
      TableName: this.tables.trackingEvents,
      KeyConditionExpression: '#reference = :reference',
      ExpressionAttributeNames: { '#reference': 'reference' },
      ExpressionAttributeValues: { ':reference': reference },
      ConsistentRead: true,
    });
  }

  async jobsPerCourierOn(date: string, courierIds: string[]): Promise<Map<string, number>> {
    const wanted = new Set(courierIds);
    const counts = new Map<string, number>(courierIds.map((id) => [id, 0]));
    const assigned = await queryAll<{ courierId: string }>(this.client, {
      TableName: this.tables.bookings,
      IndexName: 'byPickupDate',
      KeyConditionExpression: 'pickupDate = :date',
      FilterExpression: 'attribute_exists(courierId) AND #status <> :cancelled',
      ProjectionExpression: 'courierId',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':date': date, ':cancelled': 'CANCELLED' },
    });
    for (const { courierId } of assigned) if (wanted.has(courierId)) counts.set(courierId, (counts.get(courierId) ?? 0) + 1);
    return counts;
  }
}
