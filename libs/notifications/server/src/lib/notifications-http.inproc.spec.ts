/**
 * The notification endpoints through the HTTP layer of the test app (the real access guard, validation pipe and
 * exception filter): a user reads and marks only their own notifications, the preferences are validated and
 * audited, and the SSE stream sends the unread count at connect and again when a notification is written.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestApp } from '@hutong/platform-server/testing';
import { PlatformApiModule, registerMessages } from '@hutong/platform-server';
import { OrgFactory, type Province } from '@hutong/organisations-server/testing';
import { TEST_PASSWORD, UserFactory, type TestUser } from '@hutong/identity-server/testing';
import { AuthService } from '@hutong/identity-server';
import type { NotificationInput } from '@hutong/notifications-model';
import { startNotificationsApp } from '../testing';
import { NotificationBus } from './notification-bus';
import { NotificationService } from './notification.service';
import { NotificationStream } from './notification-stream';

registerMessages({
  messages: { 'test.hello': { zh: '您好，{name}', en: 'Hello, {name}' } },
});

let t: TestApp;
let base: string;
let p: Province;
let alice: TestUser;
let bob: TestUser;
let aliceCookie: string;
let bobCookie: string;
let sut: NotificationService;

async function signIn(u: TestUser): Promise<string> {
  const { token } = await t.service(AuthService).login(u.user.username, TEST_PASSWORD, '127.0.0.1', 'jest');
  return `hutong_sid=${token}`;
}

function call(method: string, path: string, cookie: string | null, body?: unknown, lang?: string) {
  const headers: Record<string, string> = {};
  if (cookie) headers['cookie'] = cookie;
  if (lang) headers['accept-language'] = lang;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${base}/api/notifications${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const hello = (u: TestUser, key: string): NotificationInput => ({
  userId: u.user.id,
  titleCode: 'test.hello',
  params: { name: u.user.displayName },
  dedupeKey: key,
});

beforeAll(async () => {
  t = await startNotificationsApp({ imports: [PlatformApiModule], http: true });
  base = t.url;
  p = await new OrgFactory(t.em).provinceTree();
  const users = new UserFactory(t.em);
  alice = await users.applicant(p.xinyangHospital);
  bob = await users.coordinator(p.province);
  aliceCookie = await signIn(alice);
  bobCookie = await signIn(bob);
  sut = t.service(NotificationService);
});

afterAll(async () => {
  await t?.close();
});

describe('each user’s own inbox', () => {
  it('refuses a caller without a session (401)', async () => {
    const res = await call('GET', '', null);
    expect(res.status).toBe(401);
  });

  it('lists only the caller’s notifications, rendered in the language asked for', async () => {
    await sut.notify([hello(alice, 'a1'), hello(alice, 'a2'), hello(bob, 'b1')]);
    const zh = await (await call('GET', '', aliceCookie)).json();
    expect(zh.total).toBe(2);
    expect(zh.items.map((n: { title: string }) => n.title)).toEqual([
      `您好，${alice.user.displayName}`,
      `您好，${alice.user.displayName}`,
    ]);
    const en = await (await call('GET', '?unread=true&pageSize=1', aliceCookie, undefined, 'en-US,en;q=0.9')).json();
    expect(en).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(en.items[0].title).toBe(`Hello, ${alice.user.displayName}`);
    expect((await (await call('GET', '', bobCookie)).json()).total).toBe(1);
  });

  it('never lets one user read or mark another’s notification (404), nor read-all touch it', async () => {
    const [{ id: bobsId } = { id: '' }] = await t.sql<{ id: string }>('select id from notification where user_id = ?', [
      bob.user.id,
    ]);
    const res = await call('POST', `/${bobsId}/read`, aliceCookie);
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('common.not_found');
    expect(await (await call('POST', '/read-all', aliceCookie)).json()).toEqual({ unread: 0 });
    const [row] = await t.sql<{ read_at: unknown }>('select read_at from notification where id = ?', [bobsId]);
    expect(row?.read_at).toBeNull();
    expect(await (await call('GET', '/unread-count', bobCookie)).json()).toEqual({ unread: 1 });

    // the owner may; marking again is harmless
    expect(await (await call('POST', `/${bobsId}/read`, bobCookie)).json()).toEqual({ unread: 0 });
    expect((await call('POST', `/${bobsId}/read`, bobCookie)).status).toBe(201);
  });

  it('answers 400 for a malformed id or filter', async () => {
    expect((await call('POST', '/not-a-uuid/read', aliceCookie)).status).toBe(400);
    const res = await call('GET', '?unread=maybe', aliceCookie);
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('validation.failed');
  });
});

describe('preferences', () => {
  it('has defaults before any choice: no mail, Chinese, 08:00', async () => {
    expect(await (await call('GET', '/preferences', aliceCookie)).json()).toEqual({
      emailMode: 'off',
      lang: 'zh-CN',
      digestHour: 8,
      email: null,
    });
  });

  it('refuses invalid values field by field, in the caller’s language, and saves nothing', async () => {
    const res = await call(
      'PUT',
      '/preferences',
      aliceCookie,
      { emailMode: 'sometimes', lang: 'fr-FR', digestHour: 23 },
      'en',
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('validation.failed');
    expect(Object.fromEntries(body.details.map((d: { field: string; code: string }) => [d.field, d.code]))).toEqual({
      emailMode: 'notification.email_mode_invalid',
      lang: 'notification.lang_invalid',
      digestHour: 'notification.digest_hour_invalid',
    });
    expect(body.details.find((d: { field: string }) => d.field === 'digestHour').reason).toBe(
      'The digest hour is a whole hour from 8 to 21',
    );
    expect((await call('PUT', '/preferences', aliceCookie, { emailMode: 'digest' })).status).toBe(400);
    expect(
      (await call('PUT', '/preferences', aliceCookie, { emailMode: 'off', lang: 'zh-CN', digestHour: 9, x: 1 })).status,
    ).toBe(400);
    expect(await t.sql('select * from notification_preference where user_id = ?', [alice.user.id])).toEqual([]);
  });

  it('saves a valid choice for the caller only, with an audit entry', async () => {
    const res = await call('PUT', '/preferences', aliceCookie, { emailMode: 'digest', lang: 'en-US', digestHour: 18 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ emailMode: 'digest', lang: 'en-US', digestHour: 18, email: null });
    expect(await (await call('GET', '/preferences', aliceCookie)).json()).toMatchObject({ emailMode: 'digest' });
    expect(await (await call('GET', '/preferences', bobCookie)).json()).toMatchObject({ emailMode: 'off' });
    const audit = await t.sql<{ action: string; actor_id: string; entity_id: string; before: unknown; after: unknown }>(
      `select action, actor_id, entity_id, before, after from audit_entry where action = 'notification.preferences_update'`,
    );
    expect(audit).toEqual([
      {
        action: 'notification.preferences_update',
        actor_id: alice.user.id,
        entity_id: alice.user.id,
        before: { emailMode: 'off', lang: 'zh-CN', digestHour: 8 },
        after: { emailMode: 'digest', lang: 'en-US', digestHour: 18 },
      },
    ]);
  });
});

describe('the live unread stream (SSE)', () => {
  it('sends the count at connect and again when a notification is written or read; cleans up on close', async () => {
    const stream = t.module.get(NotificationStream);
    const bus = t.module.get(NotificationBus);
    const before = bus.listenerCount();
    const abort = new AbortController();
    const res = await fetch(`${base}/api/notifications/stream`, {
      headers: { cookie: aliceCookie },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = readEvents(res);
    expect(await events.next()).toEqual({ unread: 0 });
    await bus.ready();

    await sut.notify([hello(alice, 'live-1'), hello(alice, 'live-2')]);
    expect(await events.next()).toEqual({ unread: 2 });
    // from another process's point of view: the worker publishes on the same channel
    await t.sql('update notification set read_at = now() where user_id = ? and dedupe_key = ?', [
      alice.user.id,
      'live-1',
    ]);
    await bus.publish([alice.user.id]);
    expect(await events.next()).toEqual({ unread: 1 });
    // someone else's notification: no event for alice (the next one she gets is her own)
    await sut.notify([hello(bob, 'live-bob')]);
    await sut.notify([hello(alice, 'live-3')]);
    expect(await events.next()).toEqual({ unread: 2 });

    expect(stream.openCount()).toBe(1);
    abort.abort();
    await waitUntil(() => stream.openCount() === 0 && bus.listenerCount() === before);
  });
});

/** The `data:` events of an SSE answer, one JSON value at a time (comments and `retry:` skipped). */
function readEvents(res: Response): { next(timeoutMs?: number): Promise<unknown> } {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queue: unknown[] = [];
  return {
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!queue.length) {
        if (Date.now() > deadline) throw new Error('no event in time');
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) queue.push(JSON.parse(data));
        }
      }
      return queue.shift();
    },
  };
}

async function waitUntil(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
