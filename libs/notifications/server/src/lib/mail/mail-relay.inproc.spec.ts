/**
 * The mail relay against a real SMTP server on loopback (smtp-server, from the testing entry point): with SMTP
 * down the mail waits and backs off, with SMTP back every mail arrives exactly once; a mail that keeps failing
 * becomes failed-permanently; without SMTP_URL nothing is claimed; 10,000 mails reach a local server well under
 * 20 s.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { AppConfig } from '@hutong/platform-config';
import { advanceClock, restoreClock, setClock, type TestApp } from '@hutong/platform-server/testing';
import { registerMessages } from '@hutong/platform-server';
import { OrgFactory } from '@hutong/organisations-server/testing';
import { UserFactory, type TestUser } from '@hutong/identity-server/testing';
import { MAIL_MAX_ATTEMPTS } from '@hutong/notifications-model';
import { NotificationFactory, freePort, startNotificationsApp, startSmtpSink, type SmtpSink } from '../../testing';
import { NotificationService } from '../notification.service';
import { DigestService } from './digest.service';
import { MailRelay } from './mail-relay';

registerMessages({ messages: { 'test.mail': { zh: '第{n}封邮件', en: 'Mail number {n}' } } });

let t: TestApp;
let sut: NotificationService;
let factory: NotificationFactory;
let recipients: TestUser[];
let sinks: SmtpSink[] = [];
let relays: MailRelay[] = [];

function relayTo(smtpUrl: string): MailRelay {
  const config = { ...t.config, smtpUrl, mailFrom: 'Hutong <noreply@hutong.test>' } as AppConfig;
  const relay = new MailRelay(t.em, t.module.get(DigestService), config);
  relays.push(relay);
  return relay;
}

async function sink(port = 0): Promise<SmtpSink> {
  const s = await startSmtpSink(port);
  sinks.push(s);
  return s;
}

/** `n` notifications, each with its immediate mail, spread over the recipients; returns the notified keys. */
async function notifyMany(n: number, prefix: string): Promise<void> {
  await sut.notify(
    Array.from({ length: n }, (_, i) => ({
      userId: (recipients[i % recipients.length] as TestUser).user.id,
      titleCode: 'test.mail',
      params: { n: i },
      dedupeKey: `${prefix}-${i}`,
    })),
  );
}

const statuses = async () =>
  Object.fromEntries(
    (
      await t.sql<{ status: string; n: number }>('select status, count(*)::int as n from mail_outbox group by status')
    ).map((r) => [r.status, r.n]),
  );

beforeAll(async () => {
  t = await startNotificationsApp();
  sut = t.service(NotificationService);
  factory = new NotificationFactory(t.em);
  const org = (await new OrgFactory(t.em).provinceTree()).xinyangHospital;
  const users = new UserFactory(t.em);
  recipients = [];
  for (let i = 0; i < 5; i++) {
    const u = await users.applicant(org);
    await factory.email(u.user.id, `r${i}@example.cn`);
    await factory.preferences(u.user.id, { emailMode: 'immediate', lang: i % 2 ? 'en-US' : 'zh-CN' });
    recipients.push(u);
  }
});

afterEach(async () => {
  restoreClock();
  for (const r of relays) await r.stop();
  for (const s of sinks) await s.close();
  relays = [];
  sinks = [];
  await t.sql('delete from mail_outbox');
});

afterAll(async () => {
  await t?.close();
});

describe('the mail relay', () => {
  it('claims nothing without SMTP_URL: the mail waits', async () => {
    await notifyMany(3, 'no-smtp');
    expect(await relayTo('').drain()).toEqual({ sent: 0, failed: 0 });
    expect(await statuses()).toEqual({ pending: 3 });
  });

  it('SMTP down, then up: every mail waits, backs off, and then arrives exactly once', async () => {
    setClock('2026-12-02T02:00:00Z');
    await notifyMany(40, 'down-up');
    const port = await freePort(); // nothing listens there: SMTP is down
    const relay = relayTo(`smtp://127.0.0.1:${port}`);

    expect(await relay.drain()).toEqual({ sent: 0, failed: 40 });
    expect(await statuses()).toEqual({ pending: 40 });
    const [row] = await t.sql<{ attempts: number; last_error: string; next_attempt_at: Date }>(
      'select attempts, last_error, next_attempt_at from mail_outbox limit 1',
    );
    expect(row?.attempts).toBe(1);
    expect(row?.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(new Date(row?.next_attempt_at ?? 0).getTime()).toBe(Date.now() + 30_000);
    // not due yet: nothing tried
    expect(await relay.drain()).toEqual({ sent: 0, failed: 0 });

    const server = await sink(port); // SMTP is back, on the same port
    advanceClock(30_000);
    expect(await relay.drain()).toEqual({ sent: 40, failed: 0 });
    expect(await relay.drain()).toEqual({ sent: 0, failed: 0 });
    advanceClock(3600_000);
    expect(await relay.drain()).toEqual({ sent: 0, failed: 0 });

    const mails = await server.waitFor(40);
    expect(mails).toHaveLength(40);
    const ids = await t.sql<{ id: string; status: string; attempts: number }>(
      'select id, status, attempts from mail_outbox',
    );
    expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set(ids.map((r) => `<${r.id}@hutong.test>`)));
    expect(ids.every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
    // what arrived: the envelope, the headers and the text in the recipient's language
    const first = mails.find((m) => m.subject === '第0封邮件');
    expect(first).toMatchObject({ envelopeTo: ['r0@example.cn'], to: 'r0@example.cn' });
    expect(first?.from).toContain('noreply@hutong.test');
    expect(first?.text).toContain('此邮件由互通系统自动发送');
    expect(mails.find((m) => m.subject === 'Mail number 1')?.envelopeTo).toEqual(['r1@example.cn']);
  });

  it('gives up after the last attempt: failed-permanently, with its error, never claimed again', async () => {
    await notifyMany(1, 'doomed');
    await t.sql('update mail_outbox set attempts = ?', [MAIL_MAX_ATTEMPTS - 1]);
    const relay = relayTo(`smtp://127.0.0.1:${await freePort()}`);
    expect(await relay.drain()).toEqual({ sent: 0, failed: 1 });
    const [row] = await t.sql<{ status: string; attempts: number; last_error: string }>(
      'select status, attempts, last_error from mail_outbox',
    );
    expect(row).toMatchObject({ status: 'failed-permanently', attempts: MAIL_MAX_ATTEMPTS });
    expect(row?.last_error).toBeTruthy();
    await t.sql(`update mail_outbox set next_attempt_at = now() - interval '1 day'`);
    expect(await relay.drain()).toEqual({ sent: 0, failed: 0 });
  });

  it('two relays at once send each mail once', async () => {
    await notifyMany(300, 'two-relays');
    const server = await sink();
    const [a, b] = [relayTo(server.url), relayTo(server.url)];
    a.batchSize = b.batchSize = 50;
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    expect(ra.sent + rb.sent).toBe(300);
    const mails = await server.waitFor(300);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(300);
    expect(mails).toHaveLength(300);
  });

  it('hands 10,000 mails to a local SMTP server well under 20 s', async () => {
    await notifyMany(10_000, 'bulk');
    const server = await sink();
    const relay = relayTo(server.url);
    const t0 = Date.now();
    expect(await relay.drain()).toEqual({ sent: 10_000, failed: 0 });
    const ms = Date.now() - t0;
    expect(server.received).toHaveLength(10_000);
    expect(ms).toBeLessThan(20_000);
    expect(await statuses()).toEqual({ sent: 10_000 });
  }, 60_000);
});
