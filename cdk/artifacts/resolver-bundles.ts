// Bundles APPSYNC_JS resolver sources the way AppSync requires: one ESM file, with the
// runtime-provided @aws-appsync/utils modules left as imports. CDK deploys these bundles
// and the local AppSync engine runs the very same text.
import { buildSync } from 'esbuild';
import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

export function bundleResolver(codeFile: string): string {
  const result = buildSync({
    entryPoints: [path.join(REPOSITORY_ROOT, codeFile)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'es2020',
    sourcemap: false,
    minify: false,
    external: ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb'],
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
