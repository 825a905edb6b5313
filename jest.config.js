// One runner for everything `npm test` checks. Projects split the tests that need the
// local cloud (started once by the integration project's global setup) from those
// that need nothing but Node.
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
};
const common = {
  testEnvironment: 'node',
  transform,
  // ESM-only packages that CommonJS Jest must compile.
  transformIgnorePatterns: ['/node_modules/(?!(jose|cheap-ruler|kdbush|geokdbush|tinyqueue)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};

module.exports = {
  reporters: ['<rootDir>/tests/setup/progress-reporter.js', '<rootDir>/tests/setup/summary-reporter.js'],
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/tests/conformance/**/*.test.ts'] },
    { ...common, displayName: 'lint', testMatch: ['<rootDir>/tests/lint/**/*.test.ts'] },
    { ...common, displayName: 'cdk', testMatch: ['<rootDir>/tests/cdk/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts', '<rootDir>/tests/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
      globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
    },
  ],
};
