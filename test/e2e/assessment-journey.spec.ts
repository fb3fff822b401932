/**
 * Journey: an applicant applies for 三级 in the demo cycle "2026年度第一批", fills the self-assessment
 * (the first items and a PDF through the UI, the rest through the page's own session), tries to submit
 * with one evidence file missing (refused with the list), completes and submits; the coordinator starts
 * the completeness check and returns it with a reason and a new deadline; the applicant sees the reason,
 * fixes the statement and resubmits; the coordinator accepts → 文件审查. Screenshots go to test-results/.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../support/browser';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';
import {
  fullChoice,
  leaves as leavesOf,
  partCodeOf,
  scoresForLevel,
  type ApplicationView,
  type SchemeView,
} from '@hutong/assessment-model';

let stack: Stack;
let applicant: Browser;
let coordinator: Browser | undefined;

/** A minimal valid PDF: the server checks the content, not the name. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const pdfFile = (name: string) => ({ name, mimeType: 'application/pdf', buffer: PDF });

beforeAll(async () => {
  stack = await startStack({ seed: true, worker: true });
  applicant = await launchBrowser();
}, 120_000);

afterAll(async () => {
  // the state of both browsers when something failed (overwritten by a passing run's last step)
  if (consoleErrors.length) console.warn(`browser console errors:\n${consoleErrors.join('\n')}`);
  await applicant?.screenshot('assessment-zz-last-applicant').catch(() => undefined);
  await coordinator?.screenshot('assessment-zz-last-coordinator').catch(() => undefined);
  await coordinator?.close();
  await applicant?.close();
  await stack?.stop();
});

/** Browser console errors, printed when the journey fails. */
const consoleErrors: string[] = [];
function watchConsole(page: Page, who: string): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`[${who}] ${msg.text()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`[${who}] ${err.message}`));
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 });
}

/** Picks an option of an nz-select by its label (exact text, or a part of it). */
async function pick(page: Page, testId: string, label: string, exact = true): Promise<void> {
  await page.getByTestId(testId).locator('.ant-select-selector').click();
  const option = page
    .locator('.ant-select-dropdown .ant-select-item-option')
    .filter({ has: page.getByText(label, { exact }) })
    .first();
  await option.waitFor({ timeout: 10_000 });
  await option.click();
}

/** Clicks OK in the open popconfirm. */
async function confirmPopover(page: Page): Promise<void> {
  const ok = page.locator('.ant-popover-buttons .ant-btn-primary').last();
  await ok.waitFor({ timeout: 10_000 });
  await ok.click();
}

async function expectState(page: Page, label: string): Promise<void> {
  await page.getByTestId('app-state').waitFor({ timeout: 15_000 });
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="app-state"]')?.textContent?.includes(text) ?? false,
    label,
    { timeout: 15_000 },
  );
}

/** Lets loading overlays and animations finish before a screenshot. */
async function settle(page: Page): Promise<void> {
  await page
    .locator('.ant-spin-blur, .ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('autosave-status').waitFor({ timeout: 15_000 });
}

function shanghaiDate(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

it('applicant submits a self-assessment with a PDF; coordinator returns it; applicant resubmits; coordinator accepts', async () => {
  const page = applicant.page;
  watchConsole(page, 'applicant');
  const byId = (id: string) => page.getByTestId(id);

  // ---- applicant: apply for 三级 in the open demo cycle ----
  await login(page, 'applicant');
  await page.waitForURL('**/home', { timeout: 15_000 });
  await byId('nav-applications').click();
  await page.waitForURL('**/applications', { timeout: 15_000 });
  await byId('apps-empty').waitFor({ timeout: 15_000 });
  await byId('app-apply').click();
  await byId('apply-form').waitFor();
  // the only open cycle and the only fitting scheme are preselected
  await page.waitForFunction(
    () => document.querySelector('[data-testid="apply-cycle"]')?.textContent?.includes('2026年度第一批') ?? false,
    undefined,
    { timeout: 15_000 },
  );
  await pick(page, 'apply-level', '三级');
  await settle(page);
  await applicant.screenshot('assessment-01-apply');
  await byId('apply-submit').click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/, { timeout: 15_000 });
  const appId = page.url().split('/').pop() as string;
  await expectState(page, '草稿');
  await byId('stage-diagram').waitFor();
  await page.locator('[data-testid="leaf"]').first().waitFor({ timeout: 15_000 });

  // the required leaves as the api describes them (the page draws one part at a time)
  const view = (await (await page.request.get(`${stack.baseUrl}/api/applications/${appId}`)).json()) as ApplicationView;
  const scheme = (await (await page.request.get(`${stack.baseUrl}/api/schemes/${view.schemeId}`)).json()) as SchemeView;
  const required = new Set(view.answers.map((a) => a.itemCode));
  const schemeLeaves = leavesOf(scheme.tree).filter((l) => required.has(l.code));
  const leaves = schemeLeaves.map((l) => ({ code: l.code, points: l.points, evidence: l.evidenceRequired }));
  expect(leaves.length).toBeGreaterThan(2);
  const withEvidence = leaves.filter((l) => l.evidence);
  expect(withEvidence.length).toBeGreaterThan(1);
  const first = leaves[0];
  const firstEvidence = withEvidence[0];
  const lastEvidence = withEvidence[withEvidence.length - 1];
  const leaf = (code: string) => page.locator(`[data-testid="leaf"][data-code="${code}"]`);

  // the first item through the UI: the printed option, a statement (autosaved) and a PDF
  await leaf(first.code).locator('[data-option="full"]').click();
  await expect(leaf(first.code).getByTestId('leaf-earned').textContent()).resolves.toContain(String(first.points));
  await leaf(first.code).getByTestId('leaf-statement').fill('已建设电子病历基本数据集，详见证明材料。');
  await waitSaved(page);
  await expect(byId('autosave-status').textContent()).resolves.toMatch(/已自动保存 \d{2}:\d{2}:\d{2}/);
  // the navigator shows one part at a time, with its progress
  await page.locator(`[data-testid="sa-part"][data-code="${partCodeOf(firstEvidence.code)}"]`).click();
  await leaf(firstEvidence.code)
    .locator('[data-testid="leaf-upload"] input[type=file]')
    .setInputFiles(pdfFile('数据集证明.pdf'));
  await leaf(firstEvidence.code).getByTestId('leaf-file').first().waitFor({ timeout: 15_000 });
  await settle(page);
  await applicant.screenshot('assessment-02-first-item-filled');

  // the rest through the page's own session: every answer, and evidence for all but the last evidence item
  const put = await page.request.put(`${stack.baseUrl}/api/applications/${appId}/answers`, {
    data: {
      answers: schemeLeaves.map((l) => ({
        itemCode: l.code,
        selfScore: null,
        choice: fullChoice(l),
        statement: l.code === first.code ? '已建设电子病历基本数据集，详见证明材料。' : `指标 ${l.code} 已按要求建设。`,
      })),
    },
  });
  expect(put.status()).toBe(200);
  for (const l of withEvidence) {
    if (l.code === firstEvidence.code || l.code === lastEvidence.code) continue;
    const res = await page.request.post(`${stack.baseUrl}/api/applications/${appId}/evidence`, {
      multipart: { itemCode: l.code, file: pdfFile(`证明材料-${l.code}.pdf`) },
    });
    expect(res.status()).toBe(201);
  }
  await page.reload();
  await page.locator('[data-testid="leaf"]').first().waitFor({ timeout: 15_000 });

  // submit with one evidence file missing: refused, the exact list shown
  await byId('app-submit').click();
  await confirmPopover(page);
  await byId('missing-list').waitFor({ timeout: 15_000 });
  const missing = page.locator('[data-testid="missing-item"]');
  await expect(missing.count()).resolves.toBe(1);
  await expect(missing.first().getAttribute('data-code')).resolves.toBe(lastEvidence.code);
  await expect(missing.first().textContent()).resolves.toContain('未上传证明材料');
  await expectState(page, '草稿');
  await settle(page);
  await applicant.screenshot('assessment-03-missing-evidence');

  // complete through the UI and submit
  await leaf(lastEvidence.code)
    .locator('[data-testid="leaf-upload"] input[type=file]')
    .setInputFiles(pdfFile('最后一项证明.pdf'));
  await leaf(lastEvidence.code).getByTestId('leaf-file').first().waitFor({ timeout: 15_000 });
  await byId('app-submit').click();
  await confirmPopover(page);
  await expectState(page, '已提交');
  await expect(byId('stage-current').textContent()).resolves.toContain('已提交');
  await settle(page);
  await applicant.screenshot('assessment-04-submitted');

  // ---- coordinator: board → application → start check → return with a reason and a new deadline ----
  coordinator = await launchBrowser();
  const cpage = coordinator.page;
  watchConsole(cpage, 'coordinator');
  const cById = (id: string) => cpage.getByTestId(id);
  await login(cpage, 'coordinator');
  await cById('nav-cycles').click();
  await cpage.waitForURL('**/cycles');
  const cycleRow = cpage.locator('[data-testid="cycle-row"][data-name="2026年度第一批"]');
  await cycleRow.waitFor({ timeout: 15_000 });
  await settle(cpage);
  await coordinator.screenshot('assessment-05-cycles');
  // the create drawer validates inline and keeps what was typed
  await cById('cycle-create').click();
  await cById('cycle-form-name').fill('2026年度第二批');
  await cById('cycle-form-submit').click();
  await cpage.locator('.ant-form-item-explain-error').first().waitFor({ timeout: 10_000 });
  await expect(cpage.locator('.ant-form-item-explain-error').first().textContent()).resolves.toContain(
    '请选择起止日期',
  );
  await expect(cById('cycle-form-name').inputValue()).resolves.toBe('2026年度第二批');
  await settle(cpage);
  await coordinator.screenshot('assessment-05b-cycle-form-invalid');
  // closing it with typed input asks first: keep editing, or discard and close
  await cpage.locator('.ant-drawer-footer button').first().click();
  const discard = cpage.locator('.ant-modal-confirm');
  await expect(discard.locator('.ant-modal-confirm-title').textContent()).resolves.toContain('放弃未保存的内容');
  await settle(cpage);
  await coordinator.screenshot('assessment-05c-cycle-form-discard');
  await discard.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await discard.waitFor({ state: 'detached', timeout: 10_000 });
  await cycleRow.getByTestId('cycle-open').click();
  await cpage.waitForURL(/\/cycles\/[0-9a-f-]{36}$/);
  const boardRow = cpage.locator('[data-testid="board-row"][data-state="submitted"]');
  await boardRow.waitFor({ timeout: 15_000 });
  await settle(cpage);
  await coordinator.screenshot('assessment-06-board');
  await boardRow.getByTestId('board-open').click();
  await cpage.waitForURL(`**/applications/${appId}`);
  await cById('action-start_check').click();
  await confirmPopover(cpage);
  await expectState(cpage, '完整性审核');

  const reason = '证明材料缺少盖章页，请补充。';
  const deadline = shanghaiDate(10);
  await cById('action-return').click();
  await cById('return-modal').waitFor();
  await pick(cpage, 'return-item', first.code, false);
  await cById('return-reason-input').fill(reason);
  const deadlineInput = cpage.locator('[data-testid="return-deadline"] input');
  await deadlineInput.click();
  await deadlineInput.fill(deadline);
  await deadlineInput.press('Enter');
  await settle(cpage);
  await coordinator.screenshot('assessment-07-return-modal');
  await cpage.locator('.ant-modal-footer .ant-btn-primary').click();
  await expectState(cpage, '退回补充');
  await settle(cpage);
  await coordinator.screenshot('assessment-08-returned');

  // ---- applicant: sees the reason and the new deadline, fixes the statement, resubmits ----
  await page.reload();
  await byId('return-banner').waitFor({ timeout: 15_000 });
  const [y, m, d] = deadline.split('-').map(Number);
  await expect(byId('return-banner').textContent()).resolves.toContain(`${y}年${m}月${d}日`);
  await expect(leaf(first.code).getByTestId('leaf-return-reason').textContent()).resolves.toContain(reason);
  await settle(page);
  await applicant.screenshot('assessment-09-reason-shown');
  await leaf(first.code).getByTestId('leaf-statement').fill('已建设电子病历基本数据集，已补充盖章页。');
  await waitSaved(page);
  await byId('app-submit').click();
  await confirmPopover(page);
  await expectState(page, '已提交');
  await settle(page);
  await applicant.screenshot('assessment-10-resubmitted');

  // ---- coordinator: start check and accept → 标准符合性测试 → (passed) 文件审查 ----
  await cpage.reload();
  await cById('action-start_check').waitFor({ timeout: 15_000 });
  await cById('action-start_check').click();
  await confirmPopover(cpage);
  await expectState(cpage, '完整性审核');
  await cById('action-accept').click();
  await confirmPopover(cpage);
  await expectState(cpage, '标准符合性测试');
  // finish_conformance waits for the result: the button shows once it is recorded
  await cById('conformance-form').waitFor({ timeout: 15_000 });
  await expect(cById('action-finish_conformance').count()).resolves.toBe(0);
  await cById('conformance-items').locator('input').fill('120');
  await cById('conformance-failed').locator('input').fill('0');
  await cById('conformance-note').fill('定量测试报告已归档');
  await settle(cpage);
  await coordinator.screenshot('assessment-11a-conformance-form');
  await cById('conformance-save').click();
  await cById('fact-conformance').waitFor({ timeout: 15_000 });
  await expect(cById('fact-conformance').textContent()).resolves.toContain('测试 120 项，不通过 0 项');
  await cById('action-finish_conformance').click();
  await expect(cpage.locator('.ant-popover-message').last().textContent()).resolves.toContain('进入专家文审');
  await confirmPopover(cpage);
  await expectState(cpage, '文件审查');
  await expect(cById('stage-current').textContent()).resolves.toContain('文件审查');
  await settle(cpage);
  await coordinator.screenshot('assessment-11-accepted');

  // the versions tab shows both submissions and what changed between them
  await cpage.locator('.ant-tabs-tab').filter({ hasText: '版本' }).click();
  await cpage.locator('[data-testid="version-row"]').nth(1).waitFor({ timeout: 15_000 });
  await cById('diff-compare').click();
  const change = cpage.locator(`[data-testid="diff-row"][data-code="${first.code}"]`).first();
  await change.waitFor({ timeout: 45_000 }); // the diff of two full versions is slow beside the other tier
  await expect(change.textContent()).resolves.toContain('已补充盖章页');
  await settle(cpage);
  await coordinator.screenshot('assessment-12-versions-diff');

  await cpage.locator('.ant-tabs-tab').filter({ hasText: '历史' }).click();
  await cpage.locator('[data-testid="history-row"]').first().waitFor({ timeout: 15_000 });
  await settle(cpage);
  await coordinator.screenshot('assessment-13-history');

  // every step is audited: create, submit, start_check, return, resubmit, start_check, accept, the test's result
  const { rows } = await stack.db.query(
    "select action from audit_entry where entity_id = $1 and action like 'application.%' order by at",
    [appId],
  );
  const actions = rows.map((r: { action: string }) => r.action);
  for (const a of [
    'create',
    'submit',
    'start_check',
    'return',
    'resubmit',
    'accept',
    'conformance',
    'finish_conformance',
  ]) {
    expect(actions).toContain(`application.${a}`);
  }
}, 240_000);

it('admin edits a scheme in use: saving makes a new version', async () => {
  const admin = await launchBrowser();
  try {
    const page = admin.page;
    watchConsole(page, 'admin');
    await login(page, 'admin');
    await page.getByTestId('nav-schemes').click();
    const row = page.locator('[data-testid="scheme-row"][data-key="hospital-2020"]').first();
    await row.waitFor({ timeout: 15_000 });
    await settle(page);
    await admin.screenshot('assessment-14-schemes');
    await row.click();
    await page.waitForURL('**/schemes/**', { timeout: 15_000 });
    // the official scheme's 282 indicators and its editor take a while to render beside the other suites
    await page.getByTestId('scheme-in-use').waitFor({ timeout: 60_000 });
    // the editor opens a part at a time; a part whose indicators no longer add up to its points is refused
    await page.locator('[data-testid="scheme-node"][data-code="2.1"] [data-testid="scheme-toggle"]').click();
    const points = page.locator('[data-testid="scheme-node"][data-code="2.1.1.1"] [data-testid="scheme-points"] input');
    await points.fill('1');
    await points.press('Tab');
    await page.getByTestId('scheme-problems').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('scheme-problems').textContent()).resolves.toContain('下级合计为 15.81：不相符');
    await expect(page.getByTestId('scheme-save').isDisabled()).resolves.toBe(true);
    await page.getByTestId('scheme-reset').click();
    await page.getByTestId('scheme-problems').waitFor({ state: 'detached', timeout: 10_000 });
    // 表8-2: 2.2's minimum for 五级甲等 from 15 to 14.5 — the 等级分 row follows
    const minimum = page.locator(
      '[data-testid="scheme-rule"][data-part="2.2"] [data-testid="scheme-minimum"][data-level="5A"] input',
    );
    await minimum.fill('14.5');
    await minimum.press('Tab');
    await expect(page.locator('[data-testid="scheme-level-total"][data-level="5A"]').textContent()).resolves.toContain(
      '94.5',
    );
    await page.getByTestId('scheme-save').click();
    await page.locator('.ant-message').filter({ hasText: '已生成新版本 v2' }).waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('scheme-version').textContent()).resolves.toContain('v2');
    await settle(page);
    await admin.screenshot('assessment-15-scheme-new-version');

    // the scheme setting of whether a missed target level may be awarded as the lower one
    const allowLower = page.getByTestId('scheme-allow-lower').locator('input');
    await expect(allowLower.isChecked()).resolves.toBe(true);
    const lowerAllowed = async () =>
      (
        await stack.db.query<{ allow: boolean }>(
          "select allow_lower_level as allow from scheme where key = 'hospital-2020' order by version desc limit 1",
        )
      ).rows[0]?.allow;
    for (const want of [false, true]) {
      await page.getByTestId('scheme-allow-lower').click();
      await page.getByTestId('scheme-save').click();
      await page.locator('.ant-message').filter({ hasText: '已保存' }).last().waitFor({ timeout: 15_000 });
      for (let i = 0; i < 100 && (await lowerAllowed()) !== want; i++) await page.waitForTimeout(100);
      expect(await lowerAllowed()).toBe(want);
      if (!want) {
        await page.reload();
        // the official scheme's page (282 indicators) renders slowly beside the other suites, as on first open
        await page.getByTestId('scheme-allow-lower').waitFor({ timeout: 60_000 });
        await expect(allowLower.isChecked()).resolves.toBe(false);
        await settle(page);
        await admin.screenshot('assessment-15b-scheme-lower-level-setting');
      }
    }
  } finally {
    await admin.close();
  }
}, 120_000);

it('coordinator rates from consensus scores, sees the derived level, and handles an objection during publicity', async () => {
  const { rows } = await stack.db.query<{ id: string }>("select id from application where state = 'document_review'");
  expect(rows).toHaveLength(1);
  const appId = rows[0].id;
  const browser = await launchBrowser();
  try {
    const page = browser.page;
    watchConsole(page, 'coordinator-rating');
    const byId = (id: string) => page.getByTestId(id);
    await login(page, 'coordinator');
    await page.goto(`${stack.baseUrl}/applications/${appId}`);
    // the document review is consolidated first (文审结果汇总): to_rating waits for it
    await byId('document-review-form').waitFor({ timeout: 15_000 });
    await expect(byId('action-to_rating').count()).resolves.toBe(0);
    await byId('document-review-opinion').fill('材料齐全，同意进入等级评定');
    await byId('document-review-save').click();
    await byId('fact-document-review').waitFor({ timeout: 15_000 });
    await settle(page);
    await browser.screenshot('assessment-15c-document-review-consolidated');
    await byId('action-to_rating').click();
    await confirmPopover(page);
    await expectState(page, '等级评定');

    // consensus scores: full points; the first items typed in the table, the rest of the official scheme's
    // indicators through the page's own session
    const rest = await page.request.put(`${stack.baseUrl}/api/applications/${appId}/consensus-scores`, {
      data: {
        scores: Object.fromEntries(
          (
            (await (await page.request.get(`${stack.baseUrl}/api/applications/${appId}`)).json()) as ApplicationView
          ).answers.map((a) => [a.itemCode, a.selfScore ?? 0]),
        ),
      },
    });
    expect(rest.status()).toBe(200);
    await page.reload();
    await page.locator('.ant-tabs-tab').filter({ hasText: '等级评定' }).click();
    const scoreRows = page.locator('[data-testid="consensus-row"]');
    await scoreRows.first().waitFor({ timeout: 15_000 });
    const n = await scoreRows.count();
    expect(n).toBeGreaterThan(5);
    for (let i = 0; i < 3; i++) {
      const row = scoreRows.nth(i);
      const points = (await row.locator('td').nth(2).textContent())?.trim() ?? '0';
      const input = row.getByTestId('consensus-input').locator('input');
      await input.fill(points);
      await input.press('Tab');
    }
    await byId('consensus-save').click();
    await page.locator('.ant-message').filter({ hasText: /保存/ }).first().waitFor({ timeout: 15_000 });
    await byId('action-rate').click();
    await confirmPopover(page);
    await expectState(page, '公示中');
    await page.locator('.ant-tabs-tab').filter({ hasText: '等级评定' }).click();
    await expect(byId('result-explanation').textContent({ timeout: 15_000 })).resolves.toContain('三级');
    await settle(page);
    await browser.screenshot('assessment-16-rated');

    // another hospital the cycle covers objects on the 结果公示 page (it cannot open the application)
    const admin = await stack.login('admin');
    const { rows: others } = await stack.db.query<{ id: string }>(
      "select id from organisation where kind = 'hospital' and id <> (select organisation_id from application where id = $1) and path like (select path from organisation where code = '411500') || '%' order by code limit 1",
      [appId],
    );
    const created = await admin.post('/api/users', {
      username: 'other-hospital',
      displayName: '另一家医院联系人',
      role: 'applicant',
      password: 'Second-clinic-2026',
      organisationId: others[0].id,
    });
    expect(created.status).toBe(201);
    const objector = await launchBrowser();
    try {
      const op = objector.page;
      watchConsole(op, 'other-hospital');
      await op.goto(`${stack.baseUrl}/login`);
      await op.getByTestId('login-username').fill('other-hospital');
      await op.getByTestId('login-password').fill('Second-clinic-2026');
      await op.getByTestId('login-submit').click();
      await op.getByTestId('nav-publicity').click();
      const row = op.locator('[data-testid="publicity-row"]').first();
      await row.waitFor({ timeout: 15_000 });
      await expect(row.textContent()).resolves.toContain('信阳市中心医院');
      await settle(op);
      await objector.screenshot('assessment-16b-publicity-list');
      await row.getByTestId('publicity-object').click();
      // the reason dialog says what will happen and refuses a blank reason
      await op.getByTestId('publicity-reason').waitFor({ timeout: 10_000 });
      await op.locator('.ant-modal-footer .ant-btn-primary').last().click();
      // the inline error is drawn after the click is handled: wait for its text, not for the first paint
      await op.getByTestId('reason-invalid').filter({ hasText: '请填写原因' }).waitFor({ timeout: 10_000 });
      await op.getByTestId('publicity-reason').fill('该院数据上传曾中断两周，请核实');
      await settle(op);
      await objector.screenshot('assessment-16c-objection-reason');
      await op.locator('.ant-modal-footer .ant-btn-primary').last().click();
      await op.locator('.ant-message').filter({ hasText: '异议已提交' }).first().waitFor({ timeout: 15_000 });
    } finally {
      await objector.close();
    }
    await page.reload();
    await expectState(page, '异议处理');
    await page.locator('.ant-tabs-tab').filter({ hasText: '异议' }).click();
    await byId('objection-resolve').click();
    await byId('resolve-text').fill('经核查，中断已于测评前恢复，异议不成立');
    await page.locator('.ant-modal-footer .ant-btn-primary').last().click();
    await expectState(page, '公示中');
    await page.locator('.ant-tabs-tab').filter({ hasText: '异议' }).click();
    await page.locator('[data-testid="objection-row"]').first().waitFor({ timeout: 15_000 });
    await settle(page);
    await browser.screenshot('assessment-17-objection-resolved');

    // the objector sees the handling of its own objection on the 结果公示 page
    const again = await launchBrowser();
    try {
      const op = again.page;
      await op.goto(`${stack.baseUrl}/login`);
      await op.getByTestId('login-username').fill('other-hospital');
      await op.getByTestId('login-password').fill('Second-clinic-2026');
      await op.getByTestId('login-submit').click();
      await op.getByTestId('nav-publicity').click();
      const outcome = op.getByTestId('my-objection-outcome').first();
      await outcome.waitFor({ timeout: 15_000 });
      await expect(outcome.textContent()).resolves.toContain('异议不成立');
      await settle(op);
      await again.screenshot('assessment-18-my-objection-outcome');
    } finally {
      await again.close();
    }

    const { rows: audit } = await stack.db.query<{ action: string }>(
      "select action from audit_entry where entity_id = $1 and action in ('application.rate', 'application.file_objection', 'application.resolve_objection')",
      [appId],
    );
    expect(audit.map((r) => r.action).sort()).toEqual([
      'application.file_objection',
      'application.rate',
      'application.resolve_objection',
    ]);
  } finally {
    await browser.close();
  }
}, 180_000);

it('coordinator edits, closes and archives a cycle; a missed target level is an explicit warning decision', async () => {
  const coord = await stack.login('coordinator');
  const me = (await coord.get('/api/auth/me')).body;
  const schemes = (await coord.get('/api/schemes')).body as { id: string; key: string; version: number }[];
  const hospital = schemes.filter((x) => x.key === 'hospital-2020').sort((a, b) => a.version - b.version)[0];
  const created = await coord.post('/api/cycles', {
    name: '2031年度第一批',
    year: 2031,
    batch: 1,
    jurisdictionId: me.jurisdiction.id,
    schemeIds: [hospital.id],
    eligibleKinds: ['hospital'],
    windows: [
      { key: 'application', start: '2031-01-01', end: '2031-03-31' },
      { key: 'documentReview', start: '2031-04-01', end: '2031-05-31' },
      { key: 'onsite', start: '2031-06-01', end: '2031-07-31' },
      { key: 'results', start: '2031-08-01', end: '2031-09-30' },
    ],
  });
  expect(created.status).toBe(201);

  // an application of another hospital that reaches only 三级 for a 四级乙等 target, in rating
  const other = await stack.login('other-hospital', 'Second-clinic-2026');
  const om = (await other.get('/api/auth/me')).body;
  const demo = ((await other.get('/api/cycles')).body as { id: string; name: string }[]).find(
    (c) => c.name === '2026年度第一批',
  )!;
  const app = await other.post('/api/applications', {
    cycleId: demo.id,
    organisationId: om.organisation.id,
    schemeId: hospital.id,
    targetLevel: '4B',
  });
  expect(app.status).toBe(201);
  await stack.db.query("update application set state = 'rating' where id = $1", [app.body.id]);
  const full = (await coord.get(`/api/schemes/${hospital.id}`)).body as SchemeView;
  // a platform at exactly 三级 (the official rule: every part at its 三级 minimum, short of 四级乙等)
  const inScope = new Set(
    ((await coord.get(`/api/applications/${app.body.id}`)).body as ApplicationView).answers.map((a) => a.itemCode),
  );
  const scores = Object.fromEntries(
    Object.entries(scoresForLevel(full.tree, full.levelRules, '3')).filter(([code]) => inScope.has(code)),
  );
  expect((await coord.put(`/api/applications/${app.body.id}/consensus-scores`, { scores })).status).toBe(200);

  const browser = await launchBrowser();
  try {
    const page = browser.page;
    watchConsole(page, 'coordinator-cycles');
    const byId = (id: string) => page.getByTestId(id);
    await login(page, 'coordinator');
    await byId('nav-cycles').click();
    const row = page.locator('[data-testid="cycle-row"][data-name="2031年度第一批"]');
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('cycle-edit').click();
    // the drawer stays in the page between uses: wait for the edit title rather than read a stale one
    await page.locator('.ant-drawer-title', { hasText: '编辑测评批次' }).waitFor({ timeout: 15_000 });
    await byId('cycle-form-name').fill('2031年度第一批（调整）');
    await settle(page);
    await browser.screenshot('assessment-19-cycle-edit');
    await byId('cycle-form-submit').click();
    const edited = page.locator('[data-testid="cycle-row"][data-name="2031年度第一批（调整）"]');
    await edited.waitFor({ timeout: 15_000 });
    await edited.getByTestId('cycle-close').click();
    await expect(page.locator('.ant-popover-message').last().textContent()).resolves.toContain('不再接受新的申请');
    await settle(page);
    await browser.screenshot('assessment-20-cycle-close-confirm');
    await confirmPopover(page);
    await edited.locator('[data-testid="cycle-status"][data-status="closed"]').waitFor({ timeout: 15_000 });
    await edited.getByTestId('cycle-archive').click();
    await confirmPopover(page);
    await edited.waitFor({ state: 'detached', timeout: 15_000 });
    await byId('cycles-show-archived').click();
    await page
      .locator('[data-testid="cycle-row"][data-name="2031年度第一批（调整）"] [data-status="archived"]')
      .waitFor({ timeout: 15_000 });
    await settle(page);
    await browser.screenshot('assessment-21-cycles-archived');

    await page.goto(`${stack.baseUrl}/applications/${app.body.id}`);
    const decision = byId('lower-level-decision');
    await decision.waitFor({ timeout: 15_000 });
    await expect(page.locator('[data-testid="lower-level-decision"] .ant-alert-warning').count()).resolves.toBe(1);
    await expect(byId('action-rate').count()).resolves.toBe(0);
    await settle(page);
    await browser.screenshot('assessment-22-lower-level-decision');
    await byId('rate-award-lower').click();
    await confirmPopover(page);
    await expectState(page, '公示中');
    await expect(byId('app-achieved').textContent()).resolves.toContain('低于申报等级');
    await page.locator('.ant-tabs-tab').filter({ hasText: '等级评定' }).click();
    await page.locator('[data-testid="result-explanation"] .ant-alert-warning').waitFor({ timeout: 15_000 });
    await settle(page);
    await browser.screenshot('assessment-23-lower-level-awarded');
  } finally {
    await browser.close();
  }
}, 180_000);

it('the national body confirms a referred 五级乙等 rating, publishes it, records a failed spot check and revokes the level', async () => {
  // the other hospital's rated application, as a rating of 五级乙等 referred to the national body (上报)
  const { rows } = await stack.db.query<{ id: string }>(
    "select a.id from application a where a.organisation_id = (select organisation_id from app_user where username = 'other-hospital') limit 1",
  );
  const id = rows[0].id;
  await stack.db.query(
    "update application set state = 'referred', target_level = '5B', achieved_level = '5B', publicity_ends_at = null where id = $1",
    [id],
  );
  const browser = await launchBrowser();
  try {
    const page = browser.page;
    watchConsole(page, 'national');
    const byId = (testId: string) => page.getByTestId(testId);
    await login(page, 'national');
    await page.goto(`${stack.baseUrl}/applications/${id}`);
    await expectState(page, '已上报国家级');
    await byId('referred-banner').waitFor({ timeout: 15_000 });
    await byId('action-national_reject').waitFor({ timeout: 15_000 });
    await byId('action-national_confirm').click();
    await expect(page.locator('.ant-popover-message').last().textContent()).resolves.toContain('进入公示');
    await settle(page);
    await browser.screenshot('assessment-24-national-confirm');
    await confirmPopover(page);
    await expectState(page, '公示中');

    // the publicity period over: the national body publishes (a coordinator may not, for 五级乙等)
    await stack.db.query("update application set publicity_ends_at = now() - interval '1 day' where id = $1", [id]);
    const coord = await stack.login('coordinator');
    const refused = await coord.post(`/api/applications/${id}/transitions`, { action: 'publish' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'application.publish_national_only' });
    await page.reload();
    await byId('action-publish').click();
    await confirmPopover(page);
    await expectState(page, '已公布');

    // 飞行检查: recorded on the published result, then the level revoked with a reason
    await byId('spot-check-form').waitFor({ timeout: 15_000 });
    const date = page.locator('[data-testid="spot-check-date"] input');
    await date.click();
    await date.fill(shanghaiDate(0));
    await date.press('Enter');
    await pick(page, 'spot-check-passed', '不通过');
    await byId('spot-check-note').fill('数据上传中断，与评定情况不符');
    await byId('spot-check-save').click();
    await page.locator('[data-testid="fact-spot-check"][data-passed="false"]').waitFor({ timeout: 15_000 });
    await settle(page);
    await browser.screenshot('assessment-25-spot-check');
    await byId('action-revoke').click();
    await byId('decision-reason').waitFor({ timeout: 10_000 });
    await byId('decision-reason').fill('飞行检查未通过');
    await page.locator('.ant-modal-footer .ant-btn-primary').last().click();
    await expectState(page, '未通过');
    await page.locator('.ant-tabs-tab').filter({ hasText: '等级评定' }).click();
    await expect(byId('result-explanation').textContent({ timeout: 15_000 })).resolves.toContain(
      '飞行检查未通过，取消评定等级',
    );
    await settle(page);
    await browser.screenshot('assessment-26-revoked');
  } finally {
    await browser.close();
  }
}, 120_000);
