/**
 * Journey: a coordinator logs in, opens the organisation tree, imports a CSV (first a bad one,
 * which is refused row by row, then a good one with progress) and sees the new rows.
 * Screenshots go to test-results/ as artifacts.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { launchBrowser, type Browser } from '../support/browser';
import { ROOT, startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ seed: true, worker: true });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it('coordinator: log in, open the tree, import a CSV, see the new rows', async () => {
  const { page } = browser;
  const byId = (id: string) => page.getByTestId(id);

  // a deep link without a session lands on the login page, served by the api on the same port
  await page.goto(`${stack.baseUrl}/organisations`);
  await expect(page.waitForURL('**/login**', { timeout: 15_000 })).resolves.toBeUndefined();
  await byId('login-username').fill('coordinator');
  await byId('login-password').fill('wrong-password-1');
  await byId('login-submit').click();
  await expect(byId('login-error').textContent({ timeout: 10_000 })).resolves.toContain('用户名或密码错误');
  // the styles load despite the CSP (no inline handlers): the primary button is coloured
  const bg = await byId('login-submit').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).not.toMatch(/^rgba?\(0, 0, 0(, 0)?\)$|^rgb\(239, 239, 239\)$/);
  await browser.screenshot('01-login-error');

  await byId('login-password').fill('Hutong-demo-2026');
  await byId('login-submit').click();
  await page.waitForURL('**/organisations**', { timeout: 15_000 });

  // the tree shows the jurisdiction root 信阳市; its counties load lazily
  const tree = byId('org-tree');
  await tree.locator('[data-code="411500"]').waitFor({ timeout: 15_000 });
  await expect(byId('user-jurisdiction').textContent()).resolves.toContain('信阳市');
  await tree
    .locator('[data-code="411502"]')
    .waitFor({ timeout: 15_000 })
    .catch(async () => {
      await tree.locator('[data-code="411500"]').click();
      await tree.locator('[data-code="411502"]').waitFor({ timeout: 15_000 });
    });
  await tree.locator('[data-code="411502"]').click();
  await page.locator('[data-testid="org-row"]').first().waitFor({ timeout: 15_000 });
  // one node is selected: the clicked one (the first root, selected on arrival, no longer is)
  const selected = tree.locator('.ant-tree-node-selected [data-testid="org-tree-node"]');
  await expect(selected.count()).resolves.toBe(1);
  await expect(selected.first().getAttribute('data-code')).resolves.toBe('411502');
  await page.waitForTimeout(400); // the old selection's 0.3 s fade, so the screenshot shows the end state
  await browser.screenshot('02-organisation-tree');

  // a bad file: every bad row listed, nothing written
  await byId('nav-import').click();
  await page.waitForURL('**/organisations/import**');
  const input = page.locator('[data-testid="import-upload"] input[type=file]');
  await input.setInputFiles(join(ROOT, 'test/fixtures/orgs-bad.csv'));
  await byId('import-errors').waitFor({ timeout: 15_000 });
  await expect(byId('import-errors').textContent()).resolves.toContain('共 4 行有错误，未写入任何数据');
  await expect(page.locator('[data-testid="import-error-row"]').count()).resolves.toBe(4);
  await browser.screenshot('03-import-rejected');

  // a good file: progress, then the result
  await input.setInputFiles(join(ROOT, 'test/fixtures/orgs-valid.csv'));
  await byId('import-progress').waitFor({ timeout: 15_000 });
  await expect(byId('import-result').textContent({ timeout: 30_000 })).resolves.toMatch(/新增\s*3\s*个/);
  await browser.screenshot('04-import-succeeded');

  // the new rows are in the table
  await byId('import-view-orgs').click();
  await page.waitForURL('**/organisations');
  await byId('org-descendants').click();
  await byId('org-search').fill('1241150248635019X5');
  await byId('org-search').press('Enter');
  const row = page.locator('[data-testid="org-row"][data-code="1241150248635019X5"]');
  await row.waitFor({ timeout: 15_000 });
  await expect(row.textContent()).resolves.toContain('金牛山社区卫生服务中心');
  await browser.screenshot('05-new-rows');

  const { rows } = await stack.db.query(
    "select count(*)::int as n from organisation where code in ('1241150248635019X5')",
  );
  expect(rows[0].n).toBe(1);
}, 120_000);
