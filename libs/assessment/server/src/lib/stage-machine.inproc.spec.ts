/**
 * Every path of the stage machine (libs/assessment/model/src/lib/stage-machine.ts) through ApplicationService,
 * as the controllers call it, on PostgreSQL: each effect, each refusal — and that a refused transition writes
 * nothing (row, stage_event, audit entry, version, objection).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { leavesUpTo, type ApplicationState, type Level } from '@hutong/assessment-model';
import { addDays, endOfShanghaiDay, type ApiError } from '@hutong/platform-model';
import { DAY_MS, advanceClock, refused, restoreClock, setClock } from '@hutong/platform-server/testing';
import type { Province } from '@hutong/organisations-server/testing';
import type { TestUser } from '@hutong/identity-server/testing';
import { fullAnswers, scoresReaching, startAssessmentApp, type AssessmentTestApp } from '../testing';
import type { Application, Cycle, Scheme } from './entities/assessment.entities';
import { ApplicationService } from './application.service';
import { EvidenceStore } from './evidence-store';

const NOW = '2026-03-10T02:00:00Z'; // 10:00 in Shanghai
const TODAY = '2026-03-10';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let t: AssessmentTestApp;
let apps: ApplicationService;
let p: Province;
let scheme: Scheme;
let cycle: Cycle;
let applicant: TestUser; // 信阳市中心医院
let neighbour: TestUser; // 浉河区人民医院, covered by the same cycle
let coordinator: TestUser; // 信阳
let outsider: TestUser; // coordinator of 郑州
let national: TestUser; // the 国家级管理机构

beforeAll(async () => {
  setClock(NOW);
  t = await startAssessmentApp();
  apps = t.service(ApplicationService);
  p = await t.orgs.provinceTree();
  scheme = await t.assessment.scheme();
  cycle = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [scheme] });
  applicant = await t.users.applicant(p.xinyangHospital);
  neighbour = await t.users.applicant(p.shiheHospital);
  coordinator = await t.users.coordinator(p.xinyang);
  outsider = await t.users.coordinator(p.zhengzhou);
  national = await t.users.national();
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

/** Everything a transition may write about an application. */
async function trace(id: string) {
  const count = async (sql: string) => (await t.sql<{ n: number }>(sql, [id]))[0].n;
  const [row] = await t.sql(
    `select state, version, answers, return_reasons, return_deadline, consensus_scores, achieved_level,
            result_explanation, publicity_ends_at, conformance, review_opinions, document_review_done_at,
            onsite_result, spot_check, updated_at from application where id = ?`,
    [id],
  );
  return {
    row,
    events: await count('select count(*)::int as n from stage_event where application_id = ?'),
    audits: await count(
      "select count(*)::int as n from audit_entry where entity_type = 'application' and entity_id = ?",
    ),
    versions: await count('select count(*)::int as n from application_version where application_id = ?'),
    objections: await count(
      'select count(*)::int as n from objection where application_id = ? and resolved_at is null',
    ),
  };
}

/** Refused with `expected`, and nothing about the application changed. */
async function refusedUnchanged(id: string, call: () => Promise<unknown>, expected: Partial<ApiError>) {
  const before = await trace(id);
  const body = await refused(call());
  expect(body).toMatchObject(expected);
  expect(await trace(id)).toEqual(before);
  return body;
}

async function lastAudit(id: string) {
  const rows = await t.sql<{ action: string; actor_name: string; before: unknown; after: Record<string, unknown> }>(
    "select action, actor_name, before, after from audit_entry where entity_type = 'application' and entity_id = ? order by id desc limit 1",
    [id],
  );
  return rows[0];
}

async function events(id: string) {
  return t.sql<{ action: string; from_state: string | null; to_state: string; actor: string }>(
    'select action, from_state, to_state, actor from stage_event where application_id = ? order by at, id',
    [id],
  );
}

/** An application of the 信阳 hospital (another organisation each time, so they never collide) in `state`. */
async function applicationIn(
  state: ApplicationState,
  extra: Partial<Parameters<typeof t.assessment.application>[0]> = {},
) {
  const org = await t.orgs.hospital(p.xinyang);
  const owner = await t.users.applicant(org);
  const app = await t.assessment.application({
    cycle,
    organisation: org,
    scheme,
    createdBy: owner.user,
    state,
    ...extra,
  });
  return { app, owner };
}

const coord = () => coordinator.principal;

