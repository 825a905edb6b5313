// Jest's own summary, followed by the one line CI reads: "N passed, N failed".
// Listed last in jest.config.js (and without 'default', which would append a second
// summary after ours) so that line is the last thing the test command writes.
const { SummaryReporter } = require('@jest/reporters');

class PassedFailedSummaryReporter extends SummaryReporter {
  onRunComplete(testContexts, results) {
    super.onRunComplete(testContexts, results);
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = PassedFailedSummaryReporter;
