// Jest's default per-file reporter, named explicitly so the summary reporter can come last.
module.exports = require('@jest/reporters').DefaultReporter;
