// The Lex V2 runtime API over HTTP, enough of it for @aws-sdk/client-lex-runtime-v2 pointed here
// unchanged (endpoint override, any credentials — requests are not signature-checked):
//   POST   /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}/text  RecognizeText
//   GET    /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}       GetSession
//   DELETE /bots/{botId}/botAliases/{botAliasId}/botLocales/{localeId}/sessions/{sessionId}       DeleteSession
// REST-JSON: JSON bodies, errors as an HTTP status with the x-amzn-ErrorType header and
// {"message"} body. The SDK needs `requestHandler: new NodeHttpHandler()` for plain HTTP.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecognizeTextRequestBody } from '../../voice/lex-types';
import { LexApiError } from './errors';
import { LocalLexRuntime, type LocalLexRuntimeOptions, type SessionAddress } from './runtime';
import { readBody } from '../support/http';

export interface StartLocalLexOptions extends LocalLexRuntimeOptions {
  /** 0 (default) lets the OS choose. */
  port?: number;
  host?: string;
  /** How often idle sessions are dropped from memory. */
  sweepIntervalMs?: number;
  log?: (line: string) => void;
}

export interface LocalLex {
  /** For AWS_ENDPOINT_URL_LEX_RUNTIME_V2 / the client's `endpoint`. */
  endpoint: string;
  port: number;
  runtime: LocalLexRuntime;
  close(): Promise<void>;
}

const SESSION_PATH = /^\/bots\/([^/]+)\/botAliases\/([^/]+)\/botLocales\/([^/]+)\/sessions\/([^/]+)(\/text)?\/?$/;
const MAX_BODY_BYTES = 64 * 1024;


function send(response: http.ServerResponse, status: number, body: unknown, requestId: string, errorType?: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
  });
  response.end(text);
}

async function handle(runtime: LocalLexRuntime, request: http.IncomingMessage): Promise<unknown> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const match = SESSION_PATH.exec(url.pathname);
  if (!match) throw new LexApiError('ResourceNotFoundException', `No Lex runtime operation at ${request.method} ${url.pathname}`);
  const [, botId, botAliasId, localeId, sessionId, text] = match.map((part) => (part === undefined ? part : decodeURIComponent(part)));
  const address: SessionAddress = { botId, botAliasId, localeId, sessionId };
  if (text && request.method === 'POST') {
    const raw = await readBody(request, MAX_BODY_BYTES, () => new LexApiError('ValidationException', `Request body exceeds ${MAX_BODY_BYTES} bytes`));
    let body: RecognizeTextRequestBody;
    try {
      body = JSON.parse(raw || '{}') as RecognizeTextRequestBody;
    } catch {
      throw new LexApiError('ValidationException', 'The request body is not valid JSON');
    }
    return runtime.recognizeText(address, body);
  }
  if (!text && request.method === 'GET') return runtime.getSession(address);
  if (!text && request.method === 'DELETE') return runtime.deleteSession(address);
  throw new LexApiError('ValidationException', `${request.method} ${url.pathname} is not supported by the local Lex runtime (RecognizeText, GetSession and DeleteSession are)`);
}

export async function startLocalLex(options: StartLocalLexOptions): Promise<LocalLex> {
  const runtime = new LocalLexRuntime(options);
  const log = options.log ?? (() => undefined);
  const trained = await runtime.warmUp();
  for (const entry of trained) log(`lex: trained ${entry.localeId} on ${entry.trainingSentences} sentences in ${entry.trainingMs.toFixed(0)} ms`);

  const server = http.createServer((request, response) => {
    const requestId = randomUUID();
    handle(runtime, request).then(
      (body) => send(response, 200, body, requestId),
      (error: unknown) => {
        if (error instanceof LexApiError) {
          send(response, error.httpStatus, { message: error.message }, requestId, error.code);
          return;
        }
        log(`lex: internal error: ${(error as Error)?.stack ?? String(error)}`);
        send(response, 500, { message: 'Internal server error' }, requestId, 'InternalServerException');
      },
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const sweeper = setInterval(() => runtime.sweepIdleSessions(), options.sweepIntervalMs ?? 60_000);
  sweeper.unref();
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`lex: runtime listening on ${endpoint}`);
  return {
    endpoint,
    port,
    runtime,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clearInterval(sweeper);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
