// npx jest -c test/jest.e2e.config.cjs --runInBand
// Browser journeys in Chromium (test/support/browser.ts) against a stack from test/support/stack.ts.
module.exports = require('./support/jest-base.cjs')('e2e');