describe('submit (draft → submitted)', () => {
  let id: string;

  it('creates a draft with the answers the target level requires, audited with a stage event', async () => {
    const view = await apps.create(applicant.principal, {
      cycleId: cycle.id,
      organisationId: p.xinyangHospital.id,
      schemeId: scheme.id,
      targetLevel: '3',
    });
    id = view.id;
    expect(view).toMatchObject({ state: 'draft', version: 0, dueDate: cycle.windows[0].end, late: false });
    expect(view.answers.map((a) => a.itemCode)).toEqual(leavesUpTo(scheme.tree, '3').map((l) => l.code));
    expect(await lastAudit(id)).toMatchObject({ action: 'application.create', actor_name: applicant.user.username });
    expect(await events(id)).toEqual([
      expect.objectContaining({ action: 'create', from_state: null, to_state: 'draft' }),
    ]);
  });

  it('audits every changed answer with before and after; an unchanged re-save writes nothing; an answer outside the scoring kind is a 400', async () => {
    const answers = fullAnswers(scheme.tree, '3');
    const answerAudit = () =>
      t.sql<{ before: unknown; after: unknown }>(
        "select before, after from audit_entry where action = 'application.answer' and entity_id = ? order by id",
        [id],
      );
    await apps.saveAnswers(applicant.principal, id, { answers });
    const first = await answerAudit();
    expect(first).toHaveLength(answers.length);
    expect(first[0]).toEqual({ before: null, after: answers[0] });
    await apps.saveAnswers(applicant.principal, id, { answers });
    expect(await answerAudit()).toHaveLength(answers.length);
    const changed = { ...answers[0], statement: `${answers[0].statement}（修订）` };
    const view = await apps.saveAnswers(applicant.principal, id, { answers: [changed] });
    expect(view.answers[0]).toEqual(changed);
    expect((await answerAudit()).at(-1)).toEqual({ before: answers[0], after: changed });
    const leaf = leavesUpTo(scheme.tree, '3')[0];
    // a binary indicator's score follows from its printed option: a typed score is not taken
    const typed = await apps.saveAnswers(applicant.principal, id, {
      answers: [{ ...changed, selfScore: leaf.points + 1 }],
    });
    expect(typed.answers[0]?.selfScore).toBe(leaf.points);
    const partial = await apps.saveAnswers(applicant.principal, id, {
      answers: [{ ...changed, choice: { option: 'partial' } }],
    });
    expect(partial.answers[0]).toMatchObject({ selfScore: 0, choice: { option: 'partial' } });
    await refusedUnchanged(
      id,
      () => apps.saveAnswers(applicant.principal, id, { answers: [{ ...answers[0], choice: { level: '3' } }] }),
      {
        statusCode: 400,
        message: `指标 ${leaf.code} 的答案不符合其评分方式（请按所列选项作答）`,
      },
    );
  });

  it('refuses an incomplete submit with 422 and the exact missing list, writing nothing', async () => {
    const answers = fullAnswers(scheme.tree, '3');
    await apps.saveAnswers(applicant.principal, id, { answers });
    const needEvidence = leavesUpTo(scheme.tree, '3').filter((l) => l.evidenceRequired);
    expect(needEvidence.length).toBeGreaterThan(1);
    for (const l of needEvidence.slice(1))
      await apps.addEvidence(applicant.principal, id, l.code, `${l.code}.pdf`, PDF);
    const body = await refusedUnchanged(id, () => apps.transition(applicant.principal, id, { action: 'submit' }), {
      statusCode: 422,
      message: '自评估不完整：还有1项指标未完成',
    });
    expect(body.details).toEqual({
      missing: [expect.objectContaining({ itemCode: needEvidence[0].code, what: 'evidence' })],
    });
  });

  it('stores evidence once per content in the (temporary) evidence folder', async () => {
    const code = leavesUpTo(scheme.tree, '3').filter((l) => l.evidenceRequired)[0].code;
    const e = await apps.addEvidence(applicant.principal, id, code, '证明材料.pdf', PDF);
    expect(e.sha256).toBe(EvidenceStore.sha256(PDF));
    const file = await apps.evidenceFile(id, e.id);
    expect(file.path.startsWith(t.config.storageDir)).toBe(true);
    expect(existsSync(file.path)).toBe(true);
  });

  it('refuses the wrong role (403) and another organisation (403), writing nothing', async () => {
    await refusedUnchanged(id, () => apps.transition(coord(), id, { action: 'submit' }), {
      statusCode: 403,
      message: '当前角色无权提交',
    });
    await refusedUnchanged(id, () => apps.transition(neighbour.principal, id, { action: 'submit' }), {
      statusCode: 403,
      message: '只能操作本单位的申请',
    });
  });

  it('submits: snapshot_version writes version 1 with the answers and evidence; the step is audited', async () => {
    const view = await apps.transition(applicant.principal, id, { action: 'submit' });
    expect(view).toMatchObject({ state: 'submitted', version: 1, dueDate: cycle.windows[1].start });
    const [v] = await apps.versions(id);
    expect(v).toMatchObject({ version: 1, submittedBy: applicant.user.username });
    expect(v.answers).toEqual(fullAnswers(scheme.tree, '3'));
    expect(v.evidence.map((e) => e.itemCode).sort()).toEqual(
      leavesUpTo(scheme.tree, '3')
        .filter((l) => l.evidenceRequired)
        .map((l) => l.code)
        .sort(),
    );
    expect(await lastAudit(id)).toMatchObject({
      action: 'application.submit',
      before: { state: 'draft' },
      after: { state: 'submitted', version: 1 },
    });
  });

  it('no longer lets the applicant edit the self-assessment (409), and refuses a second submit (409)', async () => {
    await refusedUnchanged(
      id,
      () => apps.saveAnswers(applicant.principal, id, { answers: fullAnswers(scheme.tree, '3') }),
      {
        statusCode: 409,
      },
    );
    await refusedUnchanged(id, () => apps.transition(applicant.principal, id, { action: 'submit' }), {
      statusCode: 409,
      message: '当前状态为“已提交”，不能提交',
    });
  });

  it('refuses a submit after the application window closed (409), writing nothing', async () => {
    const late = await t.assessment.cycle({
      jurisdiction: p.xinyang,
      schemes: [scheme],
      windows: [
        { key: 'application', start: addDays(TODAY, -40), end: addDays(TODAY, -1) },
        { key: 'documentReview', start: TODAY, end: addDays(TODAY, 30) },
        { key: 'onsite', start: addDays(TODAY, 31), end: addDays(TODAY, 60) },
        { key: 'results', start: addDays(TODAY, 61), end: addDays(TODAY, 90) },
      ],
    });
    const { app, owner } = await applicationIn('draft', { cycle: late });
    await refusedUnchanged(app.id, () => apps.transition(owner.principal, app.id, { action: 'submit' }), {
      statusCode: 409,
      message: '已超过截止日期，不能提交',
    });
  });
});

