// npx jest -c test/jest.integration.config.cjs --runInBand
// Needs the built apps (npx nx run-many -t build -p api worker web), PostgreSQL and Redis
// (TEST_DATABASE_URL, TEST_REDIS_URL; see test/support/stack.ts).
module.exports = require('./support/jest-base.cjs')('integration');
