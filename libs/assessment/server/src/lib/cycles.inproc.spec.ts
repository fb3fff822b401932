/**
 * Cycles (CycleService), who may apply where (ApplicationService.create), scheme versions (SchemeService), and
 * the organisations a cycle or application refers to (OrganisationService.remove → organisation.in_use).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { STAGE_WINDOWS, type StageWindow } from '@hutong/assessment-model';
import { refused, restoreClock, setClock } from '@hutong/platform-server/testing';
import type { Province } from '@hutong/organisations-server/testing';
import type { TestUser } from '@hutong/identity-server/testing';
import { OrganisationService } from '@hutong/organisations-server';
import { UserService } from '@hutong/identity-server';
import { startAssessmentApp, windowsAround, type AssessmentTestApp } from '../testing';
import type { Scheme } from './entities/assessment.entities';
import { ApplicationService } from './application.service';
import { CycleService } from './cycle.service';
import { SchemeService } from './scheme.service';

const NOW = '2026-03-10T02:00:00Z';
const TODAY = '2026-03-10';

let t: AssessmentTestApp;
let cycles: CycleService;
let apps: ApplicationService;
let p: Province;
let scheme: Scheme;
let coordinator: TestUser;
let admin: TestUser;

beforeAll(async () => {
  setClock(NOW);
  t = await startAssessmentApp();
  cycles = t.service(CycleService);
  apps = t.service(ApplicationService);
  p = await t.orgs.provinceTree();
  scheme = await t.assessment.scheme();
  coordinator = await t.users.coordinator(p.xinyang);
  admin = await t.users.admin();
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

const windows = (): StageWindow[] => windowsAround(TODAY);
const newCycle = (extra: Partial<Parameters<CycleService['create']>[1]> = {}) =>
  cycles.create(coordinator.principal, {
    name: '2026年度第一批',
    year: 2026,
    batch: 1,
    jurisdictionId: p.xinyang.id,
    schemeIds: [scheme.id],
    eligibleKinds: ['hospital'],
    windows: windows(),
    ...extra,
  });

async function cycleAudit(id: string) {
  return (
    await t.sql<{ action: string }>(
      "select action from audit_entry where entity_type = 'cycle' and entity_id = ? order by id",
      [id],
    )
  ).map((r) => r.action);
}

describe('cycles', () => {
  it('creates a cycle with its windows in stage order; a duplicate (jurisdiction, year, batch) is a 409', async () => {
    const created = await newCycle({ windows: [...windows()].reverse() });
    expect(created).toMatchObject({ status: 'open', publicityDays: 7, jurisdiction: { id: p.xinyang.id }, counts: {} });
    expect(created.windows.map((w) => w.key)).toEqual([...STAGE_WINDOWS]);
    expect(await refused(newCycle({ name: '重复的批次' }))).toMatchObject({
      statusCode: 409,
      message: '该管辖范围已有2026年度第1批测评批次，不能重复创建',
    });
    expect(await cycleAudit(created.id)).toEqual(['cycle.create']);
  });

  it('refuses windows out of order (400), naming the rule', async () => {
    const overlapping = windows();
    overlapping[1] = { ...overlapping[1], start: overlapping[0].end };
    expect(await refused(newCycle({ batch: 2, windows: overlapping }))).toMatchObject({
      statusCode: 400,
      message: '“文件审查”须在“自评估申报”结束后开始',
    });
  });

  it('edits, closes and archives, each audited once; an unchanged edit writes nothing; a closed cycle takes no application', async () => {
    const { id } = await newCycle({ year: 2030 });
    const edited = await cycles.update(coordinator.principal, id, {
      name: ' 2030年度第一批（调整） ',
      publicityDays: 10,
    });
    expect(edited).toMatchObject({ name: '2030年度第一批（调整）', publicityDays: 10 });
    await cycles.update(coordinator.principal, id, { name: '2030年度第一批（调整）' });
    expect(await refused(cycles.changeStatus(coordinator.principal, id, 'archive'))).toMatchObject({ statusCode: 409 });
    expect((await cycles.changeStatus(coordinator.principal, id, 'close')).status).toBe('closed');
    const applicant = await t.users.applicant(p.xinyangHospital);
    expect(
      await refused(
        apps.create(applicant.principal, {
          cycleId: id,
          organisationId: p.xinyangHospital.id,
          schemeId: scheme.id,
          targetLevel: '3',
        }),
      ),
    ).toMatchObject({ statusCode: 409, message: '本批次已关闭，不再接受申请' });
    expect((await cycles.changeStatus(coordinator.principal, id, 'archive')).status).toBe('archived');
    expect(await refused(cycles.update(coordinator.principal, id, { name: 'x' }))).toMatchObject({
      statusCode: 409,
      message: '已归档的测评批次不能修改',
    });
    expect((await cycles.list(coordinator.principal)).map((c) => c.id)).not.toContain(id);
    expect((await cycles.list(coordinator.principal, true)).find((c) => c.id === id)?.status).toBe('archived');
    expect(await cycleAudit(id)).toEqual(['cycle.create', 'cycle.update', 'cycle.close', 'cycle.archive']);
  });

  it('an applicant sees the cycles that cover it, not those of another city', async () => {
    const zz = await t.assessment.cycle({ jurisdiction: p.zhengzhou, schemes: [scheme] });
    const xy = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme] });
    const seen = (await cycles.list((await t.users.applicant(p.shiheHospital)).principal)).map((c) => c.id);
    expect(seen).toContain(xy.id);
    expect(seen).not.toContain(zz.id);
  });
});

describe('who may apply where', () => {
  it('refuses 五级乙等 without 四级 passed in an earlier year (422, nothing written), and takes it after one', async () => {
    const cycle = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme], year: 2041 });
    const hospital = await t.orgs.hospital(p.shihe);
    const applicant = await t.users.applicant(hospital);
    const body = { cycleId: cycle.id, organisationId: hospital.id, schemeId: scheme.id, targetLevel: '5B' as const };
    const count = async () =>
      Number(
        (
          await t.sql<{ n: string }>('select count(*) as n from application where organisation_id = ?', [hospital.id])
        )[0]?.n,
      );
    expect(await refused(apps.create(applicant.principal, body))).toMatchObject({
      statusCode: 422,
      message: '不能申报五级乙等：须在2041年以前的年度通过四级测评（四级乙等或四级甲等），下一年方可申报五级乙等及以上',
    });
    expect(await count()).toBe(0);
    // a 四级甲等 published in the same year does not count; one of an earlier year does
    const same = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme], year: 2041, batch: 2 });
    await t.assessment.application({
      cycle: same,
      organisation: hospital,
      scheme,
      createdBy: applicant.user,
      state: 'published',
      achievedLevel: '4A',
    });
    expect(await refused(apps.create(applicant.principal, body))).toMatchObject({ statusCode: 422 });
    const earlier = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme], year: 2040 });
    await t.assessment.application({
      cycle: earlier,
      organisation: hospital,
      scheme,
      createdBy: applicant.user,
      state: 'published',
      achievedLevel: '4B',
    });
    expect((await apps.create(applicant.principal, body)).targetLevel).toBe('5B');
  });

  it('refuses with the reason: another organisation, outside the cycle, a kind or scheme the cycle does not take, outside the window, twice', async () => {
    const cycle = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme] });
    const region = await t.assessment.scheme('region');
    const hospital = await t.orgs.hospital(p.shihe);
    const applicant = await t.users.applicant(hospital);
    const body = { cycleId: cycle.id, organisationId: hospital.id, schemeId: scheme.id, targetLevel: '3' as const };
    const create = (principal = applicant.principal, extra: Partial<typeof body> = {}) =>
      apps.create(principal, { ...body, ...extra });

    expect(await refused(create(applicant.principal, { organisationId: p.shiheHospital.id }))).toMatchObject({
      statusCode: 403,
      message: '只能为本单位申请',
    });
    const zzHospital = await t.users.applicant(p.zhengzhouHospital);
    expect(await refused(create(zzHospital.principal, { organisationId: p.zhengzhouHospital.id }))).toMatchObject({
      statusCode: 400,
      message: '该机构不在本批次的范围内',
    });
    const platform = await t.orgs.institution(p.xinyang, 'regional_platform');
    expect(await refused(create(coordinator.principal, { organisationId: platform.id }))).toMatchObject({
      statusCode: 400,
      message: '该机构类型不能参加本批次测评',
    });
    expect(await refused(create(applicant.principal, { schemeId: region.id }))).toMatchObject({
      statusCode: 400,
      message: '本批次不使用该指标体系',
    });
    const future = await t.assessment.cycle({
      jurisdiction: p.xinyang,
      schemes: [scheme],
      windows: windowsAround('2026-06-01'),
    });
    expect(await refused(create(applicant.principal, { cycleId: future.id }))).toMatchObject({
      statusCode: 409,
      message: '本批次当前不在申报时间内',
    });
    expect((await create()).state).toBe('draft');
    expect(await refused(create())).toMatchObject({ statusCode: 409, message: '该机构已在本批次中申请' });
    const [{ n }] = await t.sql<{ n: number }>('select count(*)::int as n from application where organisation_id = ?', [
      hospital.id,
    ]);
    expect(n).toBe(1);
  });
});

describe('scheme versions', () => {
  it('refuses an inconsistent edit with every problem and writes nothing', async () => {
    const schemes = t.service(SchemeService);
    const tree = structuredClone(scheme.tree);
    tree[0].children[0].children[0].passScore = 999;
    const before = await t.sql('select id, version, name from scheme order by id');
    const body = await refused(schemes.update(admin.principal, scheme.id, { tree, levelRules: scheme.levelRules }));
    expect(body).toMatchObject({ statusCode: 400 });
    expect(body.message).toContain('合格分');
    expect(await t.sql('select id, version, name from scheme order by id')).toEqual(before);
  });

  it('edits a scheme no application uses in place, and writes a new version of one in use', async () => {
    const schemes = t.service(SchemeService);
    const unused = await t.assessment.scheme('hospital', { key: 'hospital-unused' });
    const inPlace = await schemes.update(admin.principal, unused.id, {
      name: '改名',
      tree: unused.tree,
      levelRules: unused.levelRules,
    });
    expect(inPlace).toMatchObject({ id: unused.id, version: 1, name: '改名' });

    const cycle = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme] });
    const owner = await t.users.applicant(p.xinyangHospital);
    await t.assessment.application({ cycle, organisation: p.xinyangHospital, scheme, createdBy: owner.user });
    const tree = structuredClone(scheme.tree);
    tree[0].children[0].children[0].title = '电子病历基本数据集（修订）';
    const next = await schemes.update(admin.principal, scheme.id, { tree, levelRules: scheme.levelRules });
    expect(next).toMatchObject({ key: scheme.key, version: 2 });
    expect(next.id).not.toBe(scheme.id);
    expect((await schemes.get(scheme.id)).tree[0].children[0].children[0].title).toBe(
      scheme.tree[0].children[0].children[0].title,
    );
    const audit = await t.sql("select action from audit_entry where entity_type = 'scheme' and entity_id = ?", [
      next.id,
    ]);
    expect(audit).toEqual([{ action: 'scheme.new_version' }]);
  });
});

describe('deleting an organisation that assessment rows refer to', () => {
  const remove = (id: string) => t.service(OrganisationService).remove(admin.principal, id);
  const exists = async (id: string) => (await t.sql('select 1 from organisation where id = ?', [id])).length === 1;

  it('refuses one an application refers to with organisation.in_use, once its users have moved away', async () => {
    const hospital = await t.orgs.hospital(p.shihe);
    const owner = await t.users.applicant(hospital);
    const cycle = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme] });
    await t.assessment.application({ cycle, organisation: hospital, scheme, createdBy: owner.user });
    expect(await refused(remove(hospital.id))).toMatchObject({ statusCode: 409, code: 'organisation.has_users' });
    await t.service(UserService).update(admin.principal, owner.user.id, { organisationId: p.xinyangHospital.id });
    expect(await refused(remove(hospital.id))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '该机构已有测评申请、测评批次或异议引用，不能删除',
      params: {},
      code: 'organisation.in_use',
    });
    expect(await exists(hospital.id)).toBe(true);
    expect(
      await t.sql("select 1 from audit_entry where action = 'organisation.delete' and entity_id = ?", [hospital.id]),
    ).toEqual([]);
  });

  it('refuses a jurisdiction a cycle belongs to, and deletes one nothing refers to', async () => {
    const county = await t.orgs.county(p.zhengzhou, { regionCode: '410102' });
    await t.assessment.cycle({ jurisdiction: county, schemes: [scheme] });
    expect(await refused(remove(county.id))).toMatchObject({ statusCode: 409, code: 'organisation.in_use' });
    const free = await t.orgs.county(p.zhengzhou, { regionCode: '410103' });
    await remove(free.id);
    expect(await exists(free.id)).toBe(false);
  });
});
