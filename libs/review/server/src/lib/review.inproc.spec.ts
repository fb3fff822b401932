/**
 * The expert review on PostgreSQL: the pool, a 文审会 session with its panel and cases, eligibility with the
 * conflicts of interest, manual / bulk / automatic assignment (never a conflict), what an expert may read (only its
 * own assignments; 404 otherwise, also after a declared conflict), autosave under optimistic locking (a stale or
 * concurrent save loses nothing), blind scoring, submit and reopen, questions (质询) as the applicant's tasks, the
 * chair's consolidation and its confirmation into the application's consensus; the scoring reminders; the
 * checklists and the result table; an on-site inspection whose result reaches the application.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { fullChoice, scoringOf, type IndicatorNode } from '@hutong/assessment-model';
import type { ReviewSessionView } from '@hutong/review-model';
import { refused, restoreClock, setClock } from '@hutong/platform-server/testing';
import type { Province } from '@hutong/organisations-server/testing';
import type { TestUser } from '@hutong/identity-server/testing';
import type { Application, Cycle, Scheme } from '@hutong/assessment-server';
import { TaskService } from '@hutong/tasks-server';
import type { Organisation } from '@hutong/organisations-server';
import { startReviewApp, type ReviewTestApp } from '../testing';
import { ExpertService } from './expert.service';
import { SessionService } from './session.service';
import { ScoringService } from './scoring.service';
import { QuestionService } from './question.service';
import type { Expert } from './entities/review.entities';
import { ScoringReminders } from './scoring-reminders';
import { ReviewExportService } from './review-exports.service';

const NOW = '2026-11-20T02:00:00Z';

let t: ReviewTestApp;
let p: Province;
let coord: TestUser;
let otherCoord: TestUser;
let scheme: Scheme;
let cycle: Cycle;
let appA: Application;
let appB: Application;
let draft: Application;
let applicantA: TestUser;
let sessions: SessionService;
let scoring: ScoringService;
let experts: ExpertService;
const e: { user: TestUser; expert: Expert }[] = [];
let session: ReviewSessionView;

const caseOf = (s: ReviewSessionView, app: Application) => s.cases.find((c) => c.applicationId === app.id)!;

/** An entry for every item of a sheet that scores it fully (a choice where the kind has one, else the points). */
function fullEntries(tree: IndicatorNode[], items: string[]) {
  const leaves = new Map<string, IndicatorNode>();
  const walk = (ns: IndicatorNode[]) =>
    ns.forEach((n) => (n.children.length ? walk(n.children) : leaves.set(n.code, n)));
  walk(tree);
  return items.map((code) => {
    const leaf = leaves.get(code)!;
    const choice = fullChoice(leaf);
    return scoringOf(leaf) === 'scale' || !choice
      ? { itemCode: code, score: leaf.points, comment: '' }
      : { itemCode: code, choice, comment: '' };
  });
}

beforeAll(async () => {
  setClock(NOW);
  t = await startReviewApp();
  sessions = t.service(SessionService);
  scoring = t.service(ScoringService);
  experts = t.service(ExpertService);
  p = await t.orgs.provinceTree();
  coord = await t.users.coordinator(p.province);
  otherCoord = await t.users.coordinator(p.zhengzhou);
  scheme = await t.assessment.scheme('hospital');
  cycle = await t.assessment.cycle({ jurisdiction: p.province, schemes: [scheme] });
  applicantA = await t.users.applicant(p.xinyangHospital);
  const applicantB = await t.users.applicant(p.zhengzhouHospital);
  appA = await t.assessment.application({
    cycle,
    organisation: p.xinyangHospital,
    scheme,
    createdBy: applicantA.user,
    state: 'document_review',
  });
  appB = await t.assessment.application({
    cycle,
    organisation: p.zhengzhouHospital,
    scheme,
    createdBy: applicantB.user,
    state: 'document_review',
  });
  draft = await t.assessment.application({
    cycle,
    organisation: p.shiheHospital,
    scheme,
    createdBy: await t.users.applicant(p.shiheHospital).then((u) => u.user),
  });
  // e0 works at applicant A (a conflict); e1–e3 at hospitals of 郑州 under the city, none of them an applicant's
  const zz: Organisation[] = [];
  for (const name of ['郑州市第三人民医院', '郑州市第六人民医院', '郑州市第七人民医院'])
    zz.push(await t.orgs.hospital(p.zhengzhou, { name }));
  e.push(await t.expert({ affiliation: p.xinyangHospital, name: '甲专家' }));
  e.push(await t.expert({ affiliation: zz[0]!, name: '乙专家' }));
  e.push(await t.expert({ affiliation: zz[1]!, name: '丙专家' }));
  e.push(await t.expert({ affiliation: zz[2]!, name: '丁专家', vendorTies: ['东软集团'] }));
});