describe('return for supplement and resubmit', () => {
  let app: Application;
  let owner: TestUser;
  const item = () => leavesUpTo(scheme.tree, '3')[0].code;
  const item2 = () => leavesUpTo(scheme.tree, '3')[1].code;

  beforeAll(async () => {
    ({ app, owner } = await applicationIn('submitted'));
  });

  it('start_check moves a submitted application into the completeness check', async () => {
    expect((await apps.transition(coord(), app.id, { action: 'start_check' })).state).toBe('completeness_check');
  });

  it('refuses a return without reasons (409), with a blank reason (400, naming it), an item out of scope, no or a past deadline', async () => {
    await refusedUnchanged(
      app.id,
      () => apps.transition(coord(), app.id, { action: 'return', returnDeadline: '2099-12-31' }),
      {
        statusCode: 409,
        message: '退回补充须填写退回原因',
      },
    );
    await refusedUnchanged(
      app.id,
      () =>
        apps.transition(coord(), app.id, {
          action: 'return',
          returnReasons: [
            { itemCode: item(), reason: '请补充' },
            { itemCode: item2(), reason: '   ' },
          ],
          returnDeadline: '2099-12-31',
        }),
      {
        statusCode: 400,
        message: `退回原因不能为空：指标 ${item2()}`,
        details: { items: [{ index: 1, itemCode: item2() }] },
      },
    );
    await refusedUnchanged(
      app.id,
      () =>
        apps.transition(coord(), app.id, {
          action: 'return',
          returnReasons: [{ itemCode: '9.9.9', reason: '不存在' }],
          returnDeadline: '2099-12-31',
        }),
      { statusCode: 400, message: '退回原因中的指标不在申报范围内：9.9.9' },
    );
    await refusedUnchanged(
      app.id,
      () =>
        apps.transition(coord(), app.id, { action: 'return', returnReasons: [{ itemCode: item(), reason: '请补充' }] }),
      { statusCode: 400, message: '退回补充必须设置新的截止日期' },
    );
    await refusedUnchanged(
      app.id,
      () =>
        apps.transition(coord(), app.id, {
          action: 'return',
          returnReasons: [{ itemCode: item(), reason: '请补充' }],
          returnDeadline: addDays(TODAY, -1),
        }),
      { statusCode: 400, message: '新的截止日期不能早于今天' },
    );
  });

  it('refuses a coordinator outside the jurisdiction (403), writing nothing', async () => {
    await refusedUnchanged(
      app.id,
      () =>
        apps.transition(outsider.principal, app.id, {
          action: 'return',
          returnReasons: [{ itemCode: item(), reason: 'x' }],
          returnDeadline: '2099-12-31',
        }),
      { statusCode: 403, message: '该申请不在您的管辖范围内' },
    );
  });

  it('returns with trimmed per-item reasons and the new deadline, which becomes the due date', async () => {
    const deadline = addDays(TODAY, 5);
    const view = await apps.transition(coord(), app.id, {
      action: 'return',
      returnReasons: [{ itemCode: item(), reason: '  说明过于简单，请补充数据集清单 ' }],
      returnDeadline: deadline,
      note: '请在截止日期前补充',
    });
    expect(view).toMatchObject({
      state: 'returned',
      returnReasons: [{ itemCode: item(), reason: '说明过于简单，请补充数据集清单' }],
      returnDeadline: deadline,
      dueDate: deadline,
      late: false,
    });
    expect(await lastAudit(app.id)).toMatchObject({
      action: 'application.return',
      after: { state: 'returned', returnDeadline: deadline, returnReasons: view.returnReasons },
    });
    expect((await events(app.id)).at(-1)).toMatchObject({
      action: 'return',
      from_state: 'completeness_check',
      to_state: 'returned',
    });
    const seen = await apps.view(owner.principal, app.id);
    expect(seen.actions.find((a) => a.action === 'resubmit')).toEqual({
      action: 'resubmit',
      allowed: true,
      reason: null,
    });
  });

  it('resubmits the fixed answers as version 2, clearing the reasons; the diff shows the change', async () => {
    await apps.saveAnswers(owner.principal, app.id, {
      answers: [
        { itemCode: item(), selfScore: null, statement: '已补充：共 58 个数据子集', choice: { option: 'partial' } },
      ],
    });
    const view = await apps.transition(owner.principal, app.id, { action: 'resubmit' });
    expect(view).toMatchObject({ state: 'submitted', version: 2, returnReasons: [], returnDeadline: null });
    expect((await apps.versions(app.id)).map((v) => v.version)).toEqual([1, 2]);
    expect(await apps.diff(app.id, 1, 2)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemCode: item(), field: 'statement', after: '已补充：共 58 个数据子集' }),
        expect.objectContaining({ itemCode: item(), field: 'selfScore', after: 0 }),
      ]),
    );
  });

  it('refuses a resubmit after the return deadline (409), writing nothing', async () => {
    const { app: late, owner: lateOwner } = await applicationIn('returned', {
      returnReasons: [{ itemCode: item(), reason: '请补充' }],
      returnDeadline: addDays(TODAY, -1),
    });
    await refusedUnchanged(late.id, () => apps.transition(lateOwner.principal, late.id, { action: 'resubmit' }), {
      statusCode: 409,
      message: '已超过截止日期，不能提交',
    });
    expect((await apps.view(coord(), late.id)).late).toBe(true);
  });
});

