// Starts one local cloud for the integration project, as a separate process running the
// same entry point as `npm start` (in --test mode: free ports, in-memory data, short waits).
// Tests read its connection details from LOCAL_CLOUD (see tests/support/local-cloud.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

declare global {
  // eslint-disable-next-line no-var
  var __LOCAL_CLOUD_PROCESS__: ChildProcess | undefined;
}

const STARTUP_TIMEOUT_MS = 90_000;

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'local', 'start.ts'), '--test'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  globalThis.__LOCAL_CLOUD_PROCESS__ = child;
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
    if (process.env.LOCAL_VERBOSE === 'true') process.stderr.write(chunk);
  });

  const connection = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`local cloud not ready after ${STARTUP_TIMEOUT_MS} ms\n${stderr}`)), STARTUP_TIMEOUT_MS);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.startsWith('LOCAL_CLOUD_READY '));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice('LOCAL_CLOUD_READY '.length));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud exited with code ${code} before it was ready\n${stderr}`));
    });
  });
  process.env.LOCAL_CLOUD = connection;
}
