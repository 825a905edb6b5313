// CapacityStore on DynamoDB. Each window has a "WINDOW" item (capacity, booked) and a
// "RESERVATION#<reference>" item per booking. Reserving increments `booked` only while it
// is below `capacity` AND writes the reservation, in one transaction: concurrent callers
// can never overbook, and a retried reservation for the same booking is recognised.
import { BatchGetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CapacityContention, InvalidCapacity, PickupWindowFull } from '../../domain/errors';
import type { CapacityStore, WindowLoad } from '../../ports/capacity-store';
import { backoffDelayMs, cancellationCodes, isConflictOnly, sleep } from './transactions';

const WINDOW_ENTRY = 'WINDOW';
const reservationEntry = (reference: string) => `RESERVATION#${reference}`;
const MAX_CONFLICT_RETRIES = 12;

export class DynamoDbCapacityStore implements CapacityStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async reserve(windowId: string, reference: string, defaultCapacity: number): Promise<'reserved' | 'already_reserved'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: { windowId, entry: reservationEntry(reference), reference },
                  ConditionExpression: 'attribute_not_exists(entry)',
                },
              },
              {
                // A window nobody booked yet has no item: it starts at the default capacity.
                Update: {
                  TableName: this.tableName,
                  Key: { windowId, entry: WINDOW_ENTRY },
                  UpdateExpression: 'SET booked = if_not_exists(booked, :zero) + :one, #capacity = if_not_exists(#capacity, :default)',
                  // With a default of 0, a window nobody configured takes no bookings at all.
                  ConditionExpression: defaultCapacity > 0 ? 'attribute_not_exists(booked) OR booked < #capacity' : 'booked < #capacity',
                  // CAPACITY is a DynamoDB reserved word.
                  ExpressionAttributeNames: { '#capacity': 'capacity' },
                  ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':default': defaultCapacity },
                },
              },
            ],
          }),
        );
        return 'reserved';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[0] === 'ConditionalCheckFailed') return 'already_reserved';
        if (codes[1] === 'ConditionalCheckFailed') throw new PickupWindowFull(windowId);
        if (isConflictOnly(codes)) {
          if (attempt >= MAX_CONFLICT_RETRIES) throw new CapacityContention(windowId);
          await sleep(backoffDelayMs(attempt));
          continue;
        }
        throw error;
      }
    }
  }

  async release(windowId: string, reference: string): Promise<'released' | 'not_reserved'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: this.tableName,
                  Key: { windowId, entry: reservationEntry(reference) },
                  ConditionExpression: 'attribute_exists(entry)',
                },
              },
              {
                Update: {
                  TableName: this.tableName,
                  Key: { windowId, entry: WINDOW_ENTRY },
                  UpdateExpression: 'SET booked = booked - :one',
                  ConditionExpression: 'booked >= :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ],
          }),
        );
        return 'released';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[0] === 'ConditionalCheckFailed') return 'not_reserved';
        if (isConflictOnly(codes) && attempt < MAX_CONFLICT_RETRIES) {
          await sleep(backoffDelayMs(attempt));
          continue;
        }
        throw error;
      }
    }
  }

  async loads(windowIds: string[], defaultCapacity: number): Promise<WindowLoad[]> {
    const found = new Map<string, WindowLoad>();
    for (let i = 0; i < windowIds.length; i += 100) {
      const chunk = windowIds.slice(i, i + 100);
      let keys: Record<string, unknown>[] | undefined = chunk.map((windowId) => ({ windowId, entry: WINDOW_ENTRY }));
      while (keys && keys.length > 0) {
        const result = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          found.set(item.windowId as string, { windowId: item.windowId as string, capacity: item.capacity as number, booked: item.booked as number });
        }
        keys = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return windowIds.map((windowId) => found.get(windowId) ?? { windowId, capacity: defaultCapacity, booked: 0 });
  }

  async setCapacity(windowId: string, capacity: number): Promise<WindowLoad> {
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > 10_000) {
      throw new InvalidCapacity('Capacity must be a whole number from 0 to 10000.', { capacity });
    }
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { windowId, entry: WINDOW_ENTRY },
          UpdateExpression: 'SET #capacity = :capacity, booked = if_not_exists(booked, :zero)',
          ExpressionAttributeNames: { '#capacity': 'capacity' },
          ConditionExpression: 'attribute_not_exists(booked) OR booked <= :capacity',
          ExpressionAttributeValues: { ':capacity': capacity, ':zero': 0 },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { windowId, capacity: result.Attributes!.capacity as number, booked: result.Attributes!.booked as number };
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') {
        const booked = (error as { Item?: Record<string, { N?: string }> }).Item?.booked?.N;
        throw new InvalidCapacity(`The window already has ${booked ?? 'more'} bookings; capacity cannot go below that.`, {
          windowId,
          booked: booked === undefined ? null : Number(booked),
        });
      }
      throw error;
    }
  }
}
