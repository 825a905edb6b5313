// DeliveryStore on DynamoDB: couriers' day lists from the bookings table's byCourierJob index,
// their history and reports from the trackingEvents table's byCourier index, and one
// clientUpdates item per update written in the same transaction as the change it made.
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Booking, TrackingEvent } from '../../domain/booking';
import { ConcurrentBookingChange } from '../../ports/booking-store';
import type { ClientUpdateRecord, DeliveryStore, EventPage } from '../../ports/delivery-store';
import { bookingFromItem, bookingItem, newTrackingEventPut, versionedBookingPut } from './dynamodb-booking-store';
import { cancellationCodes } from './transactions';
import { queryAll } from './read-all';

export interface DynamoDbDeliveryStoreTables {
  bookings: string;
  trackingEvents: string;
  clientUpdates: string;
}

/** Replays come from phones that were offline for hours at most; a month covers every one. */
const CLIENT_UPDATE_RETENTION_DAYS = 30;
const BATCH_GET_LIMIT = 100;

export class DynamoDbDeliveryStore implements DeliveryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tables: DynamoDbDeliveryStoreTables,
  ) {}

  async jobsOf(courierId: string, date: string): Promise<Booking[]> {
    const items = await queryAll<Record<string, unknown>>(this.client, {
      TableName: this.tables.bookings,
      IndexName: 'byCourierJob',
      KeyConditionExpression: 'courierId = :courier AND begins_with(courierJobKey, :day)',
      ExpressionAttributeValues: { ':courier': courierId, ':day': `${date}#` },
    });
    return items.map(bookingFromItem);
  }

  async getBookings(references: string[]): Promise<Booking[]> {
    const wanted = [...new Set(references)];
    const found: Booking[] = [];
    for (let i = 0; i < wanted.length; i += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] | undefined = wanted.slice(i, i + BATCH_GET_LIMIT).map((reference) => ({ reference }));
      while (keys && keys.length > 0) {
        const result = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tables.bookings]: { Keys: keys } } }));
        found.push(...(result.Responses?.[this.tables.bookings] ?? []).map(bookingFromItem));
        keys = result.UnprocessedKeys?.[this.tables.bookings]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return found;
  }

  async findClientUpdate(principal: string, clientUpdateId: string): Promise<ClientUpdateRecord | null> {
    const result = await this.client.send(new GetCommand({ TableName: this.tables.clientUpdates, Key: { principal, clientUpdateId }, ConsistentRead: true }));
    if (!result.Item) return null;
    const { expiresAt: _expiresAt, ...record } = result.Item;
    return record as ClientUpdateRecord;
  }

  async saveDeliveryUpdate(expectedVersion: number, booking: Booking, event: TrackingEvent, record: ClientUpdateRecord): Promise<'saved' | 'duplicate'> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: versionedBookingPut(this.tables.bookings, booking, expectedVersion) },
            { Put: newTrackingEventPut(this.tables.trackingEvents, event) },
            {
              Put: {
                TableName: this.tables.clientUpdates,
                Item: { ...record, expiresAt: Math.floor(Date.parse(record.recordedAt) / 1000) + CLIENT_UPDATE_RETENTION_DAYS * 86_400 },
                ConditionExpression: 'attribute_not_exists(clientUpdateId)',
              },
            },
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[2] === 'ConditionalCheckFailed') return 'duplicate';
      if (codes && codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')) throw new ConcurrentBookingChange(booking.reference);
      throw error;
    }
  }

  async recordPinFailure(reference: string, attempt: number): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tables.bookings,
          Key: { reference },
          UpdateExpression: 'SET deliveryPin.failures = deliveryPin.failures + :one',
          ConditionExpression: 'deliveryPin.attempt = :attempt',
          ExpressionAttributeValues: { ':one': 1, ':attempt': attempt },
        }),
      );
    } catch (error) {
      // A new PIN was issued meanwhile: the failure belonged to the old one.
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async courierEvents(courierId: string, from: string, to: string): Promise<TrackingEvent[]> {
    const events = await queryAll<TrackingEvent>(this.client, {
      TableName: this.tables.trackingEvents,
      IndexName: 'byCourier',
      // `at` is an ISO instant, so string order is time order; "to" is exclusive.
      KeyConditionExpression: 'courierId = :courier AND #at BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':courier': courierId, ':from': from, ':to': to },
    });
    return events.filter((e) => e.at < to);
  }

  async courierEventsPage(courierId: string, options: { limit: number; startKey?: Record<string, unknown> }): Promise<EventPage> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tables.trackingEvents,
        IndexName: 'byCourier',
        KeyConditionExpression: 'courierId = :courier',
        ExpressionAttributeValues: { ':courier': courierId },
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
      }),
    );
    return { items: (page.Items ?? []) as TrackingEvent[], ...(page.LastEvaluatedKey ? { nextKey: page.LastEvaluatedKey } : {}) };
  }
}
