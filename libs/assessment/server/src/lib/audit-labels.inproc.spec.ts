/**
 * The audit viewer names what each entry is about through the labels every capability registers
 * (AuditLabels): organisations, users, cycles, schemes and applications — current names, read when
 * the log is read — and the ids that snapshots mention.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { AuditService, actorOf } from '@hutong/platform-server';
import { restoreClock, setClock } from '@hutong/platform-server/testing';
import { OrganisationService } from '@hutong/organisations-server';
import { startAssessmentApp, windowsAround, type AssessmentTestApp } from '../testing';
import { ApplicationService } from './application.service';
import { CycleService } from './cycle.service';

let t: AssessmentTestApp;

beforeAll(async () => {
  setClock('2026-03-10T02:00:00Z');
  t = await startAssessmentApp();
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

it('names organisations, users, cycles, schemes and applications by their current names', async () => {
  const p = await t.orgs.provinceTree();
  const scheme = await t.assessment.scheme();
  const coordinator = await t.users.coordinator(p.xinyang);
  const admin = await t.users.admin();
  const applicant = await t.users.applicant(p.xinyangHospital);
  const cycle = await t.service(CycleService).create(coordinator.principal, {
    name: '2026年度第一批',
    year: 2026,
    batch: 1,
    jurisdictionId: p.xinyang.id,
    schemeIds: [scheme.id],
    eligibleKinds: ['hospital'],
    windows: windowsAround('2026-03-10'),
  });
  const app = await t.service(ApplicationService).create(applicant.principal, {
    cycleId: cycle.id,
    organisationId: p.xinyangHospital.id,
    schemeId: scheme.id,
    targetLevel: '3',
  });
  // renamed after the entries were written: the log shows the current name
  await t
    .service(OrganisationService)
    .update(admin.principal, p.xinyangHospital.id, { name: '信阳市中心医院（新名）' });

  const audit = t.service(AuditService);
  const [created] = (await audit.list({ action: 'application.create' })).items;
  expect(created).toMatchObject({
    entityType: 'application',
    entityId: app.id,
    entityLabel: '信阳市中心医院（新名） · 2026年度第一批',
  });
  expect(created?.refs).toEqual({
    [cycle.id]: '2026年度第一批',
    [p.xinyangHospital.id]: '信阳市中心医院（新名）',
    [scheme.id]: `${scheme.name} v${scheme.version}`,
  });
  const [cycleEntry] = (await audit.list({ action: 'cycle.create' })).items;
  expect(cycleEntry).toMatchObject({ entityLabel: '2026年度第一批', refs: { [p.xinyang.id]: p.xinyang.name } });
  const [renamed] = (await audit.list({ action: 'organisation.update' })).items;
  expect(renamed?.entityLabel).toBe('信阳市中心医院（新名）');
  // a user entry: labelled 显示名（用户名）; a user id in a snapshot: the display name
  const em = t.em.fork();
  audit.record(em, actorOf(admin.principal), {
    action: 'user.update',
    entityType: 'user',
    entityId: applicant.user.id,
    after: { organisationId: p.xinyangHospital.id, approverId: coordinator.user.id },
  });
  await em.flush();
  const [userEntry] = (await audit.list({ entityType: 'user' })).items;
  expect(userEntry).toMatchObject({
    entityId: applicant.user.id,
    entityLabel: `${applicant.user.displayName}（${applicant.user.username}）`,
    refs: { [p.xinyangHospital.id]: '信阳市中心医院（新名）', [coordinator.user.id]: coordinator.user.displayName },
  });
});
