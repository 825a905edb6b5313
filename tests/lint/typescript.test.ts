// The whole project type-checks. Jest compiles tests with @swc/jest, which strips types
// without checking them, so this is where type errors fail `npm test`.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';

const TSC = path.join(REPOSITORY_ROOT, 'node_modules', '.bin', 'tsc');

interface Run {
  code: number;
  output: string;
}

function runTsc(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // The same Node that runs Jest runs the compiler (the .bin entry is a Node script).
    execFile(process.execPath, [TSC, ...args], { cwd: REPOSITORY_ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
}

test('tsc --noEmit -p . reports no errors', async () => {
  const run = await runTsc(['--noEmit', '-p', '.', '--pretty', 'false']);
  // On failure the message is the compiler's own list of errors.
  const failure = run.code === 0 ? '' : `tsc --noEmit exited with code ${run.code}:\n${run.output}`;
  expect(failure).toBe('');
}, 120_000);
