/**
 * A real stack for integration and e2e tests: a fresh PostgreSQL database, a Redis database of its
 * own, the built api (and worker) as child processes on a free port.
 *
 *   const stack = await startStack({ seed: true, worker: true });
 *   const admin = await stack.login('admin', DEMO_PASSWORD);
 *   const res = await admin.get('/api/organisations');
 *   await stack.stop();
 *
 * Needs `npx nx run-many -t build -p api worker web` first. Servers come from TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres) and TEST_REDIS_URL (default
 * redis://127.0.0.1:6379); each stack takes one of Redis databases 1–15 (locked while in use,
 * flushed before and after), so stale BullMQ jobs of an earlier run never collide with its ids.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { HttpClient } from './http';
import { redisCommands } from './redis';

export { HttpClient } from './http';
export type { HttpResponse } from './http';

export const ROOT = join(__dirname, '../..');
export const DEMO_PASSWORD = 'Hutong-demo-2026';
export const DEMO_USERS = ['admin', 'coordinator', 'viewer', 'applicant', 'expert'] as const;

const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/main.js');
const CLI = join(ROOT, 'dist/apps/api/cli.js');

export interface StackOptions {
  /** Run `cli.js seed` (demo province + one user per role). Default false. */
  seed?: boolean;
  /** Start the worker too. Default false. */
  worker?: boolean;
  /** Extra environment for migrate, seed, api and worker (e.g. LOGIN_RATE_LIMIT). */
  env?: Record<string, string>;
}

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  redisUrl: string;
  /** A connected pg client on the stack's database. */
  db: Client;
  /** Logs in (expects 200) and returns a cookie-keeping client. */
  login(username: string, password?: string): Promise<HttpClient>;
  /** A client without a session. */
  client(): HttpClient;
  /** What the api and worker printed so far. */
  output(): string;
  /** Stops the processes, drops the database, frees the Redis database. */
  stop(): Promise<void>;
}

