#!/usr/bin/env node
// Reminder sender benchmark with the built worker (npx nx run-many -t build -p api worker):
//   node test/bench/reminders.mjs [--tasks 10000] [--database postgres://postgres@127.0.0.1:5432/postgres]
//                                 [--redis redis://127.0.0.1:6379]
// In a scratch database (migrated and seeded by the built CLI) and a claimed Redis database (the test stacks'
// claim keys), N tasks fall due in the same minute for one applicant who takes immediate e-mail. Measures, in one
// run: the worker's due-scan until every task_reminder row and notification is written, then until every mail
// reached a local SMTP sink — and, as the baseline, N no-op BullMQ jobs through one Worker (concurrency 10) on
// the same Redis. Prints the times and the ratio. Refuses to run in quiet hours (22:00–08:00 Shanghai: nothing
// would be sent).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const N = Number(args.tasks ?? 10000);
const server = args.database ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisServer = args.redis ?? 'redis://127.0.0.1:6379';
const token = randomBytes(6).toString('hex');

const shanghaiHour = Number(
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()),
);
if (shanghaiHour >= 22 || shanghaiHour < 8) {
  console.error('quiet hours in Shanghai (22:00–08:00): the scan would defer every reminder; run it in the day');
  process.exit(2);
}

const withDb = (url, name) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** A minimal SMTP sink: counts the messages it accepts. */
function smtpSink() {
  let received = 0;
  const waiters = [];
  const srv = net.createServer((s) => {
    s.write('220 bench ESMTP\r\n');
    let data = false;
    let buf = '';
    s.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (;;) {
        if (data) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buf = buf.slice(end + 5);
          data = false;
          received++;
          s.write('250 OK\r\n');
          for (const w of [...waiters]) {
            if (received < w.n) continue;
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
          continue;
        }
        const nl = buf.indexOf('\r\n');
        if (nl < 0) return;
        const line = buf.slice(0, nl).toUpperCase();
        buf = buf.slice(nl + 2);
        if (line.startsWith('EHLO') || line.startsWith('HELO')) s.write('250 bench\r\n');
        else if (line.startsWith('DATA')) {
          data = true;
          s.write('354 go on\r\n');
        } else if (line.startsWith('QUIT')) {
          s.write('221 bye\r\n');
          s.end();
        } else s.write('250 OK\r\n');
      }
    });
    s.on('error', () => undefined);
  });
  return new Promise((resolve) =>
    srv.listen(0, '127.0.0.1', () =>
      resolve({
        port: srv.address().port,
        received: () => received,
        waitFor: (n) => (received >= n ? Promise.resolve() : new Promise((r) => waiters.push({ n, resolve: r }))),
        close: () => new Promise((r) => srv.close(() => r())),
      }),
    ),
  );
}

async function claimRedisDb() {
  const r = new Redis(redisServer);
  try {
    for (let db = 1; db <= 15; db++) {
      if ((await r.set(`hutong:test-stack:db:${db}`, token, 'EX', 3600, 'NX')) === 'OK') {
        const u = new URL(redisServer);
        u.pathname = `/${db}`;
        const d = new Redis(u.toString());
        await d.flushdb();
        await d.quit();
        return u.toString();
      }
    }
  } finally {
    await r.quit();
  }
  throw new Error('all Redis databases 1-15 are claimed by test stacks');
}

async function releaseRedisDb(url) {
  const db = new URL(url).pathname.slice(1);
  const d = new Redis(url);
  await d.flushdb();
  await d.quit();
  const r = new Redis(redisServer);
  if ((await r.get(`hutong:test-stack:db:${db}`)) === token) await r.del(`hutong:test-stack:db:${db}`);
  await r.quit();
}

