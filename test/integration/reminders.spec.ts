/**
 * The reminder sender through the built worker and PostgreSQL: the worker is killed (SIGKILL) in the middle of a
 * chunk — after its task_reminder rows and notifications are inserted, before the chunk commits — and the
 * restarted worker delivers every reminder exactly once. Then Redis goes away under the running worker (its
 * REDIS_URL is a TCP proxy the test closes): the due-scan is PostgreSQL only, so reminders keep flowing.
 *
 * How the kill lands mid-chunk every time: the test holds `LOCK TABLE task IN SHARE MODE`. The scan's `select …
 * for update skip locked` (ROW SHARE) passes it and the chunk's inserts go through, but its `update task` (ROW
 * EXCLUSIVE: the next steps, or the deferral in quiet hours) waits for the lock — and the worker is killed while
 * it waits.
 *
 * The processes' clocks cannot be moved: run in quiet hours (22:00–08:00 Shanghai), the same kill and restart
 * must leave every task deferred to 08:00 with nothing sent.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import net from 'node:net';
import { Client } from 'pg';
import { ROOT, freePort, startStack, type Stack } from '../support/stack';

const TASKS = 1500; // two chunks of the scan (1000 each)

/** 22:00–08:00 Asia/Shanghai (the rule is tasks-model's isQuietHour; the test tier does not import the libs) */
const isQuietHour = (at: Date): boolean => {
  const h = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(at),
  );
  return h >= 22 || h < 8;
};

let stack: Stack;
let orgId: string;
let applicants: string[];
const workers: ChildProcess[] = [];
let proxy: { url: string; close(): Promise<void> } | null = null;

function startWorker(redisUrl: string): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      DATABASE_URL: stack.databaseUrl,
      REDIS_URL: redisUrl,
      LOG_LEVEL: 'warn',
      REMINDER_SCAN_MS: '100',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  workers.push(child);
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function until<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  (await stack.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? -1;

const reminders = () => count('select count(*)::int as n from task_reminder');
const notifications = () => count(`select count(*)::int as n from notification where subject_type = 'task'`);
const due = () => count('select count(*)::int as n from task where next_reminder_at <= now()');
const waitingOnLock = () =>
  count(
    `select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query ilike 'update task%'`,
  );

/** A TCP proxy to the stack's Redis; `close()` makes Redis unreachable for whoever connected through it. */
async function redisProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const t = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const up = net.connect(Number(t.port || 6379), t.hostname);
    for (const s of [client, up]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(up).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `redis://127.0.0.1:${port}${t.pathname}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      }),
  };
}

async function insertDueTasks(n: number): Promise<void> {
  // tasks due in two days whose next reminder fell due a minute ago (the default policy: 7, 3, 1 days before)
  await stack.db.query(
    `insert into task (id, kind, title, instructions, form, assignee_org_id, assignee_path, status, due_at, policy,
                       next_reminder_at, next_reminder_key, created_at, updated_at)
     select gen_random_uuid(), 'manual', '报送材料 ' || i, '请报送', '[]'::jsonb, o.id, o.path, 'open',
            now() + interval '2 days',
            '{"beforeDays":[7,3,1],"onDueDay":true,"overdueDaily":true,"overdueMaxDays":30,"escalateAfterDays":3,"sendHour":9}'::jsonb,
            now() - interval '1 minute', 'before-3', now(), now()
       from organisation o, generate_series(1, $2::int) i where o.id = $1`,
    [orgId, n],
  );
}

beforeAll(async () => {
  stack = await startStack({ seed: true, worker: false });
  const { rows } = await stack.db.query<{ organisation_id: string }>(
    `select organisation_id from app_user where username = 'applicant'`,
  );
  orgId = rows[0]?.organisation_id ?? '';
  applicants = (
    await stack.db.query<{ id: string }>(
      `select id from app_user where organisation_id = $1 and role = 'applicant' and active`,
      [orgId],
    )
  ).rows.map((r) => r.id);
  await insertDueTasks(TASKS);
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map(kill));
  await proxy?.close();
  await stack?.stop();
});

it('a worker killed mid-chunk and restarted sends every reminder exactly once, and keeps sending without Redis', async () => {
  expect(applicants.length).toBeGreaterThan(0);
  expect(await due()).toBe(TASKS);
  const blocker = new Client({ connectionString: stack.databaseUrl });
  await blocker.connect();
  await blocker.query('begin');
  await blocker.query('lock table task in share mode');
  const first = startWorker(stack.redisUrl);
  try {
    // the first chunk's rows are claimed and inserted; its update of the tasks waits for the lock
    await until('the scan blocked mid-chunk', waitingOnLock, (n) => n >= 1);
    await kill(first);
  } finally {
    await blocker.query('rollback');
    await blocker.end();
  }
  // the killed worker's transaction is rolled back by PostgreSQL: none of its chunk is left
  expect(await reminders()).toBe(0);
  expect(await notifications()).toBe(0);
  expect(await due()).toBe(TASKS);

  const quiet = isQuietHour(new Date());
  proxy = await redisProxy(stack.redisUrl);
  startWorker(proxy.url);
  await until('every task scanned', due, (n) => n === 0);
  await new Promise((r) => setTimeout(r, 1500)); // more scans: nothing is sent again
  if (quiet) {
    // in quiet hours nothing goes out: every task waits for 08:00 Shanghai
    expect(await reminders()).toBe(0);
    expect(await notifications()).toBe(0);
    expect(
      await count(
        `select count(*)::int as n from task
          where to_char(next_reminder_at at time zone 'Asia/Shanghai', 'HH24:MI:SS') = '08:00:00'`,
      ),
    ).toBe(TASKS);
    return;
  }
  expect(await reminders()).toBe(TASKS);
  expect(await count('select count(distinct task_id)::int as n from task_reminder')).toBe(TASKS);
  expect(await notifications()).toBe(TASKS * applicants.length);
  expect(
    await count(
      `select count(*)::int as n from (select user_id, dedupe_key from notification group by 1, 2 having count(*) > 1) d`,
    ),
  ).toBe(0);
  // every waiting task has its next step planned after now (the seed's answered tasks wait for nothing)
  expect(
    await count(
      "select count(*)::int as n from task where next_reminder_at is null and status in ('open', 'acknowledged', 'returned')",
    ),
  ).toBe(0);

  // Redis goes away under the running worker: the reminders keep flowing (PostgreSQL only)
  await proxy.close();
  await new Promise((r) => setTimeout(r, 500));
  await insertDueTasks(200);
  await until('the new tasks scanned without Redis', due, (n) => n === 0);
  await new Promise((r) => setTimeout(r, 1000));
  expect(await reminders()).toBe(TASKS + 200);
  expect(await notifications()).toBe((TASKS + 200) * applicants.length);
}, 180_000);
