// Local stand-in for Cognito user pools: cognito-local 5.3.0 in a child process.
//
// A separate process because cognito-local pulls in ESM-only packages (otplib → @scure/base)
// through CommonJS require, which plain Node 22 handles but Jest's module runtime does not,
// and because it keeps cognito-local's own Express, pino and StormDB out of the process
// hosting the rest of the local cloud. The child runs our TypeScript through tsx, as the
// local cloud itself does.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChildMessage, ParentMessage } from './cognito-local-process';
import { LocalCognitoStartError } from './errors';

export { LocalCognitoStartError } from './errors';

export interface LocalCognitoOptions {
  /** Port to listen on; omit (or 0) to let the OS choose a free one. */
  port?: number;
  /** Directory for pools, users and clients (one JSON file per pool). Created if missing. */
  dataDir: string;
  log?: (line: string) => void;
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
}

export interface LocalCognito {
  /** Base URL for SDK clients and Amplify's `Auth.Cognito.userPoolEndpoint`. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

function childNodeArguments(): string[] {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  // require() of ES modules is on by default from Node 22.12; earlier versions need the flag.
  const requireModule = major > 22 || (major === 22 && minor >= 12) ? [] : ['--experimental-require-module'];
  const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
  return [...requireModule, '--import', tsxLoader, path.join(__dirname, 'cognito-local-process.ts')];
}

function forwardLines(stream: NodeJS.ReadableStream | null, log: (line: string) => void): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) log(`cognito-local: ${line}`);
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function waitForReady(child: ChildProcess): Promise<{ port: number; issuerDomain: string }> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
      outcome();
    };
    const onMessage = (message: ChildMessage) => {
      if (message.type === 'ready') settle(() => resolve(message));
      if (message.type === 'failed') settle(() => reject(new LocalCognitoStartError(message.message)));
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      settle(() => reject(new LocalCognitoStartError(`local Cognito exited while starting (code ${code}, signal ${signal})`)));
    const onError = (error: Error) =>
      settle(() => reject(new LocalCognitoStartError(`local Cognito could not be started: ${error.message}`, { cause: error })));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(() => reject(new LocalCognitoStartError(`local Cognito was not ready after ${START_TIMEOUT_MS} ms`)));
    }, START_TIMEOUT_MS);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

export async function startLocalCognito(options: LocalCognitoOptions): Promise<LocalCognito> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, childNodeArguments(), {
    // Anything cognito-local might still write relative to its working directory lands
    // with its data, never in the repository root.
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Debugger or loader flags meant for the parent must not leak into the child.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  forwardLines(child.stdout, log);
  forwardLines(child.stderr, log);
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'log') log(message.line);
  });

  const start: ParentMessage = { type: 'start', port: options.port ?? 0, host, dataDir };
  child.send(start);
  const { port } = await waitForReady(child);

  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) log(`local Cognito exited unexpectedly (code ${code}, signal ${signal})`);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const endpoint = `http://${urlHost(host)}:${port}`;
  log(`local Cognito listening on ${endpoint} (data in ${start.dataDir})`);

  return {
    endpoint,
    port,
    async stop() {
      if (!stopping) {
        stopping = true;
        if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
        const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        killTimer.unref();
        exited.finally(() => clearTimeout(killTimer));
      }
      await exited;
    },
  };
}
