/**
 * NotificationService on PostgreSQL (and the Redis channel): notify writes each (user, dedupe key) once, in the
 * caller's transaction, fast for 10,000; it queues a mail only for users who chose immediate e-mail and have an
 * address, in their language; the daily digest goes out once per user and Shanghai day, at their hour, never at
 * night.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { advanceClock, restoreClock, setClock, type TestApp } from '@hutong/platform-server/testing';
import { registerMessages } from '@hutong/platform-server';
import { OrgFactory, type Province } from '@hutong/organisations-server/testing';
import { UserFactory, type TestUser } from '@hutong/identity-server/testing';
import type { NotificationInput } from '@hutong/notifications-model';
import { NotificationFactory, startNotificationsApp } from '../testing';
import { DigestService } from './mail/digest.service';
import { NotificationBus } from './notification-bus';
import { NotificationService } from './notification.service';

// a producer's codes, as the tasks capability will register its own
registerMessages({
  messages: {
    'test.task_due': { zh: '任务“{title}”将于{date}到期', en: 'The task “{title}” is due on {date}' },
    'test.task_due_body': { zh: '请及时处理。', en: 'Please see to it in time.' },
  },
});

let t: TestApp;
let sut: NotificationService;
let digests: DigestService;
let factory: NotificationFactory;
let users: UserFactory;
let org: Province;

beforeAll(async () => {
  t = await startNotificationsApp();
  sut = t.service(NotificationService);
  digests = t.module.get(DigestService);
  factory = new NotificationFactory(t.em);
  users = new UserFactory(t.em);
  org = await new OrgFactory(t.em).provinceTree();
});

afterAll(async () => {
  await t?.close();
});

afterEach(() => restoreClock());

const input = (user: TestUser, key: string, title = '周报'): NotificationInput => ({
  userId: user.user.id,
  titleCode: 'test.task_due',
  bodyCode: 'test.task_due_body',
  params: { title, date: '2026-12-10' },
  link: '/tasks/1',
  dedupeKey: key,
  subjectType: 'task',
  subjectId: '1',
});

const count = async (sql: string, params: unknown[] = []) => (await t.sql<{ n: number }>(sql, params))[0]?.n ?? 0;
const notificationsOf = (u: TestUser) =>
  count('select count(*)::int as n from notification where user_id = ?', [u.user.id]);
const mailsOf = (u: TestUser) =>
  t.sql<{ subject: string; text: string; to_address: string; status: string }>(
    'select subject, text, to_address, status from mail_outbox where user_id = ? order by created_at',
    [u.user.id],
  );

describe('notify', () => {
  it('writes each (user, dedupe key) once: a second call with the same keys writes nothing', async () => {
    const a = await users.applicant(org.xinyangHospital);
    const b = await users.applicant(org.xinyangHospital);
    const items = [input(a, 'k1'), input(a, 'k2'), input(b, 'k1')];
    expect(await sut.notify(items)).toBe(3);
    expect(await sut.notify(items)).toBe(0);
    // the same key twice in one call, and a new one beside known ones
    expect(await sut.notify([input(a, 'k3'), input(a, 'k3'), input(a, 'k1')])).toBe(1);
    expect(await notificationsOf(a)).toBe(3);
    expect(await notificationsOf(b)).toBe(1);
    const [row] = await t.sql<{ params: unknown; link: string; subject_type: string }>(
      `select params, link, subject_type from notification where user_id = ? and dedupe_key = 'k1'`,
      [a.user.id],
    );
    expect(row).toEqual({ params: { title: '周报', date: '2026-12-10' }, link: '/tasks/1', subject_type: 'task' });
  });

  it('runs in the caller’s transaction: a rollback writes nothing, and the stream hears of it only after the commit', async () => {
    const a = await users.applicant(org.xinyangHospital);
    const bus = t.module.get(NotificationBus);
    await bus.ready();
    const heard: number[] = [];
    const stop = bus.listen(a.user.id, () => heard.push(Date.now()));
    try {
      await expect(
        t.em.fork().transactional(async (tx) => {
          expect(await sut.notify([input(a, 'rolled-back')], tx)).toBe(1);
          throw new Error('the caller fails');
        }),
      ).rejects.toThrow('the caller fails');
      expect(await notificationsOf(a)).toBe(0);

      let committedAt = 0;
      await t.em.fork().transactional(async (tx) => {
        expect(await sut.notify([input(a, 'committed')], tx)).toBe(1);
        await new Promise((r) => setTimeout(r, 150));
        expect(heard).toEqual([]);
        committedAt = Date.now();
      });
      await waitUntil(() => heard.length > 0);
      expect(heard).toHaveLength(1);
      expect(heard[0]).toBeGreaterThanOrEqual(committedAt);
      expect(await notificationsOf(a)).toBe(1);
    } finally {
      stop();
    }
  });

  it('takes 10,000 notifications in a few seconds, and the same 10,000 again write nothing', async () => {
    const many = await Promise.all(Array.from({ length: 10 }, () => users.applicant(org.zhengzhouHospital)));
    const first = many[0] as TestUser;
    await factory.email(first.user.id, 'many0@example.cn');
    await factory.preferences(first.user.id, { emailMode: 'immediate' });
    const items = many.flatMap((u) => Array.from({ length: 1000 }, (_, i) => input(u, `bulk-${i}`, `任务${i}`)));
    const t0 = Date.now();
    expect(await sut.notify(items)).toBe(10_000);
    const elapsed = Date.now() - t0;
    expect(await sut.notify(items)).toBe(0);
    expect(elapsed).toBeLessThan(10_000);
    expect(await count(`select count(*)::int as n from notification where dedupe_key like 'bulk-%'`)).toBe(10_000);
    // the one user who wants immediate mail got one per new notification
    expect(await mailsOf(first)).toHaveLength(1000);
  });
});

describe('mail queued by preference and language', () => {
  it('queues one mail per new notification for immediate users with an address, in their language', async () => {
    const en = await users.applicant(org.xinyangHospital);
    const zh = await users.applicant(org.xinyangHospital);
    const noAddress = await users.applicant(org.xinyangHospital);
    const digest = await users.applicant(org.xinyangHospital);
    const off = await users.applicant(org.xinyangHospital);
    const none = await users.applicant(org.xinyangHospital);
    for (const [u, mail] of [
      [en, 'en@example.cn'],
      [zh, 'zh@example.cn'],
      [digest, 'digest@example.cn'],
      [off, 'off@example.cn'],
      [none, 'none@example.cn'],
    ] as const)
      await factory.email(u.user.id, mail);
    await factory.preferences(en.user.id, { emailMode: 'immediate', lang: 'en-US' });
    await factory.preferences(zh.user.id, { emailMode: 'immediate' });
    await factory.preferences(noAddress.user.id, { emailMode: 'immediate' });
    await factory.preferences(digest.user.id, { emailMode: 'digest' });
    await factory.preferences(off.user.id, { emailMode: 'off' });

    const all = [en, zh, noAddress, digest, off, none];
    expect(await sut.notify(all.map((u) => input(u, 'due-1')))).toBe(6);
    expect(await mailsOf(en)).toEqual([
      {
        subject: 'The task “周报” is due on 2026-12-10',
        text: expect.stringMatching(/^Please see to it in time\.\n\nSent by Hutong automatically/),
        to_address: 'en@example.cn',
        status: 'pending',
      },
    ]);
    expect(await mailsOf(zh)).toEqual([
      {
        subject: '任务“周报”将于2026-12-10到期',
        text: expect.stringMatching(/^请及时处理。\n\n此邮件由互通系统自动发送/),
        to_address: 'zh@example.cn',
        status: 'pending',
      },
    ]);
    for (const u of [noAddress, digest, off, none]) expect(await mailsOf(u)).toEqual([]);

    // notified again with the same key: no second mail
    expect(await sut.notify([input(en, 'due-1')])).toBe(0);
    expect(await mailsOf(en)).toHaveLength(1);
  });
});

describe('the daily digest', () => {
  it('sends one mail per user and Shanghai day at their hour, listing what is unread since the last digest', async () => {
    const u = await users.applicant(org.xinyangHospital);
    await factory.email(u.user.id, 'digest-user@example.cn');
    await factory.preferences(u.user.id, { emailMode: 'digest', lang: 'zh-CN', digestHour: 9 });
    // 2026-12-02 07:30 Shanghai
    setClock('2026-12-01T23:30:00Z');
    await sut.notify([input(u, 'd1', '甲'), input(u, 'd2', '乙'), input(u, 'd3', '丙')]);
    await t.sql('update notification set read_at = now() where user_id = ? and dedupe_key = ?', [u.user.id, 'd3']);

    await digests.run(new Date()); // 07:30: before 08:00
    advanceClock(3600_000); // 08:30: before the user's 09:00
    await digests.run(new Date());
    expect(await mailsOf(u)).toEqual([]);

    advanceClock(3600_000); // 09:30
    await digests.run(new Date());
    expect(await mailsOf(u)).toHaveLength(1);
    const [mail] = await mailsOf(u);
    expect(mail?.subject).toBe('互通：您有2条未读通知');
    expect(mail?.text).toContain('任务“甲”将于2026-12-10到期');
    expect(mail?.text).toContain('任务“乙”将于2026-12-10到期');
    expect(mail?.text).not.toContain('丙');

    // the same day again, even with a new notification: nothing more
    await sut.notify([input(u, 'd4', '丁')]);
    advanceClock(3600_000);
    await digests.run(new Date());
    expect(await mailsOf(u)).toHaveLength(1);

    // 22:30 that day and 07:00 the next: no digest at night either
    setClock('2026-12-02T14:30:00Z');
    await digests.run(new Date());
    setClock('2026-12-02T23:00:00Z');
    await digests.run(new Date());
    expect(await mailsOf(u)).toHaveLength(1);

    // the next day at 09:00: only what came since the last digest (丁), though 甲 and 乙 are still unread
    setClock('2026-12-03T01:00:00Z');
    await digests.run(new Date());
    expect(await mailsOf(u)).toHaveLength(2);
    const second = (await mailsOf(u))[1];
    expect(second?.subject).toBe('互通：您有1条未读通知');
    expect(second?.text).toContain('丁');
    expect(second?.text).not.toContain('甲');
    await digests.run(new Date());
    expect(await mailsOf(u)).toHaveLength(2);
  });

  it('two workers at once queue one digest', async () => {
    const u = await users.applicant(org.xinyangHospital);
    await factory.email(u.user.id, 'race@example.cn');
    await factory.preferences(u.user.id, { emailMode: 'digest', lang: 'en-US' });
    await sut.notify([input(u, 'race-1')]);
    const at = new Date('2026-12-05T02:00:00Z'); // 10:00 Shanghai
    await Promise.all([digests.run(at), digests.run(at)]);
    expect((await mailsOf(u)).map((m) => m.subject)).toEqual(['Hutong: 1 unread notifications']);
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
