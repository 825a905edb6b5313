// The courier app's TypeScript and Vue templates (and the frontend-shared modules it imports)
// type-check (vue-tsc; Vite itself only strips types).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';

test('vue-tsc --noEmit -p frontend-courier reports no errors', async () => {
  const vueTsc = path.join(REPOSITORY_ROOT, 'node_modules', 'vue-tsc', 'bin', 'vue-tsc.js');
  const run = await new Promise<{ code: number; output: string }>((resolve, reject) => {
    execFile(process.execPath, [vueTsc, '--noEmit', '-p', 'frontend-courier/tsconfig.json', '--pretty', 'false'], { cwd: REPOSITORY_ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}`.trim() });
    });
  });
  expect(run.code === 0 ? '' : `vue-tsc exited with code ${run.code}:\n${run.output}`).toBe('');
}, 120_000);
