// Starts a local cloud as a child process in --test mode (free ports, in memory, short waits)
// and hands back its connection details. The test setup and the benchmarks use it, so they
// measure and test the same entry point `npm start` runs.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LocalCloudConnection } from './start';

export interface SpawnedLocalCloud {
  connection: LocalCloudConnection;
  /** The raw JSON line, for passing on through an environment variable. */
  connectionJson: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 90_000;

export async function spawnLocalCloud(options: { env?: NodeJS.ProcessEnv; forwardLogs?: boolean } = {}): Promise<SpawnedLocalCloud> {
  const root = path.resolve(__dirname, '..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'local', 'start.ts'), '--test'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...options.env },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
    if (options.forwardLogs) process.stderr.write(chunk);
  });

  const connectionJson = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`local cloud not ready after ${STARTUP_TIMEOUT_MS} ms\n${stderr}`)), STARTUP_TIMEOUT_MS);
    let ready = false;
    // Keeps draining stdout after the ready line (handler logs go there), or the child would block on a full pipe.
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (ready) {
        if (options.forwardLogs) process.stderr.write(chunk);
        return;
      }
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.startsWith('LOCAL_CLOUD_READY '));
      if (line) {
        ready = true;
        buffered = '';
        clearTimeout(timer);
        resolve(line.slice('LOCAL_CLOUD_READY '.length));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud exited with code ${code} before it was ready\n${stderr}`));
    });
  });

  return {
    connection: JSON.parse(connectionJson),
    connectionJson,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        // Closing stdin is the --test mode's stop signal; SIGTERM works as well.
        child.stdin?.end();
        child.kill('SIGTERM');
      }),
  };
}
