// Every APPSYNC_JS resolver (and every helper bundled into one) passes AppSync's own linter
// (@aws-appsync/eslint-plugin, recommended rules, with type information). Node runs code
// that AppSync rejects at deploy time, so neither the local engine nor unit tests catch this.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../../cdk/artifacts/resolver-bundles';

interface LintMessage {
  ruleId: string | null;
  severity: number;
  line: number;
  column: number;
  message: string;
  fatal: boolean;
}
interface LintResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  messages: LintMessage[];
}

const RUNNER = path.join(__dirname, 'eslint-runner.mjs');
const RESOLVERS_DIR = path.join(REPOSITORY_ROOT, 'resolvers');

function eslint(request: { files: string[] } | { text: string; filePath: string }): Promise<LintResult[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [RUNNER], { cwd: REPOSITORY_ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`ESLint runner failed (${error.message.split('\n')[0]}):\n${stderr}${stdout}`));
      resolve(JSON.parse(stdout) as LintResult[]);
    });
    child.stdin?.end(JSON.stringify(request));
  });
}

/** "resolvers/x.ts:3:5 @aws-appsync/no-for For statements are not supported." per problem. */
function problems(results: LintResult[]): string[] {
  return results.flatMap((result) =>
    result.messages.map((m) => `${result.filePath}:${m.line ?? 0}:${m.column ?? 0} ${m.ruleId ?? (m.fatal ? 'fatal' : 'eslint')} ${m.message.split('\n')[0]}`),
  );
}

function resolverFiles(dir = RESOLVERS_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? resolverFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []))
    .map((file) => path.relative(REPOSITORY_ROOT, file))
    .sort();
}

const TIMEOUT = 60_000;

test('every resolver passes @aws-appsync/eslint-plugin (recommended)', async () => {
  const files = resolverFiles();
  expect(files).toContain(path.join('resolvers', 'invoke-lambda.ts'));
  const results = await eslint({ files });
  // Each file was linted (a file outside the config would come back with an "ignored" warning).
  expect(results.map((r) => r.filePath).sort()).toEqual(files);
  expect(problems(results)).toEqual([]);
}, TIMEOUT);

describe('the lint rejects what APPSYNC_JS rejects', () => {
  // Linted as if it were the text of a real resolver file, so the repository's config, parser and
  // type information apply exactly as they do to the resolvers (nothing is written to disk).
  const asResolver = () => resolverFiles()[0];

  test('syntax AppSync does not support', async () => {
    const code = [
      "import { util, type Context } from '@aws-appsync/utils';",
      'export async function request(ctx: Context) {',
      '  let total = 0;',
      '  for (let i = 0; i < 3; i += 1) {',
      '    if (i === 1) continue;',
      '    total += i;',
      '  }',
      '  try {',
      '    util.error("x");',
      '  } catch (e) {',
      '    total = 0;',
      '  }',
      '  return { total, ok: /^[a-z]+$/.test(ctx.args.name) };',
      '}',
      'export function response(ctx: Context) {',
      '  return ctx.result;',
      '}',
      '',
    ].join('\n');
    const rules = new Set(problems(await eslint({ text: code, filePath: asResolver() })).map((p) => p.split(' ')[1]));
    expect([...rules].sort()).toEqual(['@aws-appsync/no-async', '@aws-appsync/no-continue', '@aws-appsync/no-for', '@aws-appsync/no-regex', '@aws-appsync/no-try']);
  }, TIMEOUT);

  test('type-aware rules: recursion and methods the runtime lacks', async () => {
    const code = [
      "import type { Context } from '@aws-appsync/utils';",
      'function depth(n: number): number {',
      '  return n > 0 ? depth(n - 1) + 1 : 0;',
      '}',
      'export function request(ctx: Context<{ id: string }>) {',
      "  return { id: ctx.args.id.padStart(8, '0'), depth: depth(2) };",
      '}',
      'export function response(ctx: Context) {',
      '  return ctx.result;',
      '}',
      '',
    ].join('\n');
    const found = problems(await eslint({ text: code, filePath: asResolver() }));
    expect(found.some((p) => p.includes('@aws-appsync/no-recursion'))).toBe(true);
    expect(found.some((p) => p.includes('@aws-appsync/no-disallowed-methods') && p.includes('String.padStart'))).toBe(true);
  }, TIMEOUT);
});
