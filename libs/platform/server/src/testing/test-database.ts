import { Client } from 'pg';

// Only `pg` here: the tier's globalSetup loads this file outside Jest's module map (no path aliases).

/** Set by the tier's Jest globalSetup: the name of this run's migrated template database. */
export const TEMPLATE_ENV = 'HUTONG_TEST_TEMPLATE';

/** The PostgreSQL server the tests use (scripts/services.sh's convention). */
export function testServerUrl(): string {
  return process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testServerUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;
function checked(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a database name: ${name}`);
  return name;
}

/** Creates an empty database (the tier's globalSetup then migrates it into the run's template). */
export async function createDatabase(name: string): Promise<void> {
  await onServer(async (c) => {
    await c.query(`drop database if exists ${checked(name)} with (force)`);
    await c.query(`create database ${checked(name)}`);
  });
}

/** A fresh database for one suite: a copy of the migrated template (a file copy, far faster than migrating). */
export async function createDatabaseFromTemplate(template = process.env[TEMPLATE_ENV]): Promise<string> {
  if (!template)
    throw new Error(`${TEMPLATE_ENV} is not set: run the in-process tier with -c test/jest.inproc.config.cjs`);
  const name = checked(`${template.replace('hutong_tpl_', 'hutong_t_')}_${process.pid}_${(seq++).toString(36)}`);
  // two suites copying the template at the same moment: PostgreSQL refuses the second while the first reads it
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer((c) => c.query(`create database ${name} template ${checked(template)}`));
      return name;
    } catch (e) {
      if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}
let seq = 0;

export async function dropDatabase(name: string): Promise<void> {
  await onServer((c) => c.query(`drop database if exists ${checked(name)} with (force)`));
}
