// Task tokens for `.waitForTaskToken` tasks and the SendTaskSuccess/Failure/Heartbeat rules.
// Followed the SendTask* API reference: InvalidToken ("The provided token is not valid"),
// TaskDoesNotExist, TaskTimedOut ("The task token has either expired or the task associated with
// the token has already been closed"), InvalidOutput ("The provided JSON output data is not valid").
import { randomBytes } from 'node:crypto';
import type { JsonValue } from './definition';
import { StepFunctionsApiError } from './errors';

/** The waiting task a token belongs to. Calls arrive synchronously from the API handlers. */
export interface TaskTokenListener {
  onTaskSuccess(output: JsonValue): void;
  onTaskFailure(error: string | undefined, cause: string | undefined): void;
  onTaskHeartbeat(): void;
}

/** 48 random bytes in base64url: 64 URL-safe characters, so a token can sit in a link unescaped. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{64}$/;

export function isWellFormedTaskToken(token: string): boolean {
  return TOKEN_FORMAT.test(token);
}

export class TaskTokenRegistry {
  /** Open tokens map to their listener; closed tokens stay (as null) so late calls get TaskTimedOut. */
  private readonly tokens = new Map<string, TaskTokenListener | null>();

  mint(): string {
    return randomBytes(48).toString('base64url');
  }

  open(token: string, listener: TaskTokenListener): void {
    this.tokens.set(token, listener);
  }

  close(token: string): void {
    if (this.tokens.has(token)) this.tokens.set(token, null);
  }

  isOpen(token: string): boolean {
    return Boolean(this.tokens.get(token));
  }

  private listenerFor(token: string): TaskTokenListener {
    if (!isWellFormedTaskToken(token)) throw new StepFunctionsApiError('InvalidToken', 'Invalid token');
    if (!this.tokens.has(token)) throw new StepFunctionsApiError('TaskDoesNotExist', 'Task does not exist');
    const listener = this.tokens.get(token);
    if (!listener) throw new StepFunctionsApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return listener;
  }

  succeed(token: string, output: string): void {
    const listener = this.listenerFor(token);
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(output) as JsonValue;
    } catch (error) {
      throw new StepFunctionsApiError('InvalidOutput', `Invalid JSON output: ${(error as Error).message}`);
    }
    this.tokens.set(token, null);
    listener.onTaskSuccess(parsed);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const listener = this.listenerFor(token);
    this.tokens.set(token, null);
    listener.onTaskFailure(error, cause);
  }

  heartbeat(token: string): void {
    this.listenerFor(token).onTaskHeartbeat();
  }
}
