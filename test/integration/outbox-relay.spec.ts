/**
 * The stage-event outbox through the real worker, PostgreSQL and Redis: the worker's relay is
 * killed (SIGKILL) in the middle of a batch — after the batch is in Redis and before its rows are
 * marked published, the hard case — and a restarted worker publishes every event exactly once.
 *
 * How the kill lands there every time: the test holds `LOCK TABLE stage_event IN SHARE MODE`. The
 * relay's `select … for update` (ROW SHARE) passes it and its jobs reach Redis, but its `update …
 * set published_at` (ROW EXCLUSIVE) waits for the lock — and the worker is killed while it waits.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { ApplicationView, CycleView, SchemeSummary } from '@hutong/assessment-model';
import { ROOT, startStack, type Stack } from '../support/stack';

const EXTRA_EVENTS = 250;
const BATCH = 100; // the relay's batch size

let stack: Stack;
let queue: Queue;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'],
      NODE_ENV: 'test',
      DATABASE_URL: stack.databaseUrl,
      REDIS_URL: stack.redisUrl,
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '100',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  workers.push(child);
  return child;
}

function redisConnection(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 6379), db: Number(u.pathname.slice(1) || 0) };
}

async function publishedJobIds(): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized']);
  return jobs.map((j) => j.id ?? '');
}

async function unpublished(): Promise<number> {
  const { rows } = await stack.db.query<{ n: number }>(
    'select count(*)::int as n from stage_event where published_at is null',
  );
  return rows[0]?.n ?? -1;
}

async function until<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  stack = await startStack({ seed: true, worker: false });
  queue = new Queue('domain-events', { connection: redisConnection(stack.redisUrl), prefix: 'hutong' });
  // one real application (its creation is the first stage event), then more events on it
  const applicant = await stack.login('applicant');
  const me = (await applicant.get('/api/auth/me')).body;
  const cycle = (await applicant.get<CycleView[]>('/api/cycles')).body.find((c) => c.name === '2026年度第一批');
  const scheme = (await applicant.get<SchemeSummary[]>('/api/schemes')).body.find((s) => s.key === 'hospital-2020');
  const created = await applicant.post<ApplicationView>('/api/applications', {
    cycleId: cycle?.id,
    organisationId: me.organisation.id,
    schemeId: scheme?.id,
    targetLevel: '3',
  });
  expect(created.status).toBe(201);
  await stack.db.query(
    `insert into stage_event (id, application_id, at, actor, action, from_state, to_state, details)
     select gen_random_uuid(), $1, now() + (i || ' milliseconds')::interval, 'coordinator', 'submit', 'draft', 'submitted',
            jsonb_build_object('i', i)
       from generate_series(1, $2::int) i`,
    [created.body.id, EXTRA_EVENTS],
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map(kill));
  await queue?.close();
  await stack?.stop();
});

it('a worker killed mid-batch and restarted publishes every stage event exactly once', async () => {
  const total = EXTRA_EVENTS + 1;
  expect(await unpublished()).toBe(total);
  const { rows: events } = await stack.db.query<{ id: string }>('select id from stage_event');
  const expected = events.map((e) => `stage-event-${e.id}`).sort();

  // hold the table so that the first batch reaches Redis but cannot be marked published
  const blocker = new Client({ connectionString: stack.databaseUrl });
  await blocker.connect();
  await blocker.query('begin');
  await blocker.query('lock table stage_event in share mode');
  const first = startWorker();
  try {
    await until('the first batch in Redis', publishedJobIds, (ids) => ids.length >= BATCH);
    // the relay is now waiting to mark them: nothing more is published, nothing is marked
    await new Promise((r) => setTimeout(r, 500));
    expect((await publishedJobIds()).length).toBe(BATCH);
    expect(await unpublished()).toBe(total);
    await kill(first);
  } finally {
    await blocker.query('rollback');
    await blocker.end();
  }
  // the killed worker's transaction is rolled back by PostgreSQL: its batch is unpublished again
  expect(await unpublished()).toBe(total);

  startWorker();
  await until('every event marked published', unpublished, (n) => n === 0);
  const ids = await until('every event in Redis', publishedJobIds, (l) => l.length >= total);
  expect(ids.length).toBe(total);
  expect(new Set(ids).size).toBe(total);
  expect([...ids].sort()).toEqual(expected);
  // the worker delivers them to the subscribers (tasks, rollups): each job completes, none is added twice. Jobs the
  // killed worker had taken are stalled: BullMQ hands them to the new worker once their 10 s lock expired
  // (DEFERRED_START)
  await until(
    'every event delivered',
    async (): Promise<Record<string, unknown>> => {
      const counts: Record<string, number> = await queue.getJobCounts(
        'completed',
        'failed',
        'delayed',
        'active',
        'waiting',
      );
      const failed = await queue.getFailed(0, 2);
      return { ...counts, reasons: failed.map((j) => j.failedReason) };
    },
    (c) => c['completed'] === total,
    45_000,
  );
  await new Promise((r) => setTimeout(r, 500));
  expect((await publishedJobIds()).length).toBe(total);
}, 180_000);
