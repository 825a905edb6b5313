// CapacityStore on DynamoDB. Each window is one item: capacity, booked, and the string set of
// references holding a place. Reserving is a single conditional update — add the reference and
// increment `booked` only while `booked < capacity` and the reference is not in the set — so
// concurrent callers can never overbook and a retried reservation is recognised, without a
// transaction (half the write cost, and no transaction conflicts between callers of one window).
// The item grows by ~10 bytes per booking: a window of 1,000 pickups stays near 10 KB.
import { BatchGetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InvalidCapacity, PickupWindowFull } from '../../domain/errors';
import type { CapacityStore, WindowLoad } from '../../ports/capacity-store';

const WINDOW_ENTRY = 'WINDOW';

/** The old item DynamoDB returns with a failed condition (ReturnValuesOnConditionCheckFailure: ALL_OLD), still marshalled. */
function oldItemOf(error: unknown): { reservations?: { SS?: string[] }; booked?: { N?: string } } | undefined {
  return (error as { Item?: { reservations?: { SS?: string[] }; booked?: { N?: string } } }).Item;
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export class DynamoDbCapacityStore implements CapacityStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async reserve(windowId: string, reference: string, defaultCapacity: number): Promise<'reserved' | 'already_reserved'> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { windowId, entry: WINDOW_ENTRY },
          // A window nobody booked yet has no item: it starts at the default capacity.
          UpdateExpression: 'SET booked = if_not_exists(booked, :zero) + :one, #capacity = if_not_exists(#capacity, :default) ADD reservations :references',
          // With a default of 0, a window nobody configured takes no bookings at all.
          ConditionExpression: `${defaultCapacity > 0 ? '(attribute_not_exists(booked) OR booked < #capacity)' : 'booked < #capacity'} AND NOT contains(reservations, :reference)`,
          // CAPACITY is a DynamoDB reserved word.
          ExpressionAttributeNames: { '#capacity': 'capacity' },
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':default': defaultCapacity, ':reference': reference, ':references': new Set([reference]) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return 'reserved';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      if (oldItemOf(error)?.reservations?.SS?.includes(reference)) return 'already_reserved';
      throw new PickupWindowFull(windowId);
    }
  }

  async release(windowId: string, reference: string): Promise<'released' | 'not_reserved'> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { windowId, entry: WINDOW_ENTRY },
          UpdateExpression: 'SET booked = booked - :one DELETE reservations :references',
          ConditionExpression: 'contains(reservations, :reference)',
          ExpressionAttributeValues: { ':one': 1, ':reference': reference, ':references': new Set([reference]) },
        }),
      );
      return 'released';
    } catch (error) {
      if (isConditionFailure(error)) return 'not_reserved';
      throw error;
    }
  }

  /** The references holding a place in a window (for audits and tests). */
  async reservations(windowId: string): Promise<string[]> {
    const result = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: [{ windowId, entry: WINDOW_ENTRY }], ConsistentRead: true } } }));
    const item = result.Responses?.[this.tableName]?.[0];
    return item?.reservations ? [...(item.reservations as Set<string>)].sort() : [];
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