export function serverUrls() {
  return {
    database: process.env['TEST_DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres',
    redis: process.env['TEST_REDIS_URL'] || 'redis://127.0.0.1:6379',
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForHealth(baseUrl: string, timeoutMs: number, alive?: () => string | null): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dead = alive?.();
    if (dead) throw new Error(dead);
    try {
      const res = await fetch(`${baseUrl}/api/health`, {
        signal: AbortSignal.timeout(2000),
      });
      const body = await res.json().catch(() => null);
      if (res.ok && body?.status === 'ok') return body;
      last = `${res.status} ${JSON.stringify(body)}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${baseUrl}/api/health not ok within ${timeoutMs} ms (last: ${last})`);
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(serverUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Claims a free Redis database 1–15 on the server (lock key in db 0) and flushes it. */
async function claimRedisDb(serverUrl: string, token: string): Promise<string> {
  const base = new URL(serverUrl);
  base.pathname = '';
  const dbs = Array.from({ length: 15 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
  for (const db of dbs) {
    const [claimed] = await redisCommands(base.toString(), [
      ['SET', `hutong:test-stack:db:${db}`, token, 'NX', 'EX', '3600'],
    ]);
    if (claimed === 'OK') {
      await redisCommands(base.toString(), [['SELECT', String(db)], ['FLUSHDB']]);
      const url = new URL(base.toString());
      url.pathname = `/${db}`;
      return url.toString();
    }
  }
  throw new Error(`all Redis databases 1-15 on ${serverUrl} are in use by other test stacks`);
}

async function releaseRedisDb(url: string, token: string): Promise<void> {
  const u = new URL(url);
  const db = u.pathname.slice(1);
  u.pathname = '';
  await redisCommands(u.toString(), [['SELECT', db], ['FLUSHDB']]);
  const [owner] = await redisCommands(u.toString(), [['GET', `hutong:test-stack:db:${db}`]]);
  if (owner === token) await redisCommands(u.toString(), [['DEL', `hutong:test-stack:db:${db}`]]);
}

function runCli(args: string[], env: NodeJS.ProcessEnv): void {
  const res = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (res.status !== 0) {
    throw new Error(`cli.js ${args.join(' ')} failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  }
}

function stopProcess(child: ChildProcess | undefined, timeoutMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A database migrated (and, for `seed`, seeded) once, that every stack copies (CREATE DATABASE … TEMPLATE, a file
 * copy instead of a migrate and a seed per suite). Keyed by the built CLI (its migrations and seed) and the
 * Shanghai day (the demo's windows are relative to it); built under an advisory lock, so that the integration and
 * e2e tiers running side by side build it once, and published by a rename, so that a half-built one is never
 * copied. Older ones are dropped when a new one is made.
 */
async function templateFor(serverUrl: string, seed: boolean, env: NodeJS.ProcessEnv): Promise<string> {
  const build = createHash('sha256').update(readFileSync(CLI)).digest('hex').slice(0, 12);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).replace(/-/g, '');
  const name = `hutong_stpl_${build}_${day}_${seed ? 'seed' : 'bare'}`;
  return admin(serverUrl, async (c) => {
    await c.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      if ((await c.query('select 1 from pg_database where datname = $1', [name])).rowCount) return name;
      const { rows: old } = await c.query<{ datname: string }>(
        "select datname from pg_database where datname like 'hutong\\_stpl\\_%' and datname not like $1",
        [`hutong_stpl_${build}_${day}_%`],
      );
      for (const o of old) await c.query(`drop database if exists ${o.datname} with (force)`).catch(() => undefined);
      const building = `${name}_new`;
      await c.query(`drop database if exists ${building} with (force)`);
      await c.query(`create database ${building}`);
      const buildEnv = { ...env, DATABASE_URL: withDatabase(serverUrl, building) };
      runCli(['migrate'], buildEnv);
      if (seed) runCli(['seed'], buildEnv);
      await c.query(`alter database ${building} rename to ${name}`);
      return name;
    } finally {
      await c.query('select pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  for (const file of [CLI, API_MAIN, ...(options.worker ? [WORKER_MAIN] : [])]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npx nx run-many -t build -p api worker web`);
  }
  const servers = serverUrls();
  const token = randomBytes(6).toString('hex');
  const dbName = `hutong_it_${token}`;
  const template = await templateFor(servers.database, options.seed === true, {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  });
  await admin(servers.database, (c) => c.query(`create database ${dbName} template ${template}`));
  const databaseUrl = withDatabase(servers.database, dbName);
  let redisUrl = '';
  const processes: ChildProcess[] = [];
  let output = '';
  let db: Client | undefined;

  const cleanup = async () => {
    await Promise.all(processes.map((p) => stopProcess(p)));
    await db?.end().catch(() => undefined);
    await admin(servers.database, (c) => c.query(`drop database if exists ${dbName} with (force)`)).catch(
      () => undefined,
    );
    if (redisUrl) await releaseRedisDb(redisUrl, token).catch(() => undefined);
  };

  try {
    redisUrl = await claimRedisDb(servers.redis, token);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
      WEB_DIST: join(ROOT, 'dist/apps/web/browser'),
      ...options.env,
    };
    // migrated (and seeded) already: the copy of the template

    const start = (name: string, file: string) => {
      const child = spawn(process.execPath, [file], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const collect = (chunk: Buffer) => {
        output += `[${name}] ${chunk.toString()}`;
        if (output.length > 200_000) output = output.slice(-100_000);
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      processes.push(child);
      return child;
    };
    const api = start('api', API_MAIN);
    const worker = options.worker ? start('worker', WORKER_MAIN) : undefined;
    const dead = () => {
      for (const [name, p] of [
        ['api', api],
        ['worker', worker],
      ] as const) {
        if (p && p.exitCode !== null) return `${name} exited with ${p.exitCode}:\n${output.slice(-4000)}`;
      }
      return null;
    };
    await waitForHealth(baseUrl, 45_000, dead).catch((e: Error) => {
      throw new Error(`${e.message}\n--- output ---\n${output.slice(-4000)}`);
    });

    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const connected = db;

    return {
      baseUrl,
      databaseUrl,
      redisUrl,
      db: connected,
      client: () => new HttpClient(baseUrl),
      async login(username: string, password = DEMO_PASSWORD) {
        const client = new HttpClient(baseUrl);
        const res = await client.post('/api/auth/login', {
          username,
          password,
        });
        if (res.status !== 200 && res.status !== 201) {
          throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
        }
        return client;
      },
      output: () => output,
      stop: cleanup,
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
