// Runs the ESLint Node API with the repository's eslint.config.mjs and prints the results as
// JSON. resolvers.test.ts starts it as a child process because ESLint loads its config and
// file walker with dynamic import(), which CommonJS Jest cannot run without
// --experimental-vm-modules.
//
// Request on stdin: { "files": ["resolvers/a.ts", ...] } or { "text": "...", "filePath": "resolvers/a.ts" }
// Answer on stdout: [{ filePath, errorCount, warningCount, messages: [{ ruleId, severity, line, column, message, fatal }] }]
// typescript-eslint switches to "single run" when CI=true: it builds its program from the files
// on disk once and then ignores text handed to lintText for a file of that program, so the tests
// that lint in-memory snippets under a resolver's path would lint the real file instead.
process.env.TSESTREE_SINGLE_RUN = 'false';
const { ESLint } = await import('eslint');
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const request = await readStdin();
// Explicit file names make ESLint warn about any file its config does not cover, instead of
// skipping it silently.
const eslint = new ESLint({ cwd: root, errorOnUnmatchedPattern: true });
const results =
  typeof request.text === 'string'
    ? await eslint.lintText(request.text, { filePath: path.resolve(root, request.filePath), warnIgnored: true })
    : await eslint.lintFiles(request.files.map((file) => path.resolve(root, file)));

process.stdout.write(
  JSON.stringify(
    results.map((result) => ({
      filePath: path.relative(root, result.filePath),
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      messages: result.messages.map(({ ruleId, severity, line, column, message, fatal }) => ({ ruleId, severity, line, column, message, fatal: Boolean(fatal) })),
    })),
  ),
);
