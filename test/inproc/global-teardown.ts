// The in-process tier's globalTeardown: drop this run's template database.
import { TEMPLATE_ENV, dropDatabase } from '../../libs/platform/server/src/testing/test-database';

export default async function globalTeardown(): Promise<void> {
  const name = process.env[TEMPLATE_ENV];
  if (name) await dropDatabase(name);
}
