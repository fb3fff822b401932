/**
 * Journey of the expert review: the coordinator imports the conformance test tool's results for an application in
 * 标准符合性测试 (the page shows the per-category tally and that the result was recorded), plans a 文审会 in the
 * browser (the form, the invitations — one expert accepts in its workspace — the chair, the cases), sees in the
 * eligibility matrix why the expert who works at the applicant may not review it, assigns automatically, opens
 * scoring and reminds the experts; two experts score (the score sheet downloaded from the scheme) — one in the scoring screen, raising a question (质询) that the applicant answers in
 * its task list — the chair consolidates (median by default, the panel's opinion) and confirms; the coordinator
 * rates and the application shows the level derived by the official rule with its per-part explanation; the
 * session's result table (文审结果汇总表) is downloaded and read. A 五级乙等 application rated in the browser is
 * referred to the national body (上报) — its reviews set up in the database as the HTTP tests leave them.
 * Screenshots go to test-results/.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { CycleView, SchemeSummary } from '@hutong/assessment-model';
import { fullChoice, leavesUpTo, scoreOf, scoringOf, type IndicatorNode } from '@hutong/assessment-model';
import ExcelJS from 'exceljs';
import type { ReviewSessionView, ScoreSheetView } from '@hutong/review-model';
import { launchBrowser, type Browser } from '../support/browser';
import { DEMO_PASSWORD, startStack, type HttpClient, type Stack } from '../support/stack';

let stack: Stack;
let coordinator: HttpClient;
const browsers: Browser[] = [];
let cycle: CycleView;
let appA: string; // 信阳市中心医院 (the demo applicant's own; expert4 works there)
let appB: string; // 信阳市中医院
let sessionId: string;

const consoleErrors: string[] = [];
function watchConsole(page: Page, who: string): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().includes('401')) consoleErrors.push(`[${who}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`[${who}] ${err.message}`));
}

async function open(username: string): Promise<Browser> {
  const b = await launchBrowser();
  browsers.push(b);
  watchConsole(b.page, username);
  await b.page.goto(`${stack.baseUrl}/login`);
  await b.page.getByTestId('login-username').fill(username);
  await b.page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await b.page.getByTestId('login-submit').click();
  await b.page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
  return b;
}

/** Every item of a sheet scored fully (a choice where the kind has one, else the points). */
function fullEntries(sheet: ScoreSheetView) {
  const leaves = new Map<string, IndicatorNode>();
  const walk = (ns: IndicatorNode[]) =>
    ns.forEach((n) => (n.children.length ? walk(n.children) : leaves.set(n.code, n)));
  walk(sheet.tree);
  return sheet.items.map((code) => {
    const leaf = leaves.get(code)!;
    const choice = fullChoice(leaf);
    return scoringOf(leaf) === 'scale' || !choice
      ? { itemCode: code, score: leaf.points, comment: '' }
      : { itemCode: code, choice, comment: '' };
  });
}

/** Picks an option of an nz-select by its label. */
async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).locator('.ant-select-selector').click();
  const option = page
    .locator('.ant-select-dropdown .ant-select-item-option')
    .filter({ has: page.getByText(label, { exact: true }) })
    .first();
  await option.waitFor({ timeout: 10_000 });
  await option.click();
}

/** Types a yyyy-MM-dd date into an nz-date-picker. */
async function fillDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"] input`);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** Clicks OK in the open popconfirm. */
async function confirmPopover(page: Page): Promise<void> {
  const ok = page.locator('.ant-popover-buttons .ant-btn-primary').last();
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

function shanghaiDate(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

/** Downloads what `click` starts and opens it as a workbook: the first sheet's rows as text. */
async function workbookOf(page: Page, click: () => Promise<unknown>): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await download.path());
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) =>
    rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v == null ? '' : String(v)))),
  );
  return rows;
}

async function orgId(name: string): Promise<string> {
  const { rows } = await stack.db.query<{ id: string }>('select id from organisation where name = $1', [name]);
  return rows[0]!.id;
}

