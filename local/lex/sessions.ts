// Conversation state per session, kept in memory like Lex keeps it: a session Lex has not heard
// from for the bot's idleSessionTtlInSeconds is gone, and the next request starts afresh.
import type { LexDialogAction, LexIntent, LexMessage, LexRuntimeInterpretation } from '../../voice/lex-types';

export interface LexSessionRecord {
  key: string;
  sessionId: string;
  botId: string;
  botAliasId: string;
  localeId: string;
  dialogAction?: LexDialogAction;
  intent?: LexIntent;
  sessionAttributes: Record<string, string>;
  /** Re-prompts so far of the slot or confirmation currently asked for. */
  attempt: number;
  /** What the last turn returned, for GetSession. */
  messages: LexMessage[];
  interpretations: LexRuntimeInterpretation[];
  originatingRequestId?: string;
  lastActiveMs: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, LexSessionRecord>();

  constructor(private readonly now: () => number) {}

  static key(botId: string, botAliasId: string, localeId: string, sessionId: string): string {
    return `${botId}/${botAliasId}/${localeId}/${sessionId}`;
  }

  /** The live session, or undefined when there is none or it has been idle too long. */
  get(key: string, idleTtlSeconds: number): LexSessionRecord | undefined {
    const session = this.sessions.get(key);
    if (session && this.now() - session.lastActiveMs > idleTtlSeconds * 1000) {
      this.sessions.delete(key);
      return undefined;
    }
    return session;
  }

  put(session: LexSessionRecord): void {
    session.lastActiveMs = this.now();
    this.sessions.set(session.key, session);
  }

  delete(key: string): boolean {
    return this.sessions.delete(key);
  }

  /** Drops sessions idle longer than their bot's TTL; the runtime calls this periodically to bound memory. */
  sweep(idleTtlSecondsFor: (session: LexSessionRecord) => number): number {
    let removed = 0;
    for (const [key, session] of this.sessions) {
      if (this.now() - session.lastActiveMs > idleTtlSecondsFor(session) * 1000) {
        this.sessions.delete(key);
        removed++;
      }
    }
    return removed;
  }

  get size(): number {
    return this.sessions.size;
  }
}
