/**
 * "The embedded default does not rot": start the product the way `bash scripts/run.sh` does
 * (node tools/launcher.mjs after the build), with no DATABASE_URL and the usual PostgreSQL port
 * pointed at a port nothing listens on, so the launcher must start the embedded PostgreSQL.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, freePort, HttpClient, ROOT, serverUrls, waitForHealth } from '../support/stack';
import { redisCommands } from '../support/redis';

jest.setTimeout(240_000);

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
  let dataDir = '';
  let baseUrl = '';
  let redisDb = '';
  let embeddedPgPort = 0;

  beforeAll(async () => {
    // A data dir the embedded server's "postgres" user can enter when the tests run as root.
    dataDir = mkdtempSync(join(tmpdir(), 'hutong-embedded-'));
    chmodSync(dataDir, 0o755);
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
      HUTONG_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      REDIS_URL: redis.toString(),
      LOG_LEVEL: 'warn',
    });
    launcher = spawn(process.execPath, ['tools/launcher.mjs'], {
      cwd: ROOT,
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
  });

  afterAll(async () => {
    if (launcher && launcher.exitCode === null) {
      launcher.kill('SIGKILL');
    }
    const redis = new URL(serverUrls().redis);
    await redisCommands(redis.toString(), [['SELECT', redisDb], ['FLUSHDB']]).catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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

  it('stops the apps and the embedded PostgreSQL on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => launcher?.once('exit', (code) => resolve(code)));
    launcher?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await accepts(embeddedPgPort)).toBe(false);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(
      await fetch(`${baseUrl}/api/health`).then(
        () => 'up',
        () => 'down',
      ),
    ).toBe('down');
  });
});