afterAll(async () => {
  await t?.close();
  restoreClock();
});

describe('the expert pool', () => {
  it('keeps a profile only for a user with the expert role, with the affiliation in the jurisdiction', async () => {
    const applicant = await t.users.applicant(p.shiheHospital);
    const notExpert = await refused(
      experts.create(coord.principal, {
        userId: applicant.user.id,
        name: '某人',
        affiliationOrgId: p.shiheHospital.id,
        pools: ['qualitative'],
        specialties: ['datasets'],
      }),
    );
    expect(notExpert.code).toBe('review.user_not_expert');
    const outside = await t.users.create('expert', {
      organisation: p.xinyangHospital,
      jurisdiction: p.xinyangHospital,
    });
    const denied = await refused(
      experts.create(otherCoord.principal, {
        userId: outside.user.id,
        name: '信阳专家',
        affiliationOrgId: p.xinyangHospital.id,
        pools: ['qualitative'],
        specialties: ['datasets'],
      }),
    );
    expect(denied.statusCode).toBe(403);
    const made = await experts.create(coord.principal, {
      userId: outside.user.id,
      name: '信阳专家',
      affiliationOrgId: p.xinyangHospital.id,
      pools: ['qualitative'],
      specialties: ['datasets', 'effect'],
      vendorTies: [' 卫宁健康 '],
    });
    expect(made).toMatchObject({
      name: '信阳专家',
      vendorTies: ['卫宁健康'],
      affiliation: { id: p.xinyangHospital.id },
    });
    expect(
      (
        await refused(
          experts.create(coord.principal, {
            userId: outside.user.id,
            name: 'x',
            affiliationOrgId: p.xinyangHospital.id,
            pools: [],
            specialties: [],
          }),
        )
      ).code,
    ).toBe('review.expert_exists');
    const list = await experts.list({ q: '信阳专家' });
    expect(list.items.map((x) => x.name)).toEqual(['信阳专家']);
  });
});

