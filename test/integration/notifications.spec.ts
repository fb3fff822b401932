/**
 * Notifications across the real processes: the built worker's mail relay with SMTP down (nothing listens on the
 * port) keeps every mail and backs off; once a real SMTP server listens there, every mail arrives exactly once.
 * The built api's live stream (SSE) follows a user's unread count when a change is published on Redis by another
 * process — as the worker does after notify.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { freePort, startSmtpSink, type SmtpSink } from '../../libs/notifications/server/src/testing/smtp-sink';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

const MAILS = 25;

let stack: Stack;
let smtpPort: number;
let sink: SmtpSink | null = null;
let applicantId: string;

async function until<T>(what: string, probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

const outbox = async () =>
  (
    await stack.db.query<{ status: string; attempts: number; n: number }>(
      'select status, attempts, count(*)::int as n from mail_outbox group by status, attempts order by status, attempts',
    )
  ).rows;

beforeAll(async () => {
  smtpPort = await freePort(); // SMTP is down: nothing listens here yet
  stack = await startStack({
    seed: true,
    worker: true,
    env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, REMINDER_SCAN_MS: '200', MAIL_FROM: 'Hutong <noreply@hutong.it>' },
  });
  const { rows } = await stack.db.query<{ id: string }>(`select id from app_user where username = 'applicant'`);
  applicantId = rows[0]?.id ?? '';
});

afterAll(async () => {
  await sink?.close();
  await stack?.stop();
});

it('keeps mail while SMTP is down and sends each exactly once when it is back', async () => {
  for (let i = 0; i < MAILS; i++)
    await stack.db.query(
      `insert into mail_outbox (id, user_id, to_address, subject, text, status, attempts, next_attempt_at, created_at)
       values ($1, $2, $3, $4, $5, 'pending', 0, now(), now())`,
      [randomUUID(), applicantId, `applicant${i}@example.cn`, `通知 ${i}`, `第${i}条`],
    );
  // the worker tried every mail once, failed, and scheduled the retry (30 s later)
  await until('first attempts', outbox, (r) => r.length === 1 && r[0]?.attempts === 1 && r[0]?.n === MAILS);
  expect(await outbox()).toEqual([{ status: 'pending', attempts: 1, n: MAILS }]);
  const { rows: errors } = await stack.db.query<{ last_error: string }>('select last_error from mail_outbox limit 1');
  expect(errors[0]?.last_error).toMatch(/ECONNREFUSED|connect/i);

  sink = await startSmtpSink(smtpPort); // SMTP is back on the same port
  // the back-off has passed (the processes' clocks cannot be moved: the rows' due time is)
  await stack.db.query(`update mail_outbox set next_attempt_at = now() where status = 'pending'`);
  const received = await sink.waitFor(MAILS, 30_000);
  await until('all sent', outbox, (r) => r.length === 1 && r[0]?.status === 'sent');
  await new Promise((r) => setTimeout(r, 1000)); // more polls: nothing is sent again
  expect(received).toHaveLength(MAILS);
  const { rows } = await stack.db.query<{ id: string }>('select id from mail_outbox');
  expect(new Set(received.map((m) => m.messageId))).toEqual(new Set(rows.map((r) => `<${r.id}@hutong.it>`)));
  expect(received.find((m) => m.subject === '通知 3')).toMatchObject({
    envelopeTo: ['applicant3@example.cn'],
    text: '第3条',
  });
  expect(await outbox()).toEqual([{ status: 'sent', attempts: 2, n: MAILS }]);
});

it('streams the unread count of the signed-in user when another process publishes a change', async () => {
  const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'applicant', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const abort = new AbortController();
  const res = await fetch(`${stack.baseUrl}/api/notifications/stream`, { headers: { cookie }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const nextCount = async (): Promise<number> => {
    for (;;) {
      const m = /data: (\{[^\n]*\})\n\n/.exec(buffer);
      if (m) {
        buffer = buffer.slice((m.index ?? 0) + m[0].length);
        return (JSON.parse(m[1] as string) as { unread: number }).unread;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  expect(await nextCount()).toBe(0);

  const redis = new Redis(stack.redisUrl);
  try {
    await stack.db.query(
      `insert into notification (id, user_id, title_code, params, dedupe_key, created_at)
       values ($1, $2, 'notification.digest_subject', '{"count": 1}', 'it-1', now()), ($3, $2, 'notification.digest_subject', '{"count": 2}', 'it-2', now())`,
      [randomUUID(), applicantId, randomUUID()],
    );
    // what the worker does after notify commits (the api subscribes once the first stream opens)
    const published = async () => redis.publish('hutong:notifications:changed', JSON.stringify([applicantId]));
    const count = nextCount();
    const timer = setInterval(() => void published(), 300);
    try {
      expect(await count).toBe(2);
    } finally {
      clearInterval(timer);
    }
  } finally {
    abort.abort();
    await redis.quit();
  }
});