async function until(probe, done, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out at ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const dbName = `hutong_bench_${token}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database ${dbName}`);
const databaseUrl = withDb(server, dbName);
const redisUrl = await claimRedisDb();
const sink = await smtpSink();
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'test',
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  LOG_LEVEL: 'warn',
  SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
  MAIL_FROM: 'Hutong <noreply@hutong.it>',
  REMINDER_SCAN_MS: '200',
};
let worker;
const db = new pg.Client({ connectionString: databaseUrl });
try {
  for (const cmd of ['migrate', 'seed']) {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/apps/api/cli.js'), cmd], { cwd: ROOT, env });
    if (r.status !== 0) throw new Error(`cli ${cmd}: ${r.stderr}`);
  }
  await db.connect();
  const { rows } = await db.query(`select u.id, u.organisation_id from app_user u where u.username = 'applicant'`);
  const applicant = rows[0];
  await db.query(`update app_user set email = 'applicant@bench.cn' where id = $1`, [applicant.id]);
  await db.query(
    `insert into notification_preference (user_id, email_mode, lang) values ($1, 'immediate', 'zh-CN')
     on conflict (user_id) do update set email_mode = 'immediate'`,
    [applicant.id],
  );
  const policy = JSON.stringify({
    beforeDays: [7, 3, 1],
    onDueDay: true,
    overdueDaily: true,
    overdueMaxDays: 30,
    escalateAfterDays: 3,
    sendHour: 9,
  });
  // N tasks due in two days (a step fell due already), not yet due for the scan; one sentinel due now
  await db.query(
    `insert into task (id, kind, title, instructions, form, assignee_org_id, assignee_path, status, due_at, policy,
                       next_reminder_at, next_reminder_key, created_at, updated_at)
     select gen_random_uuid(), 'manual', '报送材料 ' || i, '请报送', '[]'::jsonb, o.id, o.path, 'open',
            now() + interval '2 days', $3::jsonb,
            case when i = 0 then now() - interval '1 minute' else null end, 'before-3', now(), now()
       from organisation o, generate_series(0, $2::int) i where o.id = $1`,
    [applicant.organisation_id, N, policy],
  );
  worker = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/main.js')], { cwd: ROOT, env, stdio: 'inherit' });
  const count = async (sql) => (await db.query(sql)).rows[0].n;
  // the worker is up once the sentinel's reminder and mail are through
  await until(
    () => count('select count(*)::int as n from task_reminder'),
    (n) => n === 1,
    60_000,
  );
  await sink.waitFor(1);

  const t0 = performance.now();
  await db.query(`update task set next_reminder_at = now() - interval '1 minute' where next_reminder_at is null`);
  await until(
    () => count('select count(*)::int as n from task_reminder'),
    (n) => n === N + 1,
  );
  const tScan = performance.now();
  const notes = await count(`select count(*)::int as n from notification where subject_type = 'task'`);
  await sink.waitFor(N + 1);
  const tMail = performance.now();
  worker.kill('SIGTERM');

  // baseline: N no-op BullMQ jobs through one Worker (concurrency 10), same Redis database
  const queue = new Queue('bench-noop', { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }) });
  let done = 0;
  let resolveDone;
  const allDone = new Promise((r) => (resolveDone = r));
  const b0 = performance.now();
  await queue.addBulk(
    Array.from({ length: N }, (_, i) => ({ name: 'noop', data: { i }, opts: { removeOnComplete: true } })),
  );
  const w = new Worker('bench-noop', async () => undefined, {
    connection: new Redis(redisUrl, { maxRetriesPerRequest: null }),
    concurrency: 10,
  });
  w.on('completed', () => {
    if (++done === N) resolveDone();
  });
  await allDone;
  const tBull = performance.now() - b0;
  await w.close();
  await queue.close();

  const scanMs = tScan - t0;
  const mailMs = tMail - t0;
  console.log(
    JSON.stringify(
      {
        tasks: N,
        notifications: notes,
        mails: sink.received() - 1,
        scanAndNotifyMs: Math.round(scanMs),
        untilLastMailMs: Math.round(mailMs),
        bullmqNoopJobsMs: Math.round(tBull),
        ratioScanToBullmq: Number((scanMs / tBull).toFixed(2)),
        ratioMailToBullmq: Number((mailMs / tBull).toFixed(2)),
      },
      null,
      2,
    ),
  );
} finally {
  if (worker && worker.exitCode === null) worker.kill('SIGKILL');
  await db.end().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 500));
  await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end();
  await releaseRedisDb(redisUrl).catch(() => undefined);
  await sink.close();
}