describe('a document-review session', () => {
  it('is planned in the cycle, with the panel invited and accepting, and the cases in the stage', async () => {
    session = await sessions.create(coord.principal, {
      cycleId: cycle.id,
      kind: 'document_review',
      title: '2026年第一批专家文审会',
      date: '2026-11-25',
      scoringDue: '2026-11-30',
      minPerApplication: 2,
    });
    session = await sessions.invite(coord.principal, session.id, { expertIds: e.map((x) => x.expert.id) });
    expect(session.panel.map((m) => m.status)).toEqual(['invited', 'invited', 'invited', 'invited']);
    for (const x of e) await sessions.respond(x.user.principal, session.id, { accept: true });
    session = await sessions.setChair(coord.principal, session.id, e[1]!.expert.id);
    expect(session.chair?.name).toBe('乙专家');
    const wrong = await refused(sessions.addCases(coord.principal, session.id, { applicationIds: [draft.id] }));
    expect(wrong).toMatchObject({ statusCode: 409, code: 'review.case_wrong_state' });
    session = await sessions.addCases(coord.principal, session.id, { applicationIds: [appA.id, appB.id] });
    expect(session.cases.map((c) => c.organisationName)).toEqual(['信阳市中心医院', '郑州大学第一附属医院']);
    expect(session.agenda?.slots.map((s) => s.start)).toEqual(['09:00', '09:25']);
    // an expert outside the panel does not see the session at all
    const stranger = await t.expert({ affiliation: p.zhengzhou, name: '局外专家' });
    expect((await refused(sessions.view(stranger.user.principal, session.id))).statusCode).toBe(404);
  });

  it('shows why an expert may not review a case, and refuses such an assignment manually and in bulk', async () => {
    const m = await sessions.eligibility(coord.principal, session.id);
    const cell = (app: Application, x: number) =>
      m.cases.find((c) => c.caseId === caseOf(session, app).id)!.cells.find((c) => c.expertId === e[x]!.expert.id)!;
    expect(cell(appA, 0)).toMatchObject({
      eligible: false,
      reasons: [{ code: 'conflict', conflict: { kind: 'same_organisation' } }],
    });
    expect(cell(appB, 0).eligible).toBe(true);
    await sessions.updateCase(coord.principal, caseOf(session, appB).id, { vendors: ['东软集团'] });
    const m2 = await sessions.eligibility(coord.principal, session.id);
    const vendor = m2.cases
      .find((c) => c.caseId === caseOf(session, appB).id)!
      .cells.find((c) => c.expertId === e[3]!.expert.id)!;
    expect(vendor.reasons).toEqual([{ code: 'conflict', conflict: { kind: 'vendor', detail: '东软集团' } }]);

    const manual = await refused(sessions.assign(coord.principal, caseOf(session, appA).id, e[0]!.expert.id));
    expect(manual).toMatchObject({ statusCode: 409, code: 'review.not_eligible' });
    const bulk = await refused(
      sessions.bulkAssign(coord.principal, session.id, {
        expertIds: [e[0]!.expert.id, e[2]!.expert.id],
        caseIds: [caseOf(session, appA).id, caseOf(session, appB).id],
      }),
    );
    expect(bulk).toMatchObject({ statusCode: 409, code: 'review.bulk_not_eligible', params: { n: 1 } });
    const [{ n }] = await t.sql<{ n: string }>('select count(*) as n from review_assignment');
    expect(Number(n)).toBe(0);
  });

  it('assigns automatically: every case its panel, balanced, never a conflict', async () => {
    const proposal = await sessions.autoAssign(coord.principal, session.id, false);
    expect(proposal.applied).toBe(false);
    expect(Number((await t.sql<{ n: string }>('select count(*) as n from review_assignment'))[0]!.n)).toBe(0);
    const applied = await sessions.autoAssign(coord.principal, session.id, true);
    expect(applied.shortfalls).toEqual([]);
    session = await sessions.view(coord.principal, session.id);
    const panelOf = (app: Application) =>
      caseOf(session, app)
        .assignments.map((a) => a.name)
        .sort();
    expect(panelOf(appA)).toHaveLength(2);
    expect(panelOf(appB)).toHaveLength(2);
    expect(panelOf(appA)).not.toContain('甲专家');
    expect(panelOf(appB)).not.toContain('丁专家');
    // no expert takes more than its share: 4 assignments, and the least-loaded eligible expert is picked each time
    const loads = session.panel.map((m) => m.load);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(4);
    expect(Math.max(...loads)).toBeLessThanOrEqual(2);
  });
});

describe('what an expert may read', () => {
  it('reads its own sheet with the self-assessment, and nothing of a case it is not on (404)', async () => {
    session = await sessions.view(coord.principal, session.id);
    const onA = caseOf(session, appA).assignments;
    const mine = onA[0]!;
    const member = e.find((x) => x.expert.id === mine.expertId)!;
    const sheet = await scoring.sheet(member.user.principal, mine.assignmentId);
    expect(sheet).toMatchObject({ organisationName: '信阳市中心医院', version: 1, submittedAt: null });
    expect(sheet.items.length).toBeGreaterThan(50);
    expect(sheet.answers.length).toBeGreaterThan(0);
    // 甲专家 works at A: it has no assignment there, and another's assignment is not found for it
    expect((await refused(scoring.sheet(e[0]!.user.principal, mine.assignmentId))).statusCode).toBe(404);
    // the expert's session view lists only its own cases (never A, which it is conflicted with)
    const own = await sessions.view(e[0]!.user.principal, session.id);
    const onB = caseOf(session, appB).assignments.some((a) => a.expertId === e[0]!.expert.id);
    expect(own.cases.map((c) => c.organisationName)).toEqual(onB ? ['郑州大学第一附属医院'] : []);
  });

  it('loses an assignment at once when it declares a conflict', async () => {
    // whoever the automatic assignment put on B (ties go by expert id, which differs per run)
    const onB = caseOf(session, appB).assignments[0]!;
    const who = e.find((x) => x.expert.id === onB.expertId)!;
    const r = await experts.declareConflict(who.user.principal, {
      applicationId: appB.id,
      reason: '曾参与该院平台建设评审咨询',
    });
    expect(r.removedAssignments).toBe(1);
    expect((await refused(scoring.sheet(who.user.principal, onB.assignmentId))).statusCode).toBe(404);
    const m = await sessions.eligibility(coord.principal, session.id);
    const cell = m.cases
      .find((c) => c.caseId === caseOf(session, appB).id)!
      .cells.find((c) => c.expertId === who.expert.id)!;
    expect(cell.reasons).toContainEqual({
      code: 'conflict',
      conflict: { kind: 'declared', detail: '曾参与该院平台建设评审咨询' },
    });
    // fill the panel again
    await sessions.autoAssign(coord.principal, session.id, true);
    session = await sessions.view(coord.principal, session.id);
    expect(caseOf(session, appB).assignments.map((a) => a.expertId)).not.toContain(who.expert.id);
    expect(caseOf(session, appB).assignments).toHaveLength(2);
  });
});

