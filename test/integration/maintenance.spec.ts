/** The worker registers its schedules in Redis and purges expired sessions when the job runs. */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let queue: Queue;

beforeAll(async () => {
  stack = await startStack({ seed: true, worker: true });
  const u = new URL(stack.redisUrl);
  queue = new Queue('maintenance', {
    prefix: 'hutong',
    connection: {
      host: u.hostname,
      port: Number(u.port || 6379),
      db: Number(u.pathname.slice(1) || 0),
      maxRetriesPerRequest: null,
    },
  });
}, 120_000);

afterAll(async () => {
  await queue?.close();
  await stack?.stop();
});

it('registers the hourly session purge (Asia/Shanghai) and the job deletes only expired sessions', async () => {
  const deadline = Date.now() + 20_000;
  let schedulers: { id?: string | null; key: string; pattern?: string | null; tz?: string | null }[] = [];
  while (Date.now() < deadline) {
    schedulers = await queue.getJobSchedulers();
    if (schedulers.length) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(schedulers.map((s) => [s.key, s.pattern, s.tz])).toEqual([
    ['purge-expired-sessions', '17 * * * *', 'Asia/Shanghai'],
  ]);

  const live = await stack.login('viewer');
  const { rows: users } = await stack.db.query("select id from app_user where username = 'viewer'");
  await stack.db.query(
    "insert into session (token_hash, user_id, created_at, expires_at) values ('expired-1', $1, now() - interval '2 days', now() - interval '1 day')",
    [users[0].id],
  );

  const job = await queue.add('purge-now', { task: 'purge-expired-sessions' });
  const until = Date.now() + 20_000;
  while (Date.now() < until && !(await job.isCompleted())) await new Promise((r) => setTimeout(r, 100));
  expect(await job.isCompleted()).toBe(true);
  const { rows } = await stack.db.query("select count(*)::int as n from session where token_hash = 'expired-1'");
  expect(rows[0].n).toBe(0);
  expect((await live.get('/api/auth/me')).status).toBe(200);
});
