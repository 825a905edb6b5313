// An execution's event history, in the shapes GetExecutionHistory returns (the SDK's HistoryEvent
// type keeps the *EventDetails members honest), and the nextToken paging shared by the List APIs.
import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import { StepFunctionsApiError } from './errors';

export type HistoryEventDetails = Omit<HistoryEvent, 'timestamp' | 'type' | 'id' | 'previousEventId'>;

export class ExecutionHistory {
  private readonly events: HistoryEvent[] = [];

  append(type: HistoryEventType, details: HistoryEventDetails = {}): HistoryEvent {
    const id = this.events.length + 1;
    const event: HistoryEvent = { timestamp: new Date(), type, id, previousEventId: id - 1, ...details };
    this.events.push(event);
    return event;
  }

  list(): readonly HistoryEvent[] {
    return this.events;
  }
}

/** Page sizes follow the API reference: 0 or absent means the default page of 100; at most 1000. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

interface PageCursor {
  scope: string;
  offset: number;
}

/**
 * One page of `items`. The token names the listing it belongs to (`scope`), so a token replayed
 * against another listing is refused like AWS refuses foreign tokens (InvalidToken).
 */
export function paginate<T>(
  items: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  scope: string
): { page: T[]; nextToken?: string } {
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > MAX_PAGE_SIZE)) {
    throw new StepFunctionsApiError('ValidationException', `maxResults must be an integer from 0 to ${MAX_PAGE_SIZE}`);
  }
  const size = maxResults ? maxResults : DEFAULT_PAGE_SIZE;
  let offset = 0;
  if (nextToken) {
    let cursor: PageCursor | undefined;
    try {
      cursor = JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) as PageCursor;
    } catch {
      cursor = undefined;
    }
    if (!cursor || cursor.scope !== scope || !Number.isInteger(cursor.offset) || cursor.offset < 0) {
      throw new StepFunctionsApiError('InvalidToken', `Invalid Token: '${nextToken}'`);
    }
    offset = cursor.offset;
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length
    ? { page, nextToken: Buffer.from(JSON.stringify({ scope, offset: next } satisfies PageCursor)).toString('base64url') }
    : { page };
}