describe('the standard conformance test (标准符合性测试)', () => {
  const passed = { passed: true, items: 120, failedItems: 0 };

  it('accept leads to the conformance test; finish_conformance waits for the result (409), writing nothing', async () => {
    const { app } = await applicationIn('completeness_check');
    const view = await apps.transition(coord(), app.id, { action: 'accept' });
    expect(view).toMatchObject({ state: 'conformance_testing', conformance: null, dueDate: cycle.windows[1].end });
    expect(view.actions).toEqual([
      expect.objectContaining({
        action: 'finish_conformance',
        allowed: false,
        code: 'application.conformance_missing',
      }),
    ]);
    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'finish_conformance' }), {
      statusCode: 409,
      code: 'application.conformance_missing',
      message: '尚未录入标准符合性测试结果',
    });
  });

  it('recordConformance: 404 unknown, 409 in another state, 400 for counts that do not add up — nothing written', async () => {
    const { app } = await applicationIn('conformance_testing');
    expect(
      await refused(apps.recordConformance(coord(), '00000000-0000-4000-8000-000000000000', passed)),
    ).toMatchObject({ statusCode: 404 });
    const { app: inReview } = await applicationIn('document_review');
    await refusedUnchanged(inReview.id, () => apps.recordConformance(coord(), inReview.id, passed), {
      statusCode: 409,
      code: 'application.conformance_only_in_testing',
    });
    for (const bad of [
      { passed: false, items: 3, failedItems: 4 },
      { passed: true, items: -1, failedItems: 0 },
      { passed: true, items: 1.5, failedItems: 0 },
    ])
      await refusedUnchanged(app.id, () => apps.recordConformance(coord(), app.id, bad), {
        statusCode: 400,
        code: 'application.conformance_counts_invalid',
      });
    await refusedUnchanged(
      app.id,
      () => apps.recordConformance(coord(), app.id, { ...passed, note: 'x'.repeat(2001) }),
      { statusCode: 400, code: 'application.note_too_long' },
    );
  });

  it('a passed test, recorded and audited, leads to the document review', async () => {
    const { app } = await applicationIn('conformance_testing');
    await apps.recordConformance(coord(), app.id, { ...passed, note: '  定量测试报告已归档 ' });
    expect(await lastAudit(app.id)).toMatchObject({
      action: 'application.conformance',
      actor_name: coordinator.user.username,
      after: { conformance: { passed: true, items: 120, failedItems: 0, note: '定量测试报告已归档' } },
    });
    const view = await apps.transition(coord(), app.id, { action: 'finish_conformance' });
    expect(view).toMatchObject({
      state: 'document_review',
      conformance: { passed: true, items: 120, failedItems: 0, note: '定量测试报告已归档' },
      documentReviewDoneAt: null,
    });
    expect((await events(app.id)).at(-1)).toMatchObject({
      action: 'finish_conformance',
      from_state: 'conformance_testing',
      to_state: 'document_review',
    });
  });

  it('a failed test returns the application for 对标改造 with the reason written for it; resubmitted, it is tested anew', async () => {
    const { app, owner } = await applicationIn('conformance_testing');
    await apps.recordConformance(coord(), app.id, { passed: false, items: 120, failedItems: 7 });
    const view = await apps.transition(coord(), app.id, { action: 'finish_conformance' });
    expect(view).toMatchObject({
      state: 'returned',
      returnReasons: [
        {
          itemCode: '',
          reason: '标准符合性测试未通过：7 项不通过',
          code: 'application.conformance_failed_reason',
          params: { n: 7 },
        },
      ],
      returnDeadline: null,
      conformance: { passed: false, failedItems: 7 },
    });
    expect(await lastAudit(app.id)).toMatchObject({
      action: 'application.finish_conformance',
      after: { state: 'returned', returnReasons: view.returnReasons, conformance: { passed: false } },
    });
    // the applicant rectifies and resubmits (no deadline was set: never late)
    expect((await apps.view(owner.principal, app.id)).actions).toContainEqual({
      action: 'resubmit',
      allowed: true,
      reason: null,
    });
    const again = await apps.transition(owner.principal, app.id, { action: 'resubmit' });
    expect(again).toMatchObject({ state: 'submitted', returnReasons: [], version: 2 });
    await apps.transition(coord(), app.id, { action: 'start_check' });
    // a new round: the last result is cleared, the test must be recorded again
    expect(await apps.transition(coord(), app.id, { action: 'accept' })).toMatchObject({
      state: 'conformance_testing',
      conformance: null,
    });
    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'finish_conformance' }), {
      statusCode: 409,
      code: 'application.conformance_missing',
    });
  });

  it('a failed test with a deadline: the deadline is the due date; a past one is refused (400)', async () => {
    const { app } = await applicationIn('conformance_testing');
    await apps.recordConformance(coord(), app.id, { passed: false, items: 10, failedItems: 1 });
    await refusedUnchanged(
      app.id,
      () => apps.transition(coord(), app.id, { action: 'finish_conformance', returnDeadline: addDays(TODAY, -1) }),
      { statusCode: 400, code: 'application.return_deadline_past' },
    );
    const deadline = addDays(TODAY, 60);
    expect(
      await apps.transition(coord(), app.id, { action: 'finish_conformance', returnDeadline: deadline }),
    ).toMatchObject({ state: 'returned', returnDeadline: deadline, dueDate: deadline });
  });

  it('refuses the applicant (403) and a coordinator outside the jurisdiction (403)', async () => {
    const { app, owner } = await applicationIn('conformance_testing');
    await apps.recordConformance(coord(), app.id, passed);
    await refusedUnchanged(app.id, () => apps.transition(owner.principal, app.id, { action: 'finish_conformance' }), {
      statusCode: 403,
      code: 'application.role_not_allowed',
    });
    await refusedUnchanged(
      app.id,
      () => apps.transition(outsider.principal, app.id, { action: 'finish_conformance' }),
      {
        statusCode: 403,
        code: 'application.out_of_jurisdiction',
      },
    );
  });
});

