/**
 * The expert review over HTTP, against the built api on PostgreSQL with the demo seed: what only HTTP shows — the
 * guard and the review's own checks keep an expert out of any application it is not assigned to (404) or conflicted
 * with (its assignment ends: 404; the assessment's endpoints refuse the role: 403), the others' scores stay hidden
 * until the expert submits (403), and two saves of the same sheet at once never lose an edit (409 with the current
 * sheet to merge). The rules themselves are tested in process (libs/review/server/src/lib/review.inproc.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CycleView, IndicatorNode, SchemeSummary } from '@hutong/assessment-model';
import { fullChoice, leavesUpTo, scoreOf } from '@hutong/assessment-model';
import type { ReviewSessionView, ScoreSheetView } from '@hutong/review-model';
import { startStack, type HttpClient, type Stack } from '../support/stack';

let stack: Stack;
let coordinator: HttpClient;
const experts: Record<string, HttpClient> = {};
let session: ReviewSessionView;
let appA: string; // 信阳市中心医院 — expert4 works there
let appB: string; // 信阳市中医院

async function orgIdByName(name: string): Promise<string> {
  const { rows } = await stack.db.query<{ id: string }>('select id from organisation where name = $1', [name]);
  return rows[0]!.id;
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
  coordinator = await stack.login('coordinator');
  for (const u of ['expert', 'expert2', 'expert3', 'expert4']) experts[u] = await stack.login(u);
  const cycles = (await coordinator.get<CycleView[]>('/api/cycles')).body;
  const cycle = cycles[0]!;
  const schemes = (await coordinator.get<SchemeSummary[]>('/api/schemes')).body;
  const hospital = schemes.find((s) => s.kind === 'hospital' && cycle.schemeIds.includes(s.id))!;
  const create = async (name: string) => {
    const r = await coordinator.post('/api/applications', {
      cycleId: cycle.id,
      organisationId: await orgIdByName(name),
      schemeId: hospital.id,
      targetLevel: '3',
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  appA = await create('信阳市中心医院');
  appB = await create('信阳市中医院');
  // the stage machine's path to document review is tested elsewhere: put both there directly
  await stack.db.query("update application set state = 'document_review', version = 1 where id = any($1)", [
    [appA, appB],
  ]);
  const s = await coordinator.post<ReviewSessionView>('/api/review/sessions', {
    cycleId: cycle.id,
    kind: 'document_review',
    title: '信阳市第一批专家文审会',
    date: '2026-12-20',
    scoringDue: '2026-12-25',
    minPerApplication: 2,
  });
  expect(s.status).toBe(201);
  const ids = (await coordinator.get('/api/review/experts?pageSize=50')).body.items.map((x: { id: string }) => x.id);
  expect(ids).toHaveLength(4);
  expect((await coordinator.post(`/api/review/sessions/${s.body.id}/panel`, { expertIds: ids })).status).toBe(200);
  for (const c of Object.values(experts))
    expect((await c.post(`/api/review/sessions/${s.body.id}/respond`, { accept: true })).status).toBe(200);
  const chairId = (await experts['expert']!.get('/api/review/experts/me')).body.id;
  expect((await coordinator.post(`/api/review/sessions/${s.body.id}/chair`, { expertId: chairId })).status).toBe(200);
  expect(
    (await coordinator.post(`/api/review/sessions/${s.body.id}/cases`, { applicationIds: [appA, appB] })).status,
  ).toBe(200);
  const auto = await coordinator.post(`/api/review/sessions/${s.body.id}/assignments/auto`, { apply: true });
  expect(auto.status).toBe(200);
  expect(auto.body.shortfalls).toEqual([]);
  session = (await coordinator.get<ReviewSessionView>(`/api/review/sessions/${s.body.id}`)).body;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

const caseOf = (app: string) => session.cases.find((c) => c.applicationId === app)!;
const expertName = async (u: string) => (await experts[u]!.get('/api/review/experts/me')).body.name as string;

describe('an expert reads only what it is assigned to', () => {
  it('never gets a conflicted application: the same organisation is never assigned, its sheets are 404, the assessment refuses the role', async () => {
    const zhao = await expertName('expert4');
    expect(caseOf(appA).assignments.map((a) => a.name)).not.toContain(zhao);
    const someoneOnA = caseOf(appA).assignments[0]!;
    expect((await experts['expert4']!.get(`/api/review/assignments/${someoneOnA.assignmentId}`)).status).toBe(404);
    expect(
      (await experts['expert4']!.get(`/api/review/assignments/${someoneOnA.assignmentId}/panel-scores`)).status,
    ).toBe(404);
    expect((await experts['expert4']!.get(`/api/applications/${appA}`)).status).toBe(403);
    const own = (await experts['expert4']!.get<ReviewSessionView>(`/api/review/sessions/${session.id}`)).body;
    expect(own.cases.map((c) => c.organisationName)).not.toContain('信阳市中心医院');
    const consolidation = await experts['expert4']!.get(`/api/review/cases/${caseOf(appA).id}/consolidation`);
    expect(consolidation.status).toBe(404);
  });

  it('loses its assignment when a conflict is declared: the sheet is 404 from then on', async () => {
    // whoever the automatic assignment put on B (ties go by expert id, which differs per run)
    const names: Record<string, string> = {};
    for (const u of Object.keys(experts)) names[await expertName(u)] = u;
    const onB = caseOf(appB).assignments[0]!;
    const who = experts[names[onB.name]!]!;
    expect((await who.get(`/api/review/assignments/${onB.assignmentId}`)).status).toBe(200);
    const declared = await who.post('/api/review/experts/conflicts', {
      applicationId: appB,
      reason: '近三年为该院提供过咨询',
    });
    expect(declared.status).toBe(200);
    expect(declared.body.removedAssignments).toBe(1);
    expect((await who.get(`/api/review/assignments/${onB.assignmentId}`)).status).toBe(404);
    const mine = (await who.get('/api/review/assignments/mine')).body as { caseId: string }[];
    expect(mine.map((a) => a.caseId)).not.toContain(caseOf(appB).id);
    // the panel is filled again, without it
    await coordinator.post(`/api/review/sessions/${session.id}/assignments/auto`, { apply: true });
    session = (await coordinator.get<ReviewSessionView>(`/api/review/sessions/${session.id}`)).body;
    expect(caseOf(appB).assignments.map((a) => a.name)).not.toContain(onB.name);
    expect(caseOf(appB).assignments.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a manual assignment the rules forbid, with the reasons', async () => {
    const zhaoId = (await experts['expert4']!.get('/api/review/experts/me')).body.id;
    const r = await coordinator.post(`/api/review/cases/${caseOf(appA).id}/assignments`, { expertId: zhaoId });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('review.not_eligible');
    expect(r.body.details.reasons[0]).toMatchObject({ code: 'conflict', conflict: { kind: 'same_organisation' } });
  });
});

describe('scoring over HTTP', () => {
  let client: HttpClient;
  let sheet: ScoreSheetView;

  beforeAll(async () => {
    expect((await coordinator.post(`/api/review/sessions/${session.id}/start`)).status).toBe(200);
    const onA = caseOf(appA).assignments[0]!;
    for (const [u, c] of Object.entries(experts))
      if ((await c.get(`/api/review/assignments/${onA.assignmentId}`)).status === 200) {
        client = experts[u]!;
        break;
      }
    sheet = (await client.get<ScoreSheetView>(`/api/review/assignments/${onA.assignmentId}`)).body;
  });

  it('keeps the others’ scores hidden until the expert submits its own', async () => {
    const r = await client.get(`/api/review/assignments/${sheet.assignmentId}/panel-scores`);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('review.scores_blind');
  });

  it('never loses an edit when two saves of the same sheet race', async () => {
    const scale = (code: string) => ({ itemCode: code, comment: '已核对', score: null });
    const [one, two] = [sheet.items[0]!, sheet.items[1]!];
    const [r1, r2] = await Promise.all([
      client.put(`/api/review/assignments/${sheet.assignmentId}/sheet`, {
        version: sheet.version,
        entries: [scale(one)],
      }),
      client.put(`/api/review/assignments/${sheet.assignmentId}/sheet`, {
        version: sheet.version,
        entries: [scale(two)],
      }),
    ]);
    const statuses = [r1.status, r2.status].sort();
    expect(statuses).toEqual([200, 409]);
    const lost = r1.status === 409 ? r1 : r2;
    expect(lost.body.code).toBe('review.sheet_stale');
    const retry = await client.put(`/api/review/assignments/${sheet.assignmentId}/sheet`, {
      version: lost.body.details.version,
      entries: [scale(r1.status === 409 ? one : two)],
    });
    expect(retry.status).toBe(200);
    expect(Object.keys(retry.body.entries)).toEqual(expect.arrayContaining([one, two]));
    const bad = await client.put(`/api/review/assignments/${sheet.assignmentId}/sheet`, {
      version: retry.body.version,
      entries: [{ itemCode: one, score: 'x' }],
    });
    expect(bad.status).toBe(400);
  });
});

describe('referral upward', () => {
  it('refers a rating of 五级乙等 to the national body instead of publicity (上报)', async () => {
    const cycles = (await coordinator.get<CycleView[]>('/api/cycles')).body;
    const schemes = (await coordinator.get<SchemeSummary[]>('/api/schemes')).body;
    const hospital = schemes.find((s) => s.kind === 'hospital' && cycles[0]!.schemeIds.includes(s.id))!;
    const created = await coordinator.post('/api/applications', {
      cycleId: cycles[0]!.id,
      organisationId: await orgIdByName('信阳市第三人民医院'),
      schemeId: hospital.id,
      targetLevel: '3',
    });
    expect(created.status).toBe(201);
    // full consensus scores of every leaf up to 五级乙等, as a consolidated review would leave them
    const scheme = (await coordinator.get<{ tree: IndicatorNode[] }>(`/api/schemes/${hospital.id}`)).body;
    const scores: Record<string, number> = {};
    for (const leaf of leavesUpTo(scheme.tree, '5B'))
      scores[leaf.code] = scoreOf(leaf, fullChoice(leaf)) ?? leaf.points;
    await stack.db.query(
      "update application set state = 'rating', target_level = '5B', version = 1, consensus_scores = $2, document_review_done_at = now() where id = $1",
      [created.body.id, JSON.stringify(scores)],
    );
    const rated = await coordinator.post(`/api/applications/${created.body.id}/transitions`, { action: 'rate' });
    expect(rated.status).toBe(200);
    expect(rated.body.state).toBe('referred');
    // only the national body decides it
    const notHere = await coordinator.post(`/api/applications/${created.body.id}/transitions`, {
      action: 'national_confirm',
    });
    expect(notHere.status).toBe(403);
    const national = await stack.login('national');
    const confirmed = await national.post(`/api/applications/${created.body.id}/transitions`, {
      action: 'national_confirm',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.state).toBe('publicity');
  });
});
