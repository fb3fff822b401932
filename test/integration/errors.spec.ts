/**
 * Errors over HTTP against the built api: malformed, deep and over-size JSON, pages and dates out of range,
 * coded bodies in Chinese by default and in English by Accept-Language.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_JSON_DEPTH } from '@hutong/platform-model';
import { DEMO_PASSWORD, startStack, type HttpClient, type Stack } from '../support/stack';

let stack: Stack;
let admin: HttpClient;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  admin = await stack.login('admin');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function raw(path: string, init: { method?: string; body?: string; lang?: string } = {}) {
  const headers: Record<string, string> = { accept: 'application/json', cookie: admin.cookieHeader() };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.lang) headers['accept-language'] = init.lang;
  const res = await fetch(new URL(path, stack.baseUrl), { method: init.method ?? 'GET', headers, body: init.body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
}

describe('the request body', () => {
  it('malformed JSON → 400 request.malformed_json', async () => {
    const res = await raw('/api/auth/login', { method: 'POST', body: '{"username":' });
    expect(res).toMatchObject({
      status: 400,
      body: { code: 'request.malformed_json', message: '请求内容不是有效的 JSON' },
    });
  });

  it('an over-size JSON body → 413 request.too_large', async () => {
    const body = JSON.stringify({ username: 'x'.repeat(1_200_000), password: 'y' });
    const res = await raw('/api/auth/login', { method: 'POST', body, lang: 'en' });
    expect(res).toMatchObject({
      status: 413,
      body: { code: 'request.too_large', message: expect.stringMatching(/1 MB/) },
    });
  });

  it('deeply nested JSON → 400 request.too_deep', async () => {
    const n = MAX_JSON_DEPTH + 10;
    const res = await raw('/api/auth/login', { method: 'POST', body: `{"username":${'['.repeat(n)}${']'.repeat(n)}}` });
    expect(res).toMatchObject({ status: 400, body: { code: 'request.too_deep', params: { max: MAX_JSON_DEPTH } } });
  });
});

describe('queries', () => {
  it('pages out of range → 400 validation.failed, never 500', async () => {
    for (const q of ['page=0', 'page=99999999999', 'pageSize=100000']) {
      const res = await raw(`/api/organisations?${q}`);
      expect([q, res.status, res.body['code']]).toEqual([q, 400, 'validation.failed']);
    }
    expect((await raw('/api/audit?page=0')).status).toBe(400);
    expect((await raw('/api/users?page=0')).status).toBe(400);
  });

  it('an impossible date → 400', async () => {
    const res = await raw('/api/audit?from=2023-02-30');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'validation.failed',
      details: [expect.objectContaining({ field: 'from', code: 'validation.date' })],
    });
  });
});

describe('coded messages', () => {
  it('Chinese by default, English with Accept-Language: en', async () => {
    const missing = '/api/organisations/00000000-0000-4000-8000-000000000000';
    expect(await raw(missing)).toMatchObject({
      status: 404,
      body: { code: 'common.not_found', params: { entity: 'organisation' }, message: '机构不存在' },
    });
    expect(await raw(missing, { lang: 'en-US,en;q=0.9' })).toMatchObject({
      status: 404,
      body: { code: 'common.not_found', message: 'The organisation does not exist' },
    });
  });

  it('a wrong password in English', async () => {
    const res = await fetch(new URL('/api/auth/login', stack.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ username: 'viewer', password: `${DEMO_PASSWORD}x` }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'auth.bad_credentials', message: 'Wrong username or password' });
  });

  it('an unknown api route → 404 common.route_not_found', async () => {
    expect(await raw('/api/no-such-thing', { lang: 'en' })).toMatchObject({
      status: 404,
      body: { code: 'common.route_not_found', message: 'No such endpoint' },
    });
  });
});
