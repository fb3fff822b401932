/**
 * The organisation hierarchy through OrganisationService and the import's producer (OrgImportService → the
 * queue, faked) and runner, on PostgreSQL: the level and region rules, jurisdiction, and deletion's refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Principal } from '@hutong/platform-server';
import { refused, startTestApp, type TestApp } from '@hutong/platform-server/testing';
import { QUEUES } from '@hutong/platform-model';
import { OrgFactory, type Province } from '../testing';
import { ORGANISATION_ENTITIES, OrganisationsModule } from './organisations.module';
import { OrganisationService } from './organisation.service';
import { OrgImportService } from './imports/org-import.service';
import { OrgImportRunner } from './imports/org-import.runner';
import { OrgImportWriter } from './imports/org-import.writer';

let t: TestApp;
let orgs: OrganisationService;
let p: Province;
let admin: Principal;
let xinyang: Principal; // a coordinator of 信阳

const principal = (role: Principal['role'], scopePath: string): Principal => ({
  id: '00000000-0000-4000-8000-000000000001',
  username: `${role}-test`,
  displayName: role,
  role,
  organisationId: null,
  scopePath,
  ip: null,
  userAgent: null,
});

beforeAll(async () => {
  t = await startTestApp({
    imports: [OrganisationsModule],
    entities: ORGANISATION_ENTITIES,
    providers: [OrgImportRunner, OrgImportWriter],
  });
  orgs = t.service(OrganisationService);
  p = await new OrgFactory(t.em).provinceTree();
  admin = principal('admin', '/');
  xinyang = principal('coordinator', p.xinyang.path);
});

afterAll(async () => {
  await t?.close();
});

const audit = (id: string) =>
  t.sql<{ action: string }>(
    "select action from audit_entry where entity_type = 'organisation' and entity_id = ? order by id",
    [id],
  );

describe('creating organisations', () => {
  it('creates a county under a city, with its path and an audit entry', async () => {
    const created = await orgs.create(xinyang, {
      code: 'XY-PQ',
      name: ' 平桥区 ',
      level: 'county',
      kind: 'region',
      regionCode: '411503',
      parentId: p.xinyang.id,
    });
    expect(created).toMatchObject({ code: 'XY-PQ', name: '平桥区', level: 'county', parentId: p.xinyang.id });
    const [row] = await t.sql<{ path: string }>('select path from organisation where id = ?', [created.id]);
    expect(row.path).toBe(`${p.xinyang.path}${created.id}/`);
    expect(await audit(created.id)).toEqual([{ action: 'organisation.create' }]);
  });

  it('refuses with the rule broken: a province by a coordinator, a wrong parent level, a region code outside the parent, a duplicate code', async () => {
    expect(
      await refused(
        orgs.create(xinyang, { code: 'P2', name: '某省', level: 'province', kind: 'region', regionCode: '420000' }),
      ),
    ).toMatchObject({
      statusCode: 403,
      message: '只有系统管理员可以新增省级节点',
    });
    expect(
      await refused(
        orgs.create(admin, {
          code: 'C2',
          name: '某区',
          level: 'county',
          kind: 'region',
          regionCode: '411599',
          parentId: p.province.id,
        }),
      ),
    ).toMatchObject({ statusCode: 400, message: '区县不能挂在省之下' });
    expect(
      await refused(
        orgs.create(admin, {
          code: 'C3',
          name: '某区',
          level: 'county',
          kind: 'region',
          regionCode: '410105',
          parentId: p.xinyang.id,
        }),
      ),
    ).toMatchObject({ statusCode: 400, message: '行政区划代码410105不在上级区域411500之内' });
    expect(
      await refused(
        orgs.create(admin, {
          code: p.shihe.code,
          name: '重复',
          level: 'county',
          kind: 'region',
          regionCode: '411504',
          parentId: p.xinyang.id,
        }),
      ),
    ).toMatchObject({ statusCode: 409, message: `编码“${p.shihe.code}”已被使用` });
    expect(
      await refused(
        orgs.create(admin, {
          code: 'H9',
          name: '医院',
          level: 'institution',
          kind: 'region',
          regionCode: '411502',
          parentId: p.shihe.id,
        }),
      ),
    ).toMatchObject({
      statusCode: 400,
    });
  });

  it('lists only the caller’s jurisdiction', async () => {
    const { items } = await orgs.list(xinyang, { descendants: true, parentId: p.province.id, page: 1, pageSize: 100 });
    const ids = items.map((o) => o.id);
    expect(ids).toContain(p.shiheHospital.id);
    expect(ids).not.toContain(p.zhengzhouHospital.id);
  });
});

describe('deleting organisations', () => {
  it('refuses one with children (organisation.has_children) and one outside the jurisdiction (403)', async () => {
    expect(await refused(orgs.remove(admin, p.shihe.id))).toMatchObject({
      statusCode: 409,
      code: 'organisation.has_children',
    });
    expect(await refused(orgs.remove(xinyang, p.zhengzhouHospital.id))).toMatchObject({ statusCode: 403 });
    expect(
      await t.sql('select 1 from organisation where id in (?, ?)', [p.shihe.id, p.zhengzhouHospital.id]),
    ).toHaveLength(2);
  });

  it('deletes a leaf nothing refers to, audited with what it was', async () => {
    const leaf = await new OrgFactory(t.em).hospital(p.shihe);
    await orgs.remove(xinyang, leaf.id);
    expect(await t.sql('select 1 from organisation where id = ?', [leaf.id])).toEqual([]);
    const [entry] = await t.sql<{ before: { code: string } }>(
      "select before from audit_entry where action = 'organisation.delete' and entity_id = ?",
      [leaf.id],
    );
    expect(entry.before.code).toBe(leaf.code);
  });
});

describe('the import: the api validates and enqueues, the worker writes', () => {
  const header = '机构编码,名称,层级,类型,上级编码,行政区划代码,医院等级';

  it('refuses a file with a bad row (422 with every bad row) and enqueues nothing', async () => {
    const csv = `${header}\nIMP-1,新医院,机构,医院,NO-SUCH-PARENT,411502,一级\n`;
    const body = await refused(t.service(OrgImportService).upload(xinyang, 'orgs.csv', Buffer.from(csv)));
    expect(body).toMatchObject({ statusCode: 422, message: '共1行有错误，未写入任何数据' });
    expect(t.queues[QUEUES.orgImport].jobs).toEqual([]);
  });

  it('enqueues a valid file once, by its import id; running the job writes the rows', async () => {
    const csv = `${header}\nIMP-2,浉河区新医院,机构,医院,${p.shihe.code},411502,一级\n`;
    const view = await t.service(OrgImportService).upload(xinyang, 'orgs.csv', Buffer.from(csv));
    expect(view).toMatchObject({ status: 'queued', totalRows: 1 });
    expect(t.queues[QUEUES.orgImport].jobs).toEqual([
      { name: 'import', data: { importId: view.id }, opts: { jobId: view.id } },
    ]);
    expect(await t.sql("select 1 from organisation where code = 'IMP-2'")).toEqual([]);

    await t.service(OrgImportRunner).run(view.id, async () => undefined);
    const [row] = await t.sql<{ path: string }>("select path from organisation where code = 'IMP-2'");
    expect(row.path.startsWith(p.shihe.path)).toBe(true);
    expect(await t.service(OrgImportService).get(xinyang, view.id)).toMatchObject({ status: 'succeeded', created: 1 });
  });
});
