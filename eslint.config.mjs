// ESLint exists here for one job: AppSync rejects JavaScript that Node happily runs, so every
// APPSYNC_JS resolver (and the helpers bundled into them) is linted with AppSync's own rules.
// The recommended set includes type-aware rules (recursion, disallowed methods, passing
// functions), so the parser gets the project's type information.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';

const root = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('eslint').Linter.Config[]} */
export default [
  { ignores: ['cdk.out/**', 'node_modules/**', 'dist/**', '.data/**', 'scratch/**'] },
  {
    ...appsync.configs.recommended,
    name: 'appsync-resolvers',
    files: ['resolvers/**/*.ts'],
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parser: tseslint.parser,
      parserOptions: {
        project: path.join(root, 'tests/lint/tsconfig.resolvers.json'),
        tsconfigRootDir: root,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
];
