// Amplify v6 always dials wss:// for a custom (non-AppSync) GraphQL host; the local cloud's
// real-time endpoint is plain ws:// on localhost. Imported first in an app's main.ts, this maps
// those URLs (and only those: a deployed app talks to AppSync over wss as usual). DESIGN.md §9.
const LOCAL_WSS = /^wss:\/\/(localhost|127\.0\.0\.1|\[::1\])([:/])/;

if (typeof window !== 'undefined' && window.WebSocket) {
  const NativeWebSocket = window.WebSocket;
  class LocalWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(String(url).replace(LOCAL_WSS, 'ws://$1$2'), protocols);
    }
  }
  window.WebSocket = LocalWebSocket;
}

export {};
