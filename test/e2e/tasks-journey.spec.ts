/**
 * Journey: the coordinator bulk-issues a task to the hospitals of 浉河区 with the wizard (a text and an
 * attachments field); the applicant (信阳市中心医院, one of them) lands on its home page and sees the task
 * with its deadline, acknowledges it, tries to submit empty (the form says what is missing, nothing typed is
 * lost), answers with a PDF and submits; the coordinator's dashboard counts the response to review, the
 * coordinator accepts it from the filtered list, and the count goes back. Screenshots go to test-results/.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../support/browser';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

let stack: Stack;
let coordinator: Browser;
let applicant: Browser | undefined;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
    'trailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const TITLE = '报送院感自查报告';

beforeAll(async () => {
  stack = await startStack({ seed: true, worker: true });
  coordinator = await launchBrowser();
}, 120_000);

afterAll(async () => {
  if (consoleErrors.length) console.warn(`browser console errors:\n${consoleErrors.join('\n')}`);
  await coordinator?.screenshot('tasks-zz-last-coordinator').catch(() => undefined);
  await applicant?.screenshot('tasks-zz-last-applicant').catch(() => undefined);
  await applicant?.close();
  await coordinator?.close();
  await stack?.stop();
});

const consoleErrors: string[] = [];
function watchConsole(page: Page, who: string): void {
  page.on('console', (msg) => {
    // the login page asks who is signed in before anyone is: that 401 is expected
    if (msg.type() === 'error' && !msg.text().includes('401')) consoleErrors.push(`[${who}] ${msg.text()}`);
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

/** A Shanghai date n days from now (yyyy-MM-dd). */
function shanghaiDatePlus(n: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

it('coordinator bulk-issues to a county’s hospitals; the applicant answers with a file; the coordinator accepts', async () => {
  const cpage = coordinator.page;
  watchConsole(cpage, 'coordinator');
  const c = (id: string) => cpage.getByTestId(id);

  // ---- coordinator: lands on the dashboard, issues with the wizard ----
  await login(cpage, 'coordinator');
  await cpage.waitForURL('**/dashboard', { timeout: 15_000 });
  await c('dash-todo-review').waitFor({ timeout: 15_000 });
  // the demo seed's 信阳 circular already has answers waiting for review: the journey counts from there
  const reviewCount = async () =>
    Number(/(\d+)\s*$/.exec(((await c('dash-todo-review').textContent()) ?? '').trim())?.[1]);
  const before = await reviewCount();
  expect(Number.isInteger(before)).toBe(true);
  await c('nav-task-new').click();
  await cpage.waitForURL('**/tasks/new');
  // the regions of the jurisdiction load first, then the search narrows them
  await c('wizard-region').click();
  await cpage.locator('nz-option-item').first().waitFor({ timeout: 15_000 });
  await cpage.keyboard.type('浉河区');
  await cpage.locator('nz-option-item').filter({ hasText: '浉河区' }).first().click({ timeout: 15_000 });
  // the preview first counts the whole jurisdiction, then the chosen county: wait for 浉河区's own count
  const { rows: expected } = await stack.db.query<{ n: number }>(
    `select count(*)::int as n from organisation
      where level = 'institution' and kind = 'hospital'
        and path like (select path from organisation where code = '411502') || '%'`,
  );
  const count = expected[0]!.n;
  expect(count).toBeGreaterThan(1);
  const previewCount = async () =>
    Number(((await c('wizard-preview-count').textContent({ timeout: 15_000 })) ?? '').match(/(\d+) 个/)?.[1]);
  for (let i = 0; i < 60 && (await previewCount()) !== count; i++) await cpage.waitForTimeout(250);
  expect(await previewCount()).toBe(count);
  await expect(c('wizard-preview').textContent()).resolves.toContain('信阳市中心医院');
  await coordinator.screenshot('tasks-01-recipients');
  await c('wizard-next-1').click();

  const due = shanghaiDatePlus(5);
  await c('wizard-title').fill(TITLE);
  await c('wizard-instructions').fill('请上传自查报告并说明整改情况。');
  const dueInput = cpage.locator('[data-testid="wizard-due"] input');
  for (let i = 0; i < 3 && (await dueInput.inputValue()) !== due; i++) {
    await dueInput.click();
    await dueInput.fill(due);
    await dueInput.press('Enter');
    await cpage.waitForTimeout(300);
  }
  await expect(dueInput.inputValue()).resolves.toBe(due);
  await c('wizard-add-field').click();
  await c('wizard-field-label').nth(0).fill('整改情况');
  await c('wizard-add-field').click();
  await c('wizard-field-label').nth(1).fill('自查报告');
  await c('wizard-field-type').nth(1).click();
  await cpage.locator('nz-option-item').filter({ hasText: '附件' }).click();
  await coordinator.screenshot('tasks-02-task');
  await c('wizard-next-2').click();
  const [y, m, d] = due.split('-').map(Number);
  await expect(c('wizard-confirm-text').textContent()).resolves.toContain(
    `将向 ${count} 个机构下达任务“${TITLE}”，截止日期 ${y}年${m}月${d}日`,
  );
  await c('wizard-issue').click();
  await expect(c('wizard-done').textContent({ timeout: 30_000 })).resolves.toContain(`已向 ${count} 个机构下达任务`);
  await coordinator.screenshot('tasks-03-issued');

  // ---- applicant: home page → the task → acknowledge → answer with a file ----
  applicant = await launchBrowser();
  const apage = applicant.page;
  watchConsole(apage, 'applicant');
  const a = (id: string) => apage.getByTestId(id);
  await login(apage, 'applicant');
  await apage.waitForURL('**/home', { timeout: 15_000 });
  const row = a('home-task').filter({ hasText: TITLE });
  await row.waitFor({ timeout: 15_000 });
  await expect(row.textContent()).resolves.toContain(`${y}年${m}月${d}日`);
  await expect(row.textContent()).resolves.toMatch(/还剩\s*[45]天/);
  await applicant.screenshot('tasks-04-home');
  await row.locator('a').first().click();
  await a('task-detail').waitFor({ timeout: 15_000 });
  await a('task-acknowledge').click();
  await a('task-status').filter({ hasText: '已确认' }).first().waitFor({ timeout: 10_000 });

  // ---- coordinator: "remind now" on the waiting task; the applicant's inbox shows the reminder ----
  await cpage.goto(`${stack.baseUrl}/tasks/issued`);
  const waiting = c('issued-row').filter({ hasText: TITLE }).filter({ hasText: '信阳市中心医院' });
  await waiting.first().waitFor({ timeout: 15_000 });
  await waiting.first().locator('a').first().click();
  await c('task-remind').click();
  await cpage
    .locator('.ant-popconfirm-buttons .ant-btn-primary, .ant-popover-buttons .ant-btn-primary')
    .first()
    .click();
  const shanghaiHour = Number(
    new Intl.DateTimeFormat('en', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Asia/Shanghai' }).format(new Date()),
  );
  if (shanghaiHour >= 22 || shanghaiHour < 8) {
    // quiet hours: the reminder is refused (a 409 the browser logs), and says why
    await cpage.locator('.ant-message').filter({ hasText: '22:00' }).first().waitFor({ timeout: 10_000 });
    const refusal = consoleErrors.findIndex((e) => e.startsWith('[coordinator]') && e.includes('status of 409'));
    expect(refusal).toBeGreaterThanOrEqual(0);
    consoleErrors.splice(refusal, 1);
  } else {
    await cpage.locator('.ant-message').filter({ hasText: '已发送提醒' }).first().waitFor({ timeout: 10_000 });
    await a('notification-bell').click();
    await apage.waitForURL('**/notifications');
    const reminder = a('notification-row').filter({ hasText: `催办：${TITLE}` });
    await reminder.first().waitFor({ timeout: 15_000 });
    await applicant.screenshot('tasks-05a-inbox-reminder');
    await apage.goBack();
    await a('task-detail').waitFor({ timeout: 15_000 });
  }

  await a('answer-field_1').fill('已完成整改');
  await a('task-submit').click();
  await expect(a('problem-field_2').textContent()).resolves.toContain('自查报告');
  await expect(a('answer-field_1').inputValue()).resolves.toBe('已完成整改');
  await apage.locator('[data-testid="answer-field_2"]').setInputFiles({
    name: '自查报告.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await a('answer-file').waitFor({ timeout: 15_000 });
  await applicant.screenshot('tasks-05-answer');
  await a('task-submit').click();
  await a('task-response').waitFor({ timeout: 15_000 });
  await a('task-status').filter({ hasText: '已提交' }).first().waitFor({ timeout: 10_000 });
  await expect(a('response-file').textContent()).resolves.toContain('自查报告.pdf');
  await applicant.screenshot('tasks-06-submitted');

  // ---- coordinator: the dashboard counts the response (after the rollup refresh); accept it ----
  await c('nav-dashboard').click();
  await cpage.waitForURL('**/dashboard');
  for (let i = 0; i < 20; i++) {
    await cpage.reload();
    await c('dash-todo-review').waitFor({ timeout: 15_000 });
    if ((await reviewCount()) === before + 1) break;
    await cpage.waitForTimeout(1000);
  }
  expect(await reviewCount()).toBe(before + 1);
  await coordinator.screenshot('tasks-07-dashboard');
  await c('dash-todo-review').click();
  await cpage.waitForURL('**/tasks/issued?status=submitted');
  const issued = c('issued-row').filter({ hasText: '信阳市中心医院' });
  await issued.waitFor({ timeout: 15_000 });
  await issued.locator('a').first().click();
  await c('task-accept').click();
  await cpage
    .locator('.ant-popconfirm-buttons .ant-btn-primary, .ant-popover-buttons .ant-btn-primary')
    .first()
    .click();
  await c('task-status').filter({ hasText: '已通过' }).first().waitFor({ timeout: 10_000 });
  await coordinator.screenshot('tasks-08-accepted');

  await c('nav-dashboard').click();
  for (let i = 0; i < 20; i++) {
    await cpage.reload();
    await c('dash-todo-review').waitFor({ timeout: 15_000 });
    if ((await reviewCount()) === before) break;
    await cpage.waitForTimeout(1000);
  }
  expect(await reviewCount()).toBe(before);
  expect(consoleErrors).toEqual([]);
}, 240_000);