describe('document review, on-site inspection and rating', () => {
  const required = (level: Level) => leavesUpTo(scheme.tree, level);

  it('to_onsite / to_rating wait for the consolidated document review (409); recordConsensus consolidates it', async () => {
    const { app } = await applicationIn('document_review');
    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'to_rating' }), {
      statusCode: 409,
      code: 'application.document_review_pending',
      message: '专家文审结果尚未汇总',
    });
    const [a, b] = required('3');
    await apps.recordConsensus(coord(), app.id, {
      stage: 'document_review',
      scores: { [a.code]: a.points, [b.code]: 0 },
      opinion: ' 材料齐全，同意进入等级评定 ',
    });
    const view = await apps.view(coord(), app.id);
    expect(view).toMatchObject({
      consensusScores: { [a.code]: a.points, [b.code]: 0 },
      reviewOpinions: { document_review: { opinion: '材料齐全，同意进入等级评定' } },
    });
    expect(view.documentReviewDoneAt).not.toBeNull();
    expect(await lastAudit(app.id)).toMatchObject({
      action: 'application.review_consensus',
      before: { scores: { [a.code]: null, [b.code]: null }, opinion: null },
      after: { stage: 'document_review', scores: { [a.code]: a.points, [b.code]: 0 } },
    });
    expect(view.actions.find((x) => x.action === 'to_rating')).toMatchObject({ allowed: true });
  });

  it('recordConsensus refuses another stage (409), a score out of range or not in scope, a blank opinion (400)', async () => {
    const { app } = await applicationIn('document_review');
    const leaf = required('3')[0];
    const input = (over: object) => ({
      stage: 'document_review' as const,
      scores: { [leaf.code]: 1 },
      opinion: '意见',
      ...over,
    });
    await refusedUnchanged(app.id, () => apps.recordConsensus(coord(), app.id, input({ stage: 'onsite' })), {
      statusCode: 409,
      code: 'application.consensus_wrong_stage',
      message: '只有在“现场查验”阶段才能录入该阶段的评审结果',
    });
    await refusedUnchanged(
      app.id,
      () => apps.recordConsensus(coord(), app.id, input({ scores: { [leaf.code]: leaf.points + 1 } })),
      {
        statusCode: 400,
        code: 'application.score_out_of_range',
        message: `指标 ${leaf.code} 的评分应在 0 到 ${leaf.points} 之间`,
      },
    );
    await refusedUnchanged(app.id, () => apps.recordConsensus(coord(), app.id, input({ scores: { '9.9.9': 0 } })), {
      statusCode: 400,
      code: 'application.item_not_in_scope',
    });
    await refusedUnchanged(app.id, () => apps.recordConsensus(coord(), app.id, input({ opinion: '  ' })), {
      statusCode: 400,
      code: 'application.opinion_required',
    });
    expect(
      await refused(apps.recordConsensus(coord(), '00000000-0000-4000-8000-000000000000', input({}))),
    ).toMatchObject({ statusCode: 404 });
    // the coordinator's manual entry stays a rating-stage tool
    await refusedUnchanged(app.id, () => apps.setConsensusScores(coord(), app.id, { [leaf.code]: 1 }), {
      statusCode: 409,
      code: 'application.consensus_only_in_rating',
    });
  });

  it('level 3 needs no on-site inspection: to_onsite refused, to_rating allowed', async () => {
    const { app } = await applicationIn('document_review', { documentReviewDoneAt: new Date() });
    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'to_onsite' }), {
      statusCode: 409,
      message: '该等级无需现场查验',
    });
    expect((await apps.transition(coord(), app.id, { action: 'to_rating' })).state).toBe('rating');
  });

  it('level 4A needs it: to_rating refused, to_onsite; finish_onsite waits for the result; a failed one still rates', async () => {
    const { app } = await applicationIn('document_review', { targetLevel: '4A', documentReviewDoneAt: new Date() });
    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'to_rating' }), {
      statusCode: 409,
      message: '该等级需要现场查验',
    });
    await refusedUnchanged(
      app.id,
      () => apps.recordOnsite(coord(), app.id, { passed: true, findings: 0, rectification: null }),
      { statusCode: 409, code: 'application.onsite_only_in_onsite' },
    );
    expect((await apps.transition(coord(), app.id, { action: 'to_onsite' })).state).toBe('onsite');
    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'finish_onsite' }), {
      statusCode: 409,
      code: 'application.onsite_result_missing',
      message: '尚未录入现场查验结果',
    });
    await refusedUnchanged(
      app.id,
      () => apps.recordOnsite(coord(), app.id, { passed: false, findings: -1, rectification: null }),
      { statusCode: 400, code: 'application.findings_invalid' },
    );
    await apps.recordOnsite(coord(), app.id, { passed: false, findings: 3, rectification: ' 补充集成平台运行日志 ' });
    expect(await lastAudit(app.id)).toMatchObject({
      action: 'application.onsite_result',
      after: { onsiteResult: { passed: false, findings: 3, rectification: '补充集成平台运行日志' } },
    });
    const rated = await apps.transition(coord(), app.id, { action: 'finish_onsite' });
    expect(rated).toMatchObject({
      state: 'rating',
      onsiteResult: { passed: false, findings: 3, rectification: '补充集成平台运行日志' },
    });
  });

  it('refuses a rate before every score is entered, and a score above the points (400)', async () => {
    const { app } = await applicationIn('rating');
    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'rate' }), {
      statusCode: 409,
      message: '还有指标未录入评分',
    });
    const leaf = leavesUpTo(scheme.tree, '3')[0];
    await refusedUnchanged(app.id, () => apps.setConsensusScores(coord(), app.id, { [leaf.code]: leaf.points + 1 }), {
      statusCode: 400,
      message: `指标 ${leaf.code} 的评分应在 0 到 ${leaf.points} 之间`,
    });
  });

  it('rates reaching the target: the derived level, its explanation, publicity until the end of day +publicityDays', async () => {
    const { app } = await applicationIn('rating');
    await apps.setConsensusScores(coord(), app.id, scoresReaching(scheme, '3', '3'));
    expect(await lastAudit(app.id)).toMatchObject({ action: 'application.consensus_scores' });
    const view = await apps.transition(coord(), app.id, { action: 'rate' });
    expect(view).toMatchObject({
      state: 'publicity',
      achievedLevel: '3',
      publicityEndsAt: endOfShanghaiDay(addDays(TODAY, cycle.publicityDays)).toISOString(),
    });
    expect(view.resultExplanation?.join('')).toContain('三级');
    expect(await lastAudit(app.id)).toMatchObject({
      action: 'application.rate',
      before: { state: 'rating' },
      after: { state: 'publicity', derivedLevel: '3', achievedLevel: '3' },
    });
  });

  describe('missing the target: the coordinator decides', () => {
    let app: Application;
    const target: Level = '4B';
    beforeAll(async () => {
      ({ app } = await applicationIn('rating', { targetLevel: target }));
      await apps.setConsensusScores(coord(), app.id, scoresReaching(scheme, '3', target));
    });

    it('refuses a rate without the decision (409), writing nothing', async () => {
      await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'rate' }), {
        statusCode: 409,
        message: '未达到申报等级：请决定授予较低等级或评定为未通过',
      });
    });

    it('refuses award_lower when the scheme does not allow a lower level', async () => {
      const strict = await t.assessment.scheme('hospital', { key: 'hospital-strict', allowLowerLevel: false });
      const strictCycle = await t.assessment.cycle({ jurisdiction: p.xinyang, schemes: [strict] });
      const { app: s } = await applicationIn('rating', {
        cycle: strictCycle,
        scheme: strict,
        targetLevel: target,
        consensusScores: scoresReaching(strict, '3', target),
      });
      await refusedUnchanged(
        s.id,
        () => apps.transition(coord(), s.id, { action: 'rate', lowerLevelDecision: 'award_lower' }),
        {
          statusCode: 409,
          message: '该指标体系不允许授予低于申报等级的等级',
        },
      );
      const failed = await apps.transition(coord(), s.id, { action: 'rate', lowerLevelDecision: 'not_passed' });
      expect(failed).toMatchObject({ state: 'not_passed', achievedLevel: null });
    });

    it('award_lower: publicity with the lower level, the decision in the explanation and the audit entry', async () => {
      const view = await apps.transition(coord(), app.id, { action: 'rate', lowerLevelDecision: 'award_lower' });
      expect(view).toMatchObject({ state: 'publicity', targetLevel: target, achievedLevel: '3' });
      expect(view.resultExplanation?.at(-1)).toBe('评定决定：授予较低等级');
      expect(await lastAudit(app.id)).toMatchObject({
        after: { lowerLevelDecision: 'award_lower', achievedLevel: '3' },
      });
    });

    it('not_passed: no level awarded, no publicity', async () => {
      const { app: other } = await applicationIn('rating', {
        targetLevel: target,
        consensusScores: scoresReaching(scheme, '3', target),
      });
      const view = await apps.transition(coord(), other.id, { action: 'rate', lowerLevelDecision: 'not_passed' });
      expect(view).toMatchObject({ state: 'not_passed', achievedLevel: null, publicityEndsAt: null });
      expect(view.resultExplanation?.at(-1)).toBe('评定决定：未通过（不授予较低等级）');
    });

    it('no level reached at all: not passed without a decision', async () => {
      const { app: none } = await applicationIn('rating', { consensusScores: scoresReaching(scheme, null, '3') });
      expect(await apps.transition(coord(), none.id, { action: 'rate' })).toMatchObject({
        state: 'not_passed',
        achievedLevel: null,
      });
    });
  });
});