describe('scoring', () => {
  let a1: { id: string; member: (typeof e)[number] };
  let a2: { id: string; member: (typeof e)[number] };
  let items: string[];
  let tree: IndicatorNode[];

  beforeAll(async () => {
    const onA = caseOf(session, appA).assignments;
    a1 = { id: onA[0]!.assignmentId, member: e.find((x) => x.expert.id === onA[0]!.expertId)! };
    a2 = { id: onA[1]!.assignmentId, member: e.find((x) => x.expert.id === onA[1]!.expertId)! };
    const s = await scoring.sheet(a1.member.user.principal, a1.id);
    items = s.items;
    tree = s.tree;
  });

  it('opens when every case has a panel and a chair accepted', async () => {
    session = await sessions.startScoring(coord.principal, session.id);
    expect(session.status).toBe('scoring');
    const [{ n }] = await t.sql<{ n: string }>(
      "select count(*) as n from notification where title_code = 'review.notify_scoring_open'",
    );
    // every expert with an assignment is told, once (which ones depends on the tie-breaks by id)
    const assigned = new Set(session.cases.flatMap((c) => c.assignments.map((a) => a.expertId)));
    expect(Number(n)).toBe(assigned.size);
  });

  it('saves within the scoring kind and refuses a stale save with the current sheet', async () => {
    const all = fullEntries(tree, items);
    const first = await scoring.save(a1.member.user.principal, a1.id, { version: 1, entries: [all[0]!] });
    expect(first.version).toBe(2);
    expect(first.entries[items[0]!]!.score).toBeGreaterThan(0);
    const stale = await refused(scoring.save(a1.member.user.principal, a1.id, { version: 1, entries: [all[1]!] }));
    expect(stale).toMatchObject({ statusCode: 409, code: 'review.sheet_stale', params: { current: 2 } });
    expect((stale.details as { entries: Record<string, unknown> }).entries[items[0]!]).toBeDefined();
    const bad = await refused(
      scoring.save(a1.member.user.principal, a1.id, { version: 2, entries: [{ itemCode: 'no-such', score: 1 }] }),
    );
    expect(bad.code).toBe('review.item_not_on_sheet');
  });

  it('never loses an edit when two saves of the same sheet race: one wins, the other is refused and merged', async () => {
    const all = fullEntries(tree, items);
    const current = (await scoring.sheet(a1.member.user.principal, a1.id)).version;
    const results = await Promise.allSettled([
      scoring.save(a1.member.user.principal, a1.id, { version: current, entries: [all[2]!] }),
      scoring.save(a1.member.user.principal, a1.id, { version: current, entries: [all[3]!] }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const no = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(no).toHaveLength(1);
    const body = (no[0]!.reason as { getResponse(): { code: string; details: { version: number } } }).getResponse();
    expect(body.code).toBe('review.sheet_stale');
    // the loser saves again on the version it was given: both edits are there
    const lost = results[0]!.status === 'rejected' ? all[2]! : all[3]!;
    await scoring.save(a1.member.user.principal, a1.id, { version: body.details.version, entries: [lost] });
    const sheet = await scoring.sheet(a1.member.user.principal, a1.id);
    // the first save's item, and both racing ones (the item of the stale save of the test before was never written)
    for (const code of [items[0]!, items[2]!, items[3]!]) expect(typeof sheet.entries[code]?.score).toBe('number');
    expect(sheet.entries[items[1]!]).toBeUndefined();
  });

  it('is blind: the others’ scores only after submitting; submit needs every item and locks', async () => {
    expect((await refused(scoring.panelScores(a1.member.user.principal, a1.id))).code).toBe('review.scores_blind');
    let v = (await scoring.sheet(a1.member.user.principal, a1.id)).version;
    const incomplete = await refused(scoring.submit(a1.member.user.principal, a1.id, v));
    expect(incomplete).toMatchObject({ statusCode: 422, code: 'review.sheet_incomplete' });
    v = (await scoring.save(a1.member.user.principal, a1.id, { version: v, entries: fullEntries(tree, items) }))
      .version;
    const submitted = await scoring.submit(a1.member.user.principal, a1.id, v);
    expect(submitted.submittedAt).not.toBeNull();
    expect(
      (await refused(scoring.save(a1.member.user.principal, a1.id, { version: submitted.version, entries: [] }))).code,
    ).toBe('review.sheet_submitted');
    // a2 has typed one score, not submitted: a1 sees a2 listed without its entries
    const v2 = (await scoring.sheet(a2.member.user.principal, a2.id)).version;
    await scoring.save(a2.member.user.principal, a2.id, {
      version: v2,
      entries: [{ ...fullEntries(tree, items)[0]!, comment: '证明材料不全' }],
    });
    const seen = await scoring.panelScores(a1.member.user.principal, a1.id);
    const other = seen.experts.find((x) => x.expertId === a2.member.expert.id)!;
    expect(other).toMatchObject({ submittedAt: null, entries: {} });
    expect(seen.experts.find((x) => x.expertId === a1.member.expert.id)!.entries[items[0]!]).toBeDefined();
  });

  it('lets the chair reopen a submitted sheet with a reason, and no one else', async () => {
    const chair = e[1]!;
    const notChair = [a1.member, a2.member].find(
      (m) => m.expert.id !== chair.expert.id && m.expert.id !== a1.member.expert.id,
    );
    if (notChair)
      expect((await refused(scoring.reopen(notChair.user.principal, a1.id, '请复核'))).code).toBe('review.chair_only');
    const r = await scoring.reopen(coord.principal, a1.id, '请复核 2.1 的评分依据');
    expect(r.assignmentId).toBe(a1.id);
    const sheet = await scoring.sheet(a1.member.user.principal, a1.id);
    expect(sheet).toMatchObject({ submittedAt: null, reopenReason: '请复核 2.1 的评分依据' });
    await scoring.submit(a1.member.user.principal, a1.id, sheet.version);
  });

  it('raises a question the applicant answers through its task; the panel reads the answer in place', async () => {
    const q = await t.service(QuestionService).raise(a2.member.user.principal, a2.id, {
      itemCode: items[0]!,
      text: '请补充数据集标准化改造的测试报告',
      dueDate: '2026-11-27',
    });
    expect(q.answer).toBeNull();
    const [task] = await t.sql<{ id: string; kind: string; assignee_org_id: string; about_type: string }>(
      'select id, kind, assignee_org_id, about_type from task where id = ?',
      [q.taskId],
    );
    expect(task).toMatchObject({
      kind: 'answer_question',
      assignee_org_id: appA.organisation.id,
      about_type: 'question',
    });
    const past = await refused(
      t
        .service(QuestionService)
        .raise(a2.member.user.principal, a2.id, { itemCode: items[0]!, text: 'x', dueDate: '2026-11-20' }),
    );
    expect(past.code).toBe('review.question_due_invalid');
    await t.service(TaskService).respond(applicantA.principal, q.taskId!, { answer: '已上传测试报告（第3页）' });
    const sheet = await scoring.sheet(a2.member.user.principal, a2.id);
    expect(sheet.questions).toEqual([
      expect.objectContaining({
        itemCode: items[0],
        mine: true,
        answer: expect.objectContaining({ text: '已上传测试报告（第3页）' }),
      }),
    ]);
  });
});

describe('scoring reminders', () => {
  const count = async (code: string, userIds?: string[]) => {
    const [{ n }] = await t.sql<{ n: string }>(
      `select count(*) as n from notification where title_code = ? and subject_id = ?${userIds ? ' and user_id in (?)' : ''}`,
      userIds ? [code, session.id, userIds] : [code, session.id],
    );
    return Number(n);
  };
  let pendingUsers: string[];

  beforeAll(async () => {
    const rows = await t.sql<{ user_id: string }>(
      `select distinct e.user_id from review_assignment a join review_case c on c.id = a.review_case_id
        join expert e on e.id = a.expert_id where c.session_id = ? and a.submitted_at is null`,
      [session.id],
    );
    pendingUsers = rows.map((r) => r.user_id);
  });

  it('reminds each expert with an unsubmitted sheet once per step, never in the quiet hours, and escalates when late', async () => {
    const reminders = t.service(ScoringReminders);
    expect(pendingUsers.length).toBeGreaterThan(0);
    // due 2026-11-30: 06:00 Shanghai on the 27th is a quiet hour, 10:00 is three days before
    expect(await reminders.scanOnce(new Date('2026-11-26T22:00:00Z'))).toBe(0);
    expect(await reminders.scanOnce(new Date('2026-11-27T02:00:00Z'))).toBe(pendingUsers.length);
    expect(await reminders.scanOnce(new Date('2026-11-27T05:00:00Z'))).toBe(0);
    expect(await count('review.notify_scoring_reminder', pendingUsers)).toBe(pendingUsers.length);
    // the third overdue day: the experts, and the chair hears who is late; the organiser from the fourth
    const chair = e[1]!.user.user.id;
    await reminders.scanOnce(new Date('2026-12-03T02:00:00Z'));
    expect(await count('review.notify_scoring_overdue', pendingUsers)).toBe(pendingUsers.length);
    expect(await count('review.notify_scoring_late', [chair])).toBe(1);
    expect(await count('review.notify_scoring_late', [coord.user.id])).toBe(0);
    await reminders.scanOnce(new Date('2026-12-04T02:00:00Z'));
    expect(await count('review.notify_scoring_late', [coord.user.id])).toBe(1);
    const [late] = await t.sql<{ params: { names: string; count: number } }>(
      "select params from notification where title_code = 'review.notify_scoring_late' and user_id = ? and subject_id = ?",
      [coord.user.id, session.id],
    );
    expect(late!.params.count).toBe(pendingUsers.length);
  });

  it('lets the session’s coordinator remind everyone now, once a day, audited; no one else', async () => {
    const reminders = t.service(ScoringReminders);
    const first = await reminders.remindNow(coord.principal, session.id);
    expect(first).toMatchObject({ experts: pendingUsers.length, reminded: pendingUsers.length });
    expect(first.sheets).toBeGreaterThanOrEqual(pendingUsers.length);
    expect((await reminders.remindNow(coord.principal, session.id)).reminded).toBe(0);
    const [{ n }] = await t.sql<{ n: string }>(
      "select count(*) as n from audit_entry where action = 'review_session.remind' and entity_id = ?",
      [session.id],
    );
    expect(Number(n)).toBe(2);
    expect((await refused(reminders.remindNow(e[2]!.user.principal, session.id))).statusCode).toBe(404);
    expect((await refused(reminders.remindNow(otherCoord.principal, session.id))).statusCode).toBe(404);
  });
});

describe('checklists and the result table', () => {
  it('gives the checklist to the office and the experts on the case, never to a conflicted one (404)', async () => {
    const exportsOf = t.service(ReviewExportService);
    const caseA = caseOf(session, appA);
    const office = await exportsOf.checklist(coord.principal, caseA.id);
    expect(office.name).toBe('信阳市中心医院-专家文审评分表.xlsx');
    expect(office.body.subarray(0, 2).toString()).toBe('PK');
    const onA = e.find((x) => x.expert.id === caseA.assignments[0]!.expertId)!;
    expect((await exportsOf.checklist(onA.user.principal, caseA.id)).body.length).toBeGreaterThan(1000);
    // 甲专家 works at applicant A: never assigned, never given its checklist
    expect((await refused(exportsOf.checklist(e[0]!.user.principal, caseA.id))).statusCode).toBe(404);
    expect((await refused(exportsOf.checklist(otherCoord.principal, caseA.id))).statusCode).toBe(404);
  });

  it('gives the result table to the office only', async () => {
    const exportsOf = t.service(ReviewExportService);
    const r = await exportsOf.results(coord.principal, session.id);
    expect(r.name).toBe('2026年第一批专家文审会-文审结果汇总表.xlsx');
    expect((await refused(exportsOf.results(e[1]!.user.principal, session.id))).statusCode).toBe(404);
  });
});

describe('an on-site inspection (现场查验)', () => {
  it('runs with its team and days, records findings and the rectification, and feeds the result to the rating', async () => {
    const hospital = await t.orgs.hospital(p.xinyang, { name: '信阳市第四人民医院' });
    const applicant = await t.users.applicant(hospital);
    const app = await t.assessment.application({
      cycle,
      organisation: hospital,
      scheme,
      createdBy: applicant.user,
      targetLevel: '4A',
      state: 'onsite',
    });
    let s = await sessions.create(coord.principal, {
      cycleId: cycle.id,
      kind: 'onsite',
      title: '2026年第一批现场查验',
      date: '2026-11-26',
      endDate: '2026-11-27',
      scoringDue: '2026-11-28',
      minPerApplication: 2,
    });
    expect([s.kind, s.date, s.endDate]).toEqual(['onsite', '2026-11-26', '2026-11-27']);
    const team = [e[2]!, e[3]!];
    s = await sessions.invite(coord.principal, s.id, { expertIds: team.map((x) => x.expert.id) });
    for (const x of team) await sessions.respond(x.user.principal, s.id, { accept: true });
    s = await sessions.setChair(coord.principal, s.id, team[0]!.expert.id);
    // only applications in the on-site stage come in
    expect((await refused(sessions.addCases(coord.principal, s.id, { applicationIds: [appA.id] }))).code).toBe(
      'review.case_wrong_state',
    );
    s = await sessions.addCases(coord.principal, s.id, { applicationIds: [app.id] });
    const c = s.cases[0]!;
    for (const x of team) s = await sessions.assign(coord.principal, c.id, x.expert.id);
    s = await sessions.startScoring(coord.principal, s.id);
    const checklist = await t.service(ReviewExportService).checklist(team[1]!.user.principal, c.id);
    expect(checklist.name).toBe('信阳市第四人民医院-现场查验检查表.xlsx');
    // each inspector scores every item, one finding written down
    for (const [i, x] of team.entries()) {
      const a = s.cases[0]!.assignments.find((y) => y.expertId === x.expert.id)!;
      const sheet = await scoring.sheet(x.user.principal, a.assignmentId);
      const entries = fullEntries(sheet.tree, sheet.items).map((en, k) =>
        k === 0 && i === 1 ? { ...en, comment: '机房未见异地备份记录' } : en,
      );
      const saved = await scoring.save(x.user.principal, a.assignmentId, { version: sheet.version, entries });
      await scoring.submit(x.user.principal, a.assignmentId, saved.version);
    }
    let v = await scoring.consolidation(team[0]!.user.principal, c.id);
    expect(v.onsite).toEqual({ passed: null, rectification: '' });
    // the result is required before confirming
    v = await scoring.saveConsolidation(team[0]!.user.principal, c.id, {
      version: v.version,
      opinion: '现场查验情况与申报材料基本一致。',
    });
    const noResult = await refused(scoring.confirm(team[0]!.user.principal, c.id, v.version));
    expect(noResult.code).toBe('review.onsite_result_required');
    v = await scoring.saveConsolidation(team[0]!.user.principal, c.id, {
      version: v.version,
      passed: true,
      rectification: '三个月内完成数据异地备份',
    });
    v = await scoring.confirm(team[0]!.user.principal, c.id, v.version);
    expect(v.consolidatedAt).not.toBeNull();
    const [row] = await t.sql<{ onsite_result: { passed: boolean; findings: number; rectification: string } }>(
      'select onsite_result from application where id = ?',
      [app.id],
    );
    expect(row!.onsite_result).toMatchObject({ passed: true, findings: 1, rectification: '三个月内完成数据异地备份' });
    // the office's copy of the checklist now carries the finding and the rectification
    const office = await t.service(ReviewExportService).checklist(coord.principal, c.id);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(office.body as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((r) => texts.push((r.values as unknown[]).map((x) => String(x ?? '')).join('|')));
    expect(texts.some((x) => x.includes(`${team[1]!.expert.name}：机房未见异地备份记录`))).toBe(true);
    expect(texts.some((x) => x.startsWith('|整改要求：三个月内完成数据异地备份'))).toBe(true);
  });
});