beforeAll(async () => {
  stack = await startStack({ seed: true });
  coordinator = await stack.login('coordinator');
  cycle = (await coordinator.get<CycleView[]>('/api/cycles')).body[0]!;
  const schemes = (await coordinator.get<SchemeSummary[]>('/api/schemes')).body;
  const hospital = schemes.find((s) => s.kind === 'hospital' && cycle.schemeIds.includes(s.id))!;
  const create = async (name: string) => {
    const r = await coordinator.post('/api/applications', {
      cycleId: cycle.id,
      organisationId: await orgId(name),
      schemeId: hospital.id,
      targetLevel: '3',
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  appA = await create('信阳市中心医院');
  appB = await create('信阳市中医院');
  // the self-assessment and its submission are the assessment journey's: both arrive in conformance testing
  await stack.db.query("update application set state = 'conformance_testing', version = 1 where id = any($1)", [
    [appA, appB],
  ]);
}, 180_000);

afterAll(async () => {
  if (consoleErrors.length) console.warn(`browser console errors:\n${consoleErrors.join('\n')}`);
  for (const b of browsers) await b.close().catch(() => undefined);
  await stack?.stop();
});

const CSV = [
  '类别,编号,名称,标准,测试数,通过数,未通过数,结论',
  '数据集,WS445.1,病历概要,WS 445-2014,120,120,0,通过',
  '共享文档,WS500.1,病历概要共享文档,WS/T 500-2016,30,30,0,通过',
  '交互服务,IS-01,个人信息注册服务,WS/T 447-2014,12,12,0,通过',
].join('\r\n');

it('conformance results, a session, scoring with a question, the chair’s consolidation, the level by the official rule', async () => {
  // ---- coordinator: imports the test tool's CSV for 信阳市中心医院 ----
  const office = await open('coordinator');
  const o = (id: string) => office.page.getByTestId(id);
  await o('nav-review-conformance').click();
  await office.page.waitForURL('**/review/conformance');
  const rowA = o('conf-app').filter({ hasText: '信阳市中心医院' });
  await rowA.waitFor({ timeout: 15_000 });
  await rowA
    .getByTestId('conf-import')
    .setInputFiles({ name: '标准符合性测试结果.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await o('conf-result').waitFor({ timeout: 15_000 });
  await o('conf-recorded').waitFor({ timeout: 15_000 });
  await expect(o('conf-total').textContent()).resolves.toContain('162');
  await office.screenshot('review-01-conformance');
  // B's results over HTTP; both go on to the document review
  const b = await coordinator.postFile(`/api/review/applications/${appB}/conformance`, 'file', 'b.csv', CSV);
  expect(b.status).toBe(201);
  for (const id of [appA, appB])
    expect(
      (await coordinator.post(`/api/applications/${id}/transitions`, { action: 'finish_conformance' })).status,
    ).toBe(200);

  // ---- coordinator, in the browser: plans the 文审会, invites three of the pool, adds both applications ----
  const o$ = office.page;
  await o('nav-review-sessions').click();
  await o$.waitForURL('**/review/sessions');
  await o('session-new').click();
  await o('session-form').waitFor({ timeout: 15_000 });
  await pick(o$, 'session-cycle', cycle.name);
  await o('session-title').fill('信阳市2026年第一批专家文审会');
  await fillDate(o$, 'session-date', shanghaiDate(14));
  await fillDate(o$, 'session-due', shanghaiDate(20));
  await o('session-location').fill('信阳市卫生健康委员会三楼会议室');
  const min = o$.locator('[data-testid="session-min"] input');
  await min.fill('2');
  await min.press('Tab');
  await office.screenshot('review-02-session-form');
  await o('session-save').click();
  await o$.waitForURL(/\/review\/sessions\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  sessionId = o$.url().split('/').pop()!;
  await o('sess-invite').click();
  for (const name of ['评审专家', '王建国', '赵明'])
    await o$.locator(`[data-testid="sess-invite-pick"][data-name="${name}"]`).click({ timeout: 15_000 });
  await o('sess-invite-ok').click();
  await o$.locator('[data-testid="sess-member"][data-status="invited"]').nth(2).waitFor({ timeout: 15_000 });

  // 王建国 accepts in his workspace; the two others over HTTP
  const wang = await open('expert2');
  const w = (id: string) => wang.page.getByTestId(id);
  await wang.page.waitForURL('**/review/workspace', { timeout: 15_000 });
  const invitation = w('ws-invitation').filter({ hasText: '信阳市2026年第一批专家文审会' });
  await invitation.getByTestId('ws-accept').click({ timeout: 15_000 });
  await invitation.waitFor({ state: 'detached', timeout: 15_000 });
  for (const u of ['expert', 'expert4'])
    expect(
      (await (await stack.login(u)).post(`/api/review/sessions/${sessionId}/respond`, { accept: true })).status,
    ).toBe(200);

  // the chair (组长), then the cases
  await o$.reload();
  await o$
    .locator('[data-testid="sess-member"][data-name="评审专家"][data-status="accepted"]')
    .getByTestId('sess-chair')
    .click({ timeout: 15_000 });
  await o('sess-member-chair').waitFor({ timeout: 15_000 });
  await o('sess-tab-cases').click();
  await o('sess-add-cases').click();
  await o('sess-add-all').click({ timeout: 15_000 });
  await o('sess-add-ok').click();
  await o('sess-case').nth(1).waitFor({ timeout: 15_000 });

  // ---- coordinator, in the browser: why 赵明 may not review, automatic assignment, open scoring ----
  await office.page.goto(`${stack.baseUrl}/review/sessions/${sessionId}`);
  await o('sess-eligibility').click();
  const zhaoOnA = office.page.locator('[data-testid="elig-cell"][data-case="信阳市中心医院"][data-expert="赵明"]');
  await zhaoOnA.waitFor({ timeout: 15_000 });
  await expect(zhaoOnA.getAttribute('data-eligible')).resolves.toBe('false');
  await expect(zhaoOnA.textContent()).resolves.toContain('同一机构');
  await office.screenshot('review-03-eligibility');
  await o('sess-tab-cases').click();
  await o('sess-auto').click();
  await o('sess-auto-result').waitFor({ timeout: 15_000 });
  await office.screenshot('review-04-auto-proposal');
  await o('sess-auto-apply').click();
  await o('sess-case').first().waitFor({ timeout: 15_000 });
  await o('sess-start').click();
  await o('sess-start-ok').click();
  await office.page.locator('.ant-tag').filter({ hasText: '评分中' }).first().waitFor({ timeout: 15_000 });
  const session = (await coordinator.get<ReviewSessionView>(`/api/review/sessions/${sessionId}`)).body;
  const panelA = session.cases.find((c) => c.applicationId === appA)!.assignments;
  expect(panelA.map((a) => a.name).sort()).toEqual(['王建国', '评审专家'].sort());
  // scoring open: the office may remind the experts who have not submitted (the worker also does by the deadline)
  await o('sess-remind-plan').waitFor({ timeout: 15_000 });
  await o('sess-remind').click();
  await confirmPopover(o$);
  const assigned = new Set(session.cases.flatMap((c) => c.assignments.map((a) => a.expertId))).size;
  await o$
    .locator('.ant-message')
    .filter({ hasText: `已提醒 ${assigned} 位专家` })
    .waitFor({ timeout: 15_000 });
  await o$.locator('.ant-popover').first().waitFor({ state: 'hidden', timeout: 10_000 });
  await office.screenshot('review-05-scoring-open');

  // ---- 王建国 scores in the browser: one item by hand, a question on it, the rest as the API does, then submit ----
  await wang.page.reload();
  const myRow = w('ws-assignment').filter({ hasText: '信阳市中心医院' });
  await myRow.waitFor({ timeout: 15_000 });
  await myRow.getByTestId('ws-open-sheet').click();
  await w('sheet-option').first().waitFor({ timeout: 15_000 });
  // the score sheet generated from the scheme, with the applicant's self-assessment, as XLSX
  const checklist = await workbookOf(wang.page, () => w('sheet-checklist').click());
  expect(checklist[0]![0]).toBe('信阳市中心医院专家文审评分表');
  expect(checklist.some((r) => r[1] === '2.1.1.1')).toBe(true);
  await wang.page.locator('[data-testid="sheet-option"][data-option="full"]').first().click();
  await w('sheet-save-state').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
  await w('sheet-ask').click();
  await w('sheet-question-text').fill('请补充患者基本信息子集的数据抽取记录');
  await w('sheet-question-send').click();
  await w('sheet-question').first().waitFor({ timeout: 15_000 });
  await wang.screenshot('review-06-sheet-question');
  const wangApi = await stack.login('expert2');
  const aWang = panelA.find((a) => a.name === '王建国')!.assignmentId;
  let sheet = (await wangApi.get<ScoreSheetView>(`/api/review/assignments/${aWang}`)).body;
  const saved = await wangApi.put(`/api/review/assignments/${aWang}/sheet`, {
    version: sheet.version,
    entries: fullEntries(sheet).slice(1),
  });
  expect(saved.status).toBe(200);
  await wang.page.reload();
  await w('sheet-submit').click();
  await w('sheet-submit-confirm').click();
  await w('sheet-submitted').waitFor({ timeout: 15_000 });
  await w('sheet-panel-scores').waitFor({ timeout: 15_000 });
  await wang.screenshot('review-07-submitted');

  // ---- the chair scores over HTTP (its 2.1 items one level lower: a spread to see) ----
  const chairApi = await stack.login('expert');
  const aChair = panelA.find((a) => a.name === '评审专家')!.assignmentId;
  sheet = (await chairApi.get<ScoreSheetView>(`/api/review/assignments/${aChair}`)).body;
  const entries = fullEntries(sheet).map((e, i) =>
    i === 1 && 'choice' in e ? { ...e, choice: { option: 'partial' as const } } : e,
  );
  const put = await chairApi.put(`/api/review/assignments/${aChair}/sheet`, { version: sheet.version, entries });
  expect(put.status).toBe(200);
  expect((await chairApi.post(`/api/review/assignments/${aChair}/submit`, { version: put.body.version })).status).toBe(
    200,
  );

  // ---- the applicant answers the question in its task list ----
  const applicant = await open('applicant');
  const ap = (id: string) => applicant.page.getByTestId(id);
  await applicant.page.goto(`${stack.baseUrl}/tasks`);
  const taskRow = applicant.page.locator('a').filter({ hasText: '答复专家质询' }).first();
  await taskRow.waitFor({ timeout: 15_000 });
  await taskRow.click();
  await ap('task-detail').waitFor({ timeout: 15_000 });
  await ap('answer-answer').fill('已补充数据抽取记录，见附件第2页');
  await ap('task-submit').click();
  await ap('task-status').filter({ hasText: '已提交' }).first().waitFor({ timeout: 15_000 });
  await applicant.screenshot('review-08-applicant-answer');
  await wang.page.reload();
  await w('sheet-answer').first().waitFor({ timeout: 15_000 });
  await expect(w('sheet-answer').first().textContent()).resolves.toContain('已补充数据抽取记录');

  // ---- the chair consolidates: the median by default, the opinion, confirm ----
  const chair = await open('expert');
  const c = (id: string) => chair.page.getByTestId(id);
  const caseA = session.cases.find((x) => x.applicationId === appA)!.id;
  await chair.page.goto(`${stack.baseUrl}/review/cases/${caseA}/consolidation`);
  await c('cons-row').first().waitFor({ timeout: 15_000 });
  await c('cons-divergent').first().waitFor({ timeout: 15_000 });
  // the median of a divergent item would leave 2.1 below its 表8-2 minimum: the chair, having heard the
  // applicant, sets the consensus to the full points
  const divergent = sheet.items[1]!;
  const points = (
    await chairApi.get(`/api/review/cases/${session.cases.find((x) => x.applicationId === appA)!.id}/consolidation`)
  ).body.items.find((i: { code: string }) => i.code === divergent).points as number;
  await chair.page.locator(`[data-testid="cons-score"][data-code="${divergent}"]`).fill(String(points));
  await c('cons-opinion').fill('该院数据集标准化程度较高，共享文档与交互服务基本符合标准；建议完善数据抽取记录。');
  await c('cons-save').click();
  await chair.page.locator('.ant-message').first().waitFor({ timeout: 15_000 });
  await chair.page.locator('[data-testid="cons-derived-level"][data-level="3"]').waitFor({ timeout: 15_000 });
  await chair.screenshot('review-09-consolidation');
  await c('cons-confirm').click();
  await c('cons-confirm-ok').click();
  await c('cons-confirmed').waitFor({ timeout: 15_000 });

  // ---- the coordinator rates: the level by the official rule, each part explained ----
  const toRating = await coordinator.post(`/api/applications/${appA}/transitions`, { action: 'to_rating' });
  expect(toRating.status).toBe(200);
  const rated = await coordinator.post(`/api/applications/${appA}/transitions`, { action: 'rate' });
  expect([rated.status, rated.body.code]).toEqual([200, undefined]);
  await office.page.goto(`${stack.baseUrl}/applications/${appA}`);
  await office.page.locator('.ant-tabs-tab').filter({ hasText: '等级评定' }).first().click({ timeout: 15_000 });
  await o('parts-table').waitFor({ timeout: 15_000 });
  expect(await o('parts-row').count()).toBeGreaterThanOrEqual(4);
  await expect(o('parts-level').textContent()).resolves.toContain('三级');
  await office.screenshot('review-10-rating');

  // ---- 王建国 keeps his own profile (a vendor tie, a week he cannot sit) and declares a conflict with B ----
  await w('nav-review-profile').click();
  await w('profile-ties').waitFor({ timeout: 15_000 });
  await wang.page.locator('[data-testid="profile-vendors"] .ant-select-selector').click();
  await wang.page.keyboard.type('卫宁健康');
  await wang.page
    .locator('.ant-select-dropdown .ant-select-item-option')
    .filter({ hasText: '卫宁健康' })
    .first()
    .click({ timeout: 10_000 });
  await wang.page.keyboard.press('Escape');
  await w('profile-add-range').click();
  const range = wang.page.locator('[data-testid="profile-range"] input');
  await range.nth(0).click();
  await range.nth(0).fill(shanghaiDate(30));
  await range.nth(0).press('Enter');
  await range.nth(1).fill(shanghaiDate(36));
  await range.nth(1).press('Enter');
  await w('profile-save').click();
  await wang.page.locator('.ant-message').filter({ hasText: '已保存' }).waitFor({ timeout: 15_000 });
  // saved: nothing left to save
  await wang.page.locator('[data-testid="profile-save"][disabled]').waitFor({ timeout: 15_000 });
  await wang.screenshot('review-11-profile');
  const me = (await wangApi.get('/api/review/experts/me')).body;
  expect([me.vendorTies, me.unavailable]).toEqual([
    ['东软集团', '卫宁健康'],
    [{ from: shanghaiDate(30), to: shanghaiDate(36) }],
  ]);
  await w('nav-review-workspace').click();
  const rowB = w('ws-assignment').filter({ hasText: '信阳市中医院' });
  if (await rowB.count()) {
    await rowB.getByTestId('ws-declare').click();
    await w('ws-declare-reason').fill('曾为该院信息平台建设提供咨询');
    await wang.page.locator('.ant-modal-footer .ant-btn-primary').last().click();
    await rowB.waitFor({ state: 'detached', timeout: 15_000 });
    expect(
      (await wangApi.get('/api/review/assignments/mine')).body.map(
        (a: { organisationName: string }) => a.organisationName,
      ),
    ).not.toContain('信阳市中医院');
  }

  // ---- the result table of the session (文审结果汇总表), from the session page ----
  await o$.goto(`${stack.baseUrl}/review/sessions/${sessionId}`);
  const results = await workbookOf(o$, () => o('sess-results').click({ timeout: 15_000 }));
  expect(results[0]![0]).toBe('信阳市2026年第一批专家文审会文审结果汇总表');
  const lineA = results.find((r) => r[1] === '信阳市中心医院')!;
  expect([lineA[6], lineA[9]]).toEqual(['三级', expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日$/)]);

  // ---- 上报: B, reviewed for 五级乙等 (its review and on-site inspection as the HTTP tests leave them), is rated
  // in the browser and goes to the national body instead of publicity ----
  const hospital = (await coordinator.get<SchemeSummary[]>('/api/schemes')).body.find(
    (x) => x.kind === 'hospital' && cycle.schemeIds.includes(x.id),
  )!;
  const tree = (await coordinator.get<{ tree: IndicatorNode[] }>(`/api/schemes/${hospital.id}`)).body.tree;
  const full: Record<string, number> = {};
  for (const leaf of leavesUpTo(tree, '5B')) full[leaf.code] = scoreOf(leaf, fullChoice(leaf)) ?? leaf.points;
  await stack.db.query(
    "update application set state = 'rating', target_level = '5B', version = 1, consensus_scores = $2, document_review_done_at = now() where id = $1",
    [appB, JSON.stringify(full)],
  );
  await o$.goto(`${stack.baseUrl}/applications/${appB}`);
  await o('action-rate').click({ timeout: 15_000 });
  await confirmPopover(o$);
  await o('referred-banner').waitFor({ timeout: 15_000 });
  await o$.screenshot({ path: 'test-results/review-12-referred.png' }); // the top of the page: the banner
  expect((await coordinator.get(`/api/applications/${appB}`)).body.state).toBe('referred');
  expect(consoleErrors.filter((e) => !e.includes('status of 409'))).toEqual([]);
}, 600_000);