describe('publicity, objections and publication', () => {
  const inPublicity = () =>
    applicationIn('publicity', {
      achievedLevel: '3',
      consensusScores: scoresReaching(scheme, '3', '3'),
      publicityEndsAt: endOfShanghaiDay(addDays(TODAY, 7)),
    });

  it('the applicant cannot object to its own result (403); a blank reason is refused (400); nothing written', async () => {
    const { app, owner } = await inPublicity();
    await refusedUnchanged(app.id, () => apps.fileObjection(owner.principal, app.id, '我们有异议'), {
      statusCode: 403,
      message: '不能对本单位的申请提出异议',
    });
    await refusedUnchanged(app.id, () => apps.fileObjection(neighbour.principal, app.id, '  '), {
      statusCode: 400,
      message: '请填写异议理由',
    });
  });

  it('an objection rejected: back to publicity; publish only after the period, the objection then closed to new ones', async () => {
    const { app, owner } = await inPublicity();
    const objected = await apps.fileObjection(neighbour.principal, app.id, ' 该院数据上传长期中断 ');
    expect(objected.state).toBe('objection');
    const [objection] = objected.objections;
    expect(objection).toMatchObject({ reason: '该院数据上传长期中断', resolvedAt: null, mine: true });
    // the coordinator sees who objected, the objected-to applicant does not
    expect((await apps.view(coord(), app.id)).objections[0].filedBy).toMatchObject({ id: p.shiheHospital.id });
    expect((await apps.view(owner.principal, app.id)).objections[0]).toMatchObject({ filedBy: null, mine: false });
    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'publish' }), {
      statusCode: 409,
      message: '当前状态为“异议处理”，不能公布结果',
    });
    await refusedUnchanged(
      app.id,
      () => apps.transition(coord(), app.id, { action: 'resolve_objection', upheld: false }),
      {
        statusCode: 400,
        message: '请选择一条待处理的异议',
      },
    );

    const resolved = await apps.transition(coord(), app.id, {
      action: 'resolve_objection',
      objectionId: objection.id,
      upheld: false,
      note: '经核查，上传中断已于测评前恢复',
    });
    expect(resolved.state).toBe('publicity');
    expect(resolved.objections[0]).toMatchObject({ upheld: false, resolution: '经核查，上传中断已于测评前恢复' });
    expect(resolved.objections[0].resolvedAt).not.toBeNull();
    // on the 结果公示 list: the neighbour may object, the applicant not to its own, a coordinator of 郑州 sees nothing
    expect((await apps.publicity(neighbour.principal)).find((e) => e.applicationId === app.id)?.canObject).toBe(true);
    expect((await apps.publicity(owner.principal)).find((e) => e.applicationId === app.id)?.canObject).toBe(false);
    expect((await apps.publicity(outsider.principal)).map((e) => e.applicationId)).not.toContain(app.id);
    const mine = (await apps.publicity(neighbour.principal)).find((e) => e.applicationId === app.id);
    expect(mine?.myObjections).toEqual([
      expect.objectContaining({ upheld: false, resolution: '经核查，上传中断已于测评前恢复' }),
    ]);

    await refusedUnchanged(app.id, () => apps.transition(coord(), app.id, { action: 'publish' }), {
      statusCode: 409,
      message: '公示期尚未结束，不能公布',
    });
    advanceClock(8 * DAY_MS); // the publicity period is over
    try {
      await refusedUnchanged(app.id, () => apps.fileObjection(neighbour.principal, app.id, '迟到的异议'), {
        statusCode: 409,
        message: '公示期已结束，不能提出异议',
      });
      const published = await apps.transition(coord(), app.id, { action: 'publish' });
      expect(published).toMatchObject({ state: 'published', achievedLevel: '3' });
      expect((await events(app.id)).map((e) => e.to_state)).toEqual([
        'draft',
        'publicity',
        'objection',
        'publicity',
        'published',
      ]);
    } finally {
      setClock(NOW);
    }
  });

  it('an objection upheld: back to rating, to be rated again', async () => {
    const { app } = await inPublicity();
    const objected = await apps.fileObjection(neighbour.principal, app.id, '评分有误');
    const upheld = await apps.transition(coord(), app.id, {
      action: 'resolve_objection',
      objectionId: objected.objections[0].id,
      upheld: true,
    });
    expect(upheld.state).toBe('rating');
    expect(upheld.objections[0]).toMatchObject({ upheld: true, resolution: '异议成立' });
    expect(await lastAudit(app.id)).toMatchObject({
      action: 'application.resolve_objection',
      before: { state: 'objection' },
      after: { state: 'rating', upheld: true },
    });
    expect((await apps.transition(coord(), app.id, { action: 'rate' })).state).toBe('publicity');
  });

  it('a coordinator outside the jurisdiction cannot publish (403)', async () => {
    const { app } = await inPublicity();
    await refusedUnchanged(app.id, () => apps.transition(outsider.principal, app.id, { action: 'publish' }), {
      statusCode: 403,
      message: '该申请不在您的管辖范围内',
    });
  });
});

