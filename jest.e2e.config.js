/** Browser tests: Debian's Chromium driven by playwright-core against a started local runtime. */
const base = require('./jest.config.js').projects[0];

module.exports = {
  ...base,
  displayName: 'browser',
  testPathIgnorePatterns: ['/node_modules/'],
  roots: ['<rootDir>/test/e2e'],
  testTimeout: 60000,
  maxWorkers: 1,
};
