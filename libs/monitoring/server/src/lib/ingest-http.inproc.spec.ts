import { startMonitoringApp, type MonitoringTestApp } from '../testing';
import { ApiKeyService } from './api-keys';

/** The machine api over HTTP: an api key (not a session) with the right scope, per-item codes, a revoked key. */
describe('monitoring machine api over HTTP (api keys)', () => {
  let app: MonitoringTestApp;
  let keys: ApiKeyService;
  let hospitalCode: string;
  let platformId: string;
  let provinceOrg: Awaited<ReturnType<MonitoringTestApp['orgs']['province']>>;

  beforeAll(async () => {
    app = await startMonitoringApp({ http: true });
    keys = app.service(ApiKeyService);
    const province = await app.orgs.province();
    provinceOrg = province;
    const city = await app.orgs.city(province);
    const platform = await app.orgs.institution(city, 'regional_platform', { name: '市全民健康信息平台' });
    platformId = city.id;
    hospitalCode = (await app.orgs.hospital(city)).code;
    void platform;
  });
  afterAll(() => app?.close());

  const post = (key: string | null, body: unknown) =>
    fetch(`${app.url}/api/monitoring/ingest/statistics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });

  it('takes a batch with a key of the statistics scope, refuses others, and stops a revoked key at once', async () => {
    const coordinator = await app.users.create('coordinator', { jurisdiction: provinceOrg });
    const good = await keys.create(coordinator.principal, {
      name: '市平台',
      organisationId: platformId,
      scopes: ['statistics'],
    });
    const refsOnly = await keys.create(coordinator.principal, {
      name: '卫统',
      organisationId: platformId,
      scopes: ['references'],
    });
    expect(good.key).toMatch(/^hk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const batch = { items: [{ org: hospitalCode, date: '2026-11-01', tables: { TB_MZ_JZMXB: 12 } }] };

    expect((await post(null, batch)).status).toBe(401);
    // the same prefix, one character of the secret changed
    const tampered = `${good.key.slice(0, -1)}${good.key.endsWith('A') ? 'B' : 'A'}`;
    expect((await post(tampered, batch)).status).toBe(401);
    const forbidden = await post(refsOnly.key, batch);
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).code).toBe('monitoring.key_scope');

    const ok = await post(good.key, batch);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ items: 1, written: 1 });
    const replay = await post(good.key, batch);
    expect(await replay.json()).toMatchObject({ items: 1, written: 0, unchanged: 1 });

    const bad = await post(good.key, {
      items: [{ org: hospitalCode, date: '2026-11-02', tables: { TB_MZ_JZMXB: -1 } }],
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).details.errors).toEqual([
      expect.objectContaining({ index: 0, code: '05', reason: 'monitoring.ingest_count_invalid' }),
    ]);

    const audit = await app.sql<{ action: string }>(
      `select action from audit_entry where action like 'monitoring.key.%' or action like 'monitoring.statistics.%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'monitoring.key.issued',
      'monitoring.key.issued',
      'monitoring.statistics.received',
      'monitoring.statistics.received',
    ]);

    await keys.revoke(coordinator.principal, good.id);
    expect((await post(good.key, batch)).status).toBe(401);
    expect((await keys.list(coordinator.principal)).find((k) => k.id === good.id)!.revokedAt).not.toBeNull();
  });
});