describe('五级乙等 and above: referral to the national body (上报), its decision, publication and the spot check', () => {
  const nat = () => national.principal;
  let id: string;

  it('walks conformance → document review → on-site → rating → referred (no publicity yet)', async () => {
    const { app } = await applicationIn('completeness_check', { targetLevel: '5B' });
    id = app.id;
    const leaves = leavesUpTo(scheme.tree, '5B');
    const scores = scoresReaching(scheme, '5B', '5B');
    const half = Math.floor(leaves.length / 2);
    const part = (ls: typeof leaves) => Object.fromEntries(ls.map((l) => [l.code, scores[l.code]]));
    await apps.transition(coord(), id, { action: 'accept' });
    await apps.recordConformance(coord(), id, { passed: true, items: 300, failedItems: 2, note: '2 项不影响通过' });
    await apps.transition(coord(), id, { action: 'finish_conformance' });
    await apps.recordConsensus(coord(), id, {
      stage: 'document_review',
      scores: part(leaves.slice(0, half)),
      opinion: '文审通过',
    });
    expect((await apps.transition(coord(), id, { action: 'to_onsite' })).state).toBe('onsite');
    await apps.recordConsensus(coord(), id, { stage: 'onsite', scores: part(leaves.slice(half)), opinion: '查验通过' });
    await apps.recordOnsite(coord(), id, { passed: true, findings: 1, rectification: null });
    await apps.transition(coord(), id, { action: 'finish_onsite' });
    const referred = await apps.transition(coord(), id, { action: 'rate' });
    expect(referred).toMatchObject({
      state: 'referred',
      achievedLevel: '5B',
      publicityEndsAt: null,
      conformance: { passed: true, items: 300, failedItems: 2 },
      reviewOpinions: { document_review: { opinion: '文审通过' }, onsite: { opinion: '查验通过' } },
      onsiteResult: { passed: true, findings: 1 },
    });
    expect(await lastAudit(id)).toMatchObject({
      action: 'application.rate',
      after: { state: 'referred', derivedLevel: '5B', achievedLevel: '5B' },
    });
    // the coordinator has nothing left to do; the national body confirms or rejects
    expect((await apps.view(coord(), id)).actions).toEqual([]);
    expect((await apps.view(nat(), id)).actions).toEqual([
      { action: 'national_confirm', allowed: true, reason: null },
      { action: 'national_reject', allowed: true, reason: null },
    ]);
  });

  it('only the national body confirms (403 for the coordinator and the admin), writing nothing', async () => {
    const admin = await t.users.admin();
    for (const who of [coord(), admin.principal])
      await refusedUnchanged(id, () => apps.transition(who, id, { action: 'national_confirm' }), {
        statusCode: 403,
        code: 'application.role_not_allowed',
      });
  });

  it('national_confirm starts the publicity, as rate does for the lower levels', async () => {
    const view = await apps.transition(nat(), id, { action: 'national_confirm', note: '国家级复核通过' });
    expect(view).toMatchObject({
      state: 'publicity',
      achievedLevel: '5B',
      publicityEndsAt: endOfShanghaiDay(addDays(TODAY, cycle.publicityDays)).toISOString(),
    });
    expect((await events(id)).at(-1)).toMatchObject({
      action: 'national_confirm',
      from_state: 'referred',
      to_state: 'publicity',
      actor: national.user.username,
    });
  });

  it('after the period: a coordinator may not publish 五级乙等 (403 with the reason); the national body does', async () => {
    advanceClock(8 * DAY_MS);
    try {
      await refusedUnchanged(id, () => apps.transition(coord(), id, { action: 'publish' }), {
        statusCode: 403,
        code: 'application.publish_national_only',
        message: '五级乙等及以上等级的结果由国家级管理机构公布',
      });
      expect((await apps.view(coord(), id)).actions).toContainEqual(
        expect.objectContaining({ action: 'publish', allowed: false, code: 'application.publish_national_only' }),
      );
      expect((await apps.transition(nat(), id, { action: 'publish' })).state).toBe('published');
    } finally {
      setClock(NOW);
    }
  });

  it('the spot check (飞行检查) is recorded on a published result only, audited', async () => {
    const { app: notPublished } = await applicationIn('publicity', { achievedLevel: '3' });
    await refusedUnchanged(
      notPublished.id,
      () => apps.recordSpotCheck(nat(), notPublished.id, { date: TODAY, passed: true, note: '' }),
      { statusCode: 409, code: 'application.spot_check_only_published' },
    );
    await refusedUnchanged(id, () => apps.recordSpotCheck(nat(), id, { date: '2026-02-30', passed: false, note: '' }), {
      statusCode: 400,
      code: 'date.invalid',
    });
    await apps.recordSpotCheck(nat(), id, { date: TODAY, passed: false, note: ' 数据上传中断，与评定情况不符 ' });
    expect((await apps.view(coord(), id)).spotCheck).toMatchObject({
      date: TODAY,
      passed: false,
      note: '数据上传中断，与评定情况不符',
      recordedBy: national.user.username,
    });
    expect(await lastAudit(id)).toMatchObject({
      action: 'application.spot_check',
      actor_name: national.user.username,
      after: { spotCheck: { passed: false } },
    });
  });

  it('revoke: the national body cancels the level with a reason (409 without); a coordinator cannot (403)', async () => {
    await refusedUnchanged(id, () => apps.transition(nat(), id, { action: 'revoke' }), {
      statusCode: 409,
      code: 'application.reason_required',
    });
    await refusedUnchanged(id, () => apps.transition(coord(), id, { action: 'revoke', reason: '飞行检查未通过' }), {
      statusCode: 403,
    });
    const view = await apps.transition(nat(), id, { action: 'revoke', reason: ' 飞行检查未通过 ' });
    expect(view).toMatchObject({ state: 'not_passed', achievedLevel: null, spotCheck: { passed: false } });
    expect(view.resultExplanation?.at(-1)).toBe('飞行检查未通过，取消评定等级：飞行检查未通过');
    expect(await lastAudit(id)).toMatchObject({
      action: 'application.revoke',
      before: { state: 'published' },
      after: { state: 'not_passed', level: '5B', achievedLevel: null, reason: '飞行检查未通过' },
    });
    // a revoked level no longer counts as awarded (no later 五级 application rests on it)
    expect(
      await t.sql("select count(*)::int as n from application where id = ? and state = 'published'", [id]),
    ).toEqual([{ n: 0 }]);
  });

  it('national_reject: not passed, the level cleared, the reason appended (409 without a reason)', async () => {
    const { app } = await applicationIn('referred', {
      targetLevel: '5A',
      achievedLevel: '5A',
      consensusScores: scoresReaching(scheme, '5A', '5A'),
    });
    await refusedUnchanged(app.id, () => apps.transition(nat(), app.id, { action: 'national_reject', reason: ' ' }), {
      statusCode: 409,
      code: 'application.reason_required',
      message: '请填写原因',
    });
    await refusedUnchanged(
      app.id,
      () => apps.transition(nat(), app.id, { action: 'national_reject', reason: 'x'.repeat(501) }),
      { statusCode: 400, code: 'application.reason_too_long' },
    );
    const view = await apps.transition(nat(), app.id, { action: 'national_reject', reason: '互联互通应用效果不足' });
    expect(view).toMatchObject({ state: 'not_passed', achievedLevel: null, publicityEndsAt: null });
    expect(view.resultExplanation?.at(-1)).toBe('国家级管理机构评定不予通过：互联互通应用效果不足');
  });

  it('a lower level reached below 五级乙等 goes to publicity as before', async () => {
    const { app } = await applicationIn('rating', {
      targetLevel: '5B',
      consensusScores: scoresReaching(scheme, '4A', '5B'),
    });
    expect(await apps.transition(coord(), app.id, { action: 'rate', lowerLevelDecision: 'award_lower' })).toMatchObject(
      { state: 'publicity', achievedLevel: '4A' },
    );
  });
});

