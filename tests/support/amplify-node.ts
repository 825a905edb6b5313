// What the real aws-amplify v6 client needs to run in Node against the local cloud:
// token storage (Node has no localStorage) and the ws:// shim the front ends also install
// (Amplify always dials wss:// for a non-AppSync host; DESIGN.md §9).
import WebSocket from 'ws';

export class MemoryKeyValueStorage {
  private readonly items = new Map<string, string>();
  async setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  async getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  async removeItem(key: string) {
    this.items.delete(key);
  }
  async clear() {
    this.items.clear();
  }
}

export class LocalWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(String(url).replace(/^wss:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/])/, 'ws://$1$2'), protocols);
  }
}
