#!/usr/bin/env node
// Cold load of the coordinator's landing page (/organisations) in headless Chromium:
//   node test/bench/web-landing.mjs                      starts its own api (built dist/, see below)
//   BASE_URL=http://127.0.0.1:3000 node test/bench/web-landing.mjs   against a running Hutong (bash scripts/run.sh)
//   options: --runs 5 (median of these), --user coordinator, --password Hutong-demo-2026, --json,
//            --verbose (the JavaScript files of the first run with their sizes),
//            --mbps 10 --rtt 40 (emulated link: download Mbit/s and round trip in ms; default none, loopback),
//            --screenshots <dir> (after the runs: PNGs of the landing page, its organisation form and the first cycle's board)
//
// Without BASE_URL it needs `npx nx run-many -t build -p api worker web` first, PostgreSQL at
// TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) and Redis at TEST_REDIS_URL
// (default redis://127.0.0.1:6379): it creates a scratch database, runs `cli.js migrate` and `seed`,
// starts `dist/apps/api/main.js` (serving dist/apps/web/browser) on a free port and drops it all at the end.
//
// Each run: a fresh --user-data-dir (empty cache), the session cookie from POST /api/auth/login (so the
// login page does not warm the cache), then `/` is opened and followed to the landing page. Measured:
//   initialJsBytes   bytes on the wire (CDP Network encodedDataLength: headers + encoded body) of the
//                    JavaScript responses that finished before the page was interactive
//   totalBytes       every response of the load until interactive (html, css, js, api, fonts, …)
//   ttiMs            from navigation start until the table shows a row AND the main thread has been free
//                    of long tasks (> 50 ms) with the network quiet (no request in flight; an EventSource stream does not count) for 500 ms;
//                    TTI = max(content visible, end of the last long task)
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import Redis from 'ioredis';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (!a.startsWith('--')) return acc;
    const next = all[i + 1];
    return [...acc, [a.slice(2), next && !next.startsWith('--') ? next : 'true']];
  }, []),
);
const runs = Number(args.runs ?? 5);
const username = args.user ?? 'coordinator';
const password = args.password ?? 'Hutong-demo-2026';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--no-default-browser-check',
];
const QUIET_MS = 500;
const LANDING_READY = '[data-testid="org-table"] tbody tr.ant-table-row';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A scratch database + Redis database (same lock protocol as test/support/stack.ts) + the built api. */
async function startApi() {
  for (const f of ['dist/apps/api/main.js', 'dist/apps/api/cli.js', 'dist/apps/web/browser/index.html']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: npx nx run-many -t build -p api worker web`);
  }
  const token = randomBytes(6).toString('hex');
  const serverUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `hutong_bench_${token}`;
  const adminQuery = async (sql) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await adminQuery(`create database ${dbName}`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;

  const redis = new Redis(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379', { lazyConnect: true });
  await redis.connect();
  let redisDb = 0;
  for (const db of [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]) {
    if ((await redis.set(`hutong:test-stack:db:${db}`, token, 'NX', 'EX', 3600)) === 'OK') {
      redisDb = db;
      break;
    }
  }
  if (!redisDb) throw new Error('all Redis databases 1-15 are in use by test stacks');
  const redisUrl = new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379');
  redisUrl.pathname = `/${redisDb}`;

  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redisUrl.toString(),
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    LOGIN_RATE_LIMIT: '1000',
    WEB_DIST: join(ROOT, 'dist/apps/web/browser'),
  };
  for (const cmd of ['migrate', 'seed']) {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/apps/api/cli.js'), cmd], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`cli.js ${cmd} failed:\n${r.stdout}\n${r.stderr}`);
  }
  const api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], { cwd: ROOT, env, stdio: 'inherit' });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (api.exitCode !== null) throw new Error(`api exited with ${api.exitCode}`);
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('api not healthy within 45 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    async stop() {
      if (api.exitCode === null) {
        await new Promise((r) => {
          api.once('exit', r);
          api.kill('SIGTERM');
        });
      }
      await adminQuery(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
      await redis.select(redisDb);
      await redis.flushdb();
      await redis.select(0);
      if ((await redis.get(`hutong:test-stack:db:${redisDb}`)) === token)
        await redis.del(`hutong:test-stack:db:${redisDb}`);
      redis.disconnect();
    },
  };
}

async function sessionCookie(base) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: base };
  });
}

async function screenshots(base, dir) {
  mkdirSync(dir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'hutong-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
  });
  try {
    const cookies = await sessionCookie(base);
    await context.addCookies(cookies);
    const page = context.pages()[0] ?? (await context.newPage());
    const failed = [];
    page.on(
      'response',
      (r) => r.status() >= 400 && !r.url().includes('/api/auth/') && failed.push(`${r.status()} ${r.url()}`),
    );
    await page.goto(`${base}/`);
    await page.waitForSelector(LANDING_READY, { state: 'visible' });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(dir, 'web-landing.png'), fullPage: true });
    // the deferred organisation form: loaded on first use
    await page.getByTestId('org-create').click();
    await page.getByTestId('org-form-code').waitFor({ state: 'visible' });
    await page.waitForTimeout(400); // the drawer's slide-in
    await page.screenshot({ path: join(dir, 'web-landing-org-form.png') });
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const cycles = await (await fetch(`${base}/api/cycles`, { headers: { cookie } })).json();
    if (cycles[0]) {
      await page.goto(`${base}/cycles/${cycles[0].id}`);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(dir, 'web-cycle-board.png'), fullPage: true });
    }
    return failed;
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function measure(base) {
  const profile = mkdtempSync(join(tmpdir(), 'hutong-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
  });
  try {
    await context.addCookies(await sessionCookie(base));
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(e.startTime + e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    if (args.mbps || args.rtt) {
      const bytesPerSecond = args.mbps ? (Number(args.mbps) * 1_000_000) / 8 : -1;
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: Number(args.rtt ?? 0),
        downloadThroughput: bytesPerSecond,
        uploadThroughput: bytesPerSecond,
      });
    }
    const requests = new Map(); // requestId → { type, url, encoding }
    const finished = []; // { type, url, bytes, at (ms since navigation start, CDP monotonic) }
    let inFlight = 0;
    let lastNetworkActivity = 0;
    let navStart = 0; // CDP monotonic seconds of the document request
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!navStart && e.type === 'Document') navStart = e.timestamp;
      // a stream stays open by design (the shell's live unread count): not loading, as Playwright's networkidle
      if (e.type === 'EventSource') return;
      requests.set(e.requestId, { type: e.type, url: e.request.url });
      inFlight++;
      lastNetworkActivity = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) {
        r.encoding = e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'identity';
        r.mime = e.response.mimeType;
      }
    });
    const done = (e, bytes) => {
      const r = requests.get(e.requestId);
      if (!r) return;
      requests.delete(e.requestId);
      inFlight--;
      lastNetworkActivity = Date.now();
      finished.push({ ...r, bytes, at: (e.timestamp - navStart) * 1000 });
    };
    cdp.on('Network.loadingFinished', (e) => done(e, e.encodedDataLength));
    cdp.on('Network.loadingFailed', (e) => done(e, 0));

    await page.goto(`${base}/`, { waitUntil: 'commit' });
    await page.waitForSelector(LANDING_READY, { state: 'visible', timeout: 60_000 });
    const visibleMs = await page.evaluate(() => performance.now());
    // quiet window: no long task and no network activity for QUIET_MS
    for (;;) {
      const lastLong = await page.evaluate(() => Math.max(0, ...window.__longTasks));
      const now = await page.evaluate(() => performance.now());
      if (inFlight <= 0 && now - lastLong >= QUIET_MS && Date.now() - lastNetworkActivity >= QUIET_MS) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const lastLong = await page.evaluate(() => Math.max(0, ...window.__longTasks));
    const tti = Math.max(visibleMs, lastLong);
    const before = finished.filter((f) => f.at <= tti);
    const isJs = (f) => f.type === 'Script' || /\.m?js(\?|$)/.test(f.url);
    const js = before.filter(isJs);
    return {
      url: page.url().replace(base, ''),
      ttiMs: Math.round(tti),
      visibleMs: Math.round(visibleMs),
      initialJsBytes: js.reduce((s, f) => s + f.bytes, 0),
      initialJsFiles: js.length,
      jsEncodings: [...new Set(js.map((f) => f.encoding))].join(','),
      totalBytes: before.reduce((s, f) => s + f.bytes, 0),
      requests: before.length,
      jsFiles: js.map((f) => ({ file: f.url.replace(base, ''), bytes: f.bytes })),
    };
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const external = process.env.BASE_URL || args.base;
const stack = external ? { base: external.replace(/\/$/, ''), stop: async () => undefined } : await startApi();
try {
  await measure(stack.base); // warm-up of the server side (first queries, JIT); its numbers are dropped
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measure(stack.base));
  const summary = {
    runs,
    network: args.mbps || args.rtt ? `${args.mbps ?? '∞'} Mbit/s, ${args.rtt ?? 0} ms RTT` : 'loopback',
    landing: results[0].url,
    initialJsBytes: median(results.map((r) => r.initialJsBytes)),
    initialJsFiles: results[0].initialJsFiles,
    jsEncodings: results[0].jsEncodings,
    totalBytes: median(results.map((r) => r.totalBytes)),
    ttiMs: median(results.map((r) => r.ttiMs)),
    visibleMs: median(results.map((r) => r.visibleMs)),
    ttiMsAll: results.map((r) => r.ttiMs),
    ...(args.verbose ? { jsFiles: results[0].jsFiles } : {}),
    ...(args.screenshots ? { failedResponses: await screenshots(stack.base, args.screenshots) } : {}),
  };
  console.log(args.json ? JSON.stringify(summary) : JSON.stringify(summary, null, 2));
} finally {
  await stack.stop();
}