describe('the national body reads nationwide', () => {
  it('sees applications of any region, with nothing to do on one a coordinator works on', async () => {
    const org = await t.orgs.hospital(p.zhengzhou);
    const owner = await t.users.applicant(org);
    const zzCycle = await t.assessment.cycle({ jurisdiction: p.zhengzhou, schemes: [scheme] });
    const app = await t.assessment.application({
      cycle: zzCycle,
      organisation: org,
      scheme,
      createdBy: owner.user,
      state: 'conformance_testing',
    });
    const view = await apps.view(national.principal, app.id);
    expect(view).toMatchObject({ state: 'conformance_testing', actions: [] });
    expect((await apps.mine(national.principal)).map((a) => a.id)).toContain(app.id);
    // on the 结果公示 list it may read, never object
    expect((await apps.publicity(national.principal)).every((e) => !e.canObject)).toBe(true);
  });
});

describe('withdrawal and re-opening', () => {
  it.each(['draft', 'submitted', 'returned'] as const)('the applicant withdraws from %s', async (state) => {
    const { app, owner } = await applicationIn(
      state,
      state === 'returned' ? { returnDeadline: addDays(TODAY, 3) } : {},
    );
    expect((await apps.transition(owner.principal, app.id, { action: 'withdraw' })).state).toBe('withdrawn');
    expect(await lastAudit(app.id)).toMatchObject({
      action: 'application.withdraw',
      before: { state },
      after: { state: 'withdrawn' },
    });
  });

  it('cannot withdraw once accepted (409)', async () => {
    const { app, owner } = await applicationIn('document_review');
    await refusedUnchanged(app.id, () => apps.transition(owner.principal, app.id, { action: 'withdraw' }), {
      statusCode: 409,
    });
  });

  it('a withdrawn application blocks a new one with the way back; only the coordinator re-opens it, as a draft', async () => {
    const { app, owner } = await applicationIn('withdrawn');
    const again = await refused(
      apps.create(owner.principal, {
        cycleId: cycle.id,
        organisationId: owner.principal.organisationId ?? '',
        schemeId: scheme.id,
        targetLevel: '3',
      }),
    );
    expect(again).toMatchObject({ statusCode: 409 });
    expect(again.message).toContain('重新开放');
    expect((await apps.view(coord(), app.id)).actions).toEqual([{ action: 'reopen', allowed: true, reason: null }]);
    await refusedUnchanged(app.id, () => apps.transition(owner.principal, app.id, { action: 'reopen' }), {
      statusCode: 403,
      message: '当前角色无权重新开放',
    });
    const reopened = await apps.transition(coord(), app.id, { action: 'reopen', note: '医院申请恢复' });
    expect(reopened.state).toBe('draft');
    expect(reopened.answers).toEqual(fullAnswers(scheme.tree, '3')); // the self-assessment is kept
    expect(await lastAudit(app.id)).toMatchObject({ action: 'application.reopen', after: { state: 'draft' } });
    expect((await events(app.id)).at(-1)).toMatchObject({ action: 'reopen', actor: coordinator.user.username });
  });
});

describe('the audit trail of one application, start to finish', () => {
  it('has one entry per step, in order, and a stage event per transition', async () => {
    const org = await t.orgs.hospital(p.shihe);
    const owner = await t.users.applicant(org);
    const created = await apps.create(owner.principal, {
      cycleId: cycle.id,
      organisationId: org.id,
      schemeId: scheme.id,
      targetLevel: '3',
    });
    const id = created.id;
    await apps.saveAnswers(owner.principal, id, { answers: fullAnswers(scheme.tree, '3').slice(0, 2) });
    await t.sql('update application set answers = ? where id = ?', [JSON.stringify(fullAnswers(scheme.tree, '3')), id]);
    for (const l of leavesUpTo(scheme.tree, '3').filter((x) => x.evidenceRequired))
      await apps.addEvidence(owner.principal, id, l.code, 'a.pdf', PDF);
    await apps.transition(owner.principal, id, { action: 'submit' });
    for (const action of ['start_check', 'accept'] as const) await apps.transition(coord(), id, { action });
    await apps.recordConformance(coord(), id, { passed: true, items: 80, failedItems: 0 });
    await apps.transition(coord(), id, { action: 'finish_conformance' });
    await apps.recordConsensus(coord(), id, { stage: 'document_review', scores: {}, opinion: '同意' });
    await apps.transition(coord(), id, { action: 'to_rating' });
    await apps.setConsensusScores(coord(), id, scoresReaching(scheme, '3', '3'));
    await apps.transition(coord(), id, { action: 'rate' });
    const rows = await t.sql<{ action: string }>(
      "select action from audit_entry where entity_type = 'application' and entity_id = ? order by id",
      [id],
    );
    const evidenceCount = leavesUpTo(scheme.tree, '3').filter((x) => x.evidenceRequired).length;
    expect(rows.map((r) => r.action)).toEqual([
      'application.create',
      'application.answer',
      'application.answer',
      ...Array(evidenceCount).fill('evidence.add'),
      'application.submit',
      'application.start_check',
      'application.accept',
      'application.conformance',
      'application.finish_conformance',
      'application.review_consensus',
      'application.to_rating',
      'application.consensus_scores',
      'application.rate',
    ]);
    expect((await apps.view(coord(), id)).history.map((h) => h.to)).toEqual([
      'draft',
      'submitted',
      'completeness_check',
      'conformance_testing',
      'document_review',
      'rating',
      'publicity',
    ]);
  });
});
