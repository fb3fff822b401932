/**
 * Journey (the monitoring's acceptance): the coordinator of 信阳市 imports a quarter's daily statistics for its
 * connected institutions (a wide CSV built here, with gaps), opens the dashboard for that quarter, generates a
 * bulletin with a requirement, edits a paragraph's wording (a changed figure is refused inline), saves and
 * publishes it, downloads the DOCX and the XLSX through the page's links (opened here: the title and the
 * institutions are in them), and opens rectification tasks for the institution not connected (the last of 信阳's
 * by code, in the demo seed). That hospital's user sees the task in 我的任务 and its own figures in 我的监测数据.
 * Screenshots go to test-results/monitoring-*.png.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { readZipDirectory } from '@hutong/platform-model';
import { launchBrowser, type Browser } from '../support/browser';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

let stack: Stack;
let coordinator: Browser;
let hospital: Browser | undefined;

const RECTIFY_TITLE = '报送未联通原因及整改计划';

beforeAll(async () => {
  stack = await startStack({ seed: true, worker: true });
  coordinator = await launchBrowser();
}, 120_000);

afterAll(async () => {
  if (consoleErrors.length) console.warn(`browser console errors:\n${consoleErrors.join('\n')}`);
  await coordinator?.screenshot('monitoring-zz-last-coordinator').catch(() => undefined);
  await hospital?.screenshot('monitoring-zz-last-hospital').catch(() => undefined);
  await hospital?.close();
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
function shanghaiDate(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

const addDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The last full quarter before today (Asia/Shanghai). */
function lastQuarter(today: string): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // 0…3, this quarter
  const [fy, fq] = q === 0 ? [y - 1, 3] : [y, q - 1];
  const from = `${fy}-${String(fq * 3 + 1).padStart(2, '0')}-01`;
  const next = fq === 3 ? `${fy + 1}-01-01` : `${fy}-${String(fq * 3 + 4).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** Fills a zorro date picker by typing (a few tries: the overlay may swallow the first). */
async function pickDate(page: Page, testId: string, date: string): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"] input`);
  for (let i = 0; i < 3 && (await input.inputValue()) !== date; i++) {
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    await page.waitForTimeout(300);
  }
  await expect(input.inputValue()).resolves.toBe(date);
}

async function confirmModal(page: Page): Promise<string> {
  const modal = page.locator('.ant-modal-confirm').last();
  await modal.waitFor({ timeout: 10_000 });
  const text = (await modal.textContent()) ?? '';
  await modal.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
  await modal.waitFor({ state: 'detached', timeout: 15_000 });
  return text;
}

/** Downloads what clicking the link starts; its bytes. */
async function download(page: Page, testId: string): Promise<Buffer> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId(testId).click()]);
  return readFileSync(await d.path());
}

/** One part of a DOCX (a zip), as text. */
function docxPart(docx: Buffer, name: string): string {
  const entry = readZipDirectory(docx)?.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in the DOCX`);
  const local = entry.localHeaderOffset;
  const start = local + 30 + docx.readUInt16LE(local + 26) + docx.readUInt16LE(local + 28);
  const raw = docx.subarray(start, start + entry.compressedSize);
  return (entry.method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
}
/** document.xml's text (the runs joined, tags dropped). */
const docxText = (xml: string) => xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');

interface Institution {
  id: string;
  code: string;
  name: string;
  status: string;
}

it('the coordinator imports a quarter, generates, publishes and acts on a bulletin; the hospital sees its task', async () => {
  const started = Date.now();
  const page = coordinator.page;
  watchConsole(page, 'coordinator');
  const c = (id: string) => page.getByTestId(id);

  // ---- the statistics file: every connected institution of 信阳市, the last full quarter, some gaps ----
  const today = shanghaiDate();
  const period = lastQuarter(today);
  const { rows: xy } = await stack.db.query<{ id: string; path: string }>(
    `select id, path from organisation where code = '411500'`,
  );
  const xinyang = xy[0]!;
  const { rows: institutions } = await stack.db.query<Institution>(
    `select o.id, o.code, o.name, c.status from organisation o
       left join mon_connection c on c.organisation_id = o.id
      where o.path like $1 and o.kind in ('hospital', 'regional_platform')
      order by o.code`,
    [`${xinyang.path}%`],
  );
  expect(institutions.length).toBe(38);
  const notConnected = institutions[institutions.length - 1]!;
  expect(notConnected.status).toBe('not_connected');
  const connected = institutions.filter((i) => i.status !== 'not_connected');
  // the example 51 tables 信阳市 requires (the seeded catalogue)
  const { rows: catalogue } = await stack.db.query<{ tables: { code: string }[] }>(
    `select tables from mon_catalogue where key = 'example-51' order by version desc limit 1`,
  );
  const codes = catalogue[0]!.tables.map((t) => t.code);
  expect(codes.length).toBe(51);
  const columns = codes.slice(0, 36);
  for (const must of ['TB_MZ_JZMXB', 'TB_ZY_CYDJMXB']) if (!columns.includes(must)) columns[columns.length - 1] = must;
  const lines = [['机构编码', '业务日期', '上传日期', ...columns].join(',')];
  const days: string[] = [];
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) days.push(d);
  connected.forEach((inst, i) => {
    if (i === connected.length - 1) return; // one connected institution uploads nothing: tier 4
    // tiers: most upload ≥ 31 of the 51 tables (tier 1), some 21–30 (tier 2), a few fewer (tier 3)
    const tables = i % 7 === 3 ? 24 : i % 9 === 5 ? 12 : columns.length;
    days.forEach((d, k) => {
      if (i % 6 === 2 && k >= 20 && k < 23) return; // a three-day gap: interruptions
      const cells = columns.map((code, j) =>
        j < tables || code === 'TB_MZ_JZMXB' ? String(20 + ((i + j + k) % 30)) : '',
      );
      lines.push([inst.code, d, addDays(d, 1) > today ? d : addDays(d, 1), ...cells].join(','));
    });
  });
  const csv = Buffer.from(`${lines.join('\n')}\n`, 'utf8');

  // ---- the coordinator imports it and waits for the worker ----
  await login(page, 'coordinator');
  await page.waitForURL('**/dashboard', { timeout: 15_000 });
  await c('nav-monitoring-imports').click();
  await page.waitForURL('**/monitoring/imports');
  await page.locator('[data-testid="imp-upload"] input[type="file"]').setInputFiles({
    name: `信阳市${period.from}统计.csv`,
    mimeType: 'text/csv',
    buffer: csv,
  });
  await c('imp-progress').waitFor({ timeout: 30_000 });
  await coordinator.screenshot('monitoring-01-import-progress');
  await c('imp-current').filter({ hasText: '已完成' }).waitFor({ timeout: 90_000 });
  await coordinator.screenshot('monitoring-02-import-done');

  // ---- the dashboard for 信阳市 and that quarter ----
  await page.goto(`${stack.baseUrl}/monitoring?scope=${xinyang.id}&from=${period.from}&to=${period.to}`);
  await c('mon-scope-line').filter({ hasText: '信阳市' }).waitFor({ timeout: 20_000 });
  await expect(c('mon-card-institutions').textContent()).resolves.toContain('38');
  await expect(c('mon-card-connected').textContent()).resolves.toContain('37');
  await page.locator('[data-testid="mon-tiers"] svg').first().waitFor({ timeout: 15_000 });
  await coordinator.screenshot('monitoring-03-overview');

  // ---- generate a bulletin for the quarter, with a requirement ----
  await c('nav-monitoring-bulletins').click();
  await page.waitForURL('**/monitoring/bulletins');
  await c('bulletins-empty').waitFor({ timeout: 15_000 });
  await c('bulletin-new').click();
  // the overview's scope and period carry over
  await c('bulletin-form').filter({ hasText: '信阳市' }).waitFor({ timeout: 15_000 });
  await expect(page.locator('[data-testid="mon-period-range"] input').first().inputValue()).resolves.toBe(period.from);
  const due = shanghaiDate(10);
  await c('bulletin-requirement-text').fill('请未联通机构报送未联通原因及整改计划');
  await pickDate(page, 'bulletin-requirement-due', due);
  await coordinator.screenshot('monitoring-04-generate');
  await c('bulletin-generate').click();
  await page.waitForURL(/\/monitoring\/bulletins\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const bulletinUrl = page.url();
  await c('bulletin-preview-0').waitFor({ timeout: 15_000 });
  const first = (await c('bulletin-preview-0').textContent()) ?? '';
  expect(first).toContain('信阳市纳入监测的医疗机构共38家');
  expect(first).toContain('已联通37家');
  expect(first).toContain(`未联通1家：${notConnected.name}`);
  await expect(c('bulletin-status').textContent()).resolves.toContain('草稿');
  await expect(c('bulletin-table-row').count()).resolves.toBe(38);
  await page.locator('[data-testid="bulletin-tiers"] svg').first().waitFor({ timeout: 15_000 });
  await coordinator.screenshot('monitoring-05-bulletin-draft');

  // a changed figure is marked inline and cannot be saved; the wording may change
  const p0 = c('bulletin-paragraph-0');
  const generated = await p0.inputValue();
  await p0.fill(generated.replace('已联通37家', '已联通36家'));
  await c('bulletin-paragraph-figures-0').waitFor({ timeout: 5_000 });
  await expect(c('bulletin-paragraph-figures-0').textContent()).resolves.toContain('36');
  await expect(c('bulletin-save').isDisabled()).resolves.toBe(true);
  await coordinator.screenshot('monitoring-06-figure-refused');
  const reworded = generated.replace('纳入监测的医疗机构共', '纳入本次监测的医疗机构共');
  await p0.fill(reworded);
  await c('bulletin-paragraph-figures-0').waitFor({ state: 'detached', timeout: 5_000 });
  await expect(c('bulletin-preview-0').textContent()).resolves.toContain('纳入本次监测的医疗机构共38家');
  const title = `${(await c('bulletin-title').inputValue()).trim()}（测试）`;
  await c('bulletin-title').fill(title);
  await expect(c('bulletin-preview-title').textContent()).resolves.toContain(title);
  await c('bulletin-save').click();
  await c('bulletin-unsaved').waitFor({ state: 'detached', timeout: 15_000 });
  await expect(c('bulletin-save').isDisabled()).resolves.toBe(true);

  // ---- publish ----
  await c('bulletin-publish').click();
  const publishText = await confirmModal(page);
  expect(publishText).toContain('不可再修改');
  expect(publishText).toContain('新版本');
  await c('bulletin-status').filter({ hasText: '已发布' }).waitFor({ timeout: 15_000 });
  await expect(c('bulletin-save').count()).resolves.toBe(0);
  await coordinator.screenshot('monitoring-07-published');

  // ---- the documents, through the page's links ----
  const docx = await download(page, 'bulletin-docx');
  const text = docxText(docxPart(docx, 'word/document.xml'));
  expect(text).toContain(title);
  expect(text).toContain('纳入本次监测的医疗机构共38家');
  expect(text).toContain(notConnected.name);
  expect(text).toContain(connected[0]!.name);
  const xlsx = await download(page, 'bulletin-xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('附件');
  expect(sheet).toBeDefined();
  const cells: string[] = [];
  sheet!.eachRow((row) => cells.push((row.values as unknown[]).map((v) => (v == null ? '' : String(v))).join('|')));
  const named = cells.filter((r) => institutions.some((i) => r.includes(i.name)));
  expect(named.length).toBe(38);
  expect(cells.join('\n')).toContain(notConnected.name);

  // ---- rectification tasks for the institution not connected ----
  await c('rectify-panel').waitFor({ timeout: 10_000 });
  await expect(c('rectify-title').inputValue()).resolves.toBe(RECTIFY_TITLE);
  await expect(c('rectify-instructions').inputValue()).resolves.toBe('请说明未联通原因、下一步工作计划及预计完成时间');
  await pickDate(page, 'rectify-due', shanghaiDate(14));
  await c('rectify-open').click();
  const rectifyText = await confirmModal(page);
  expect(rectifyText).toContain('将向1家机构');
  await expect(c('rectify-result').textContent({ timeout: 15_000 })).resolves.toContain('已向1家机构下发整改任务');
  await coordinator.screenshot('monitoring-08-rectification');
  await c('nav-monitoring-bulletins').click();
  const listed = c('bulletin-row').filter({ hasText: title });
  await listed.waitFor({ timeout: 15_000 });
  await expect(listed.textContent()).resolves.toContain('已发布');
  await coordinator.screenshot('monitoring-09-bulletins');
  // the same bulletin in English
  await page.evaluate(() => localStorage.setItem('hutong.lang', 'en'));
  await page.goto(bulletinUrl);
  await c('bulletin-status').filter({ hasText: 'Published' }).waitFor({ timeout: 15_000 });
  await expect(c('rectify-panel').textContent()).resolves.toContain('Open the tasks');
  await coordinator.screenshot('monitoring-09b-bulletin-en');
  await page.evaluate(() => localStorage.setItem('hutong.lang', 'zh'));

  // ---- the not-connected hospital's user (made by the admin): its task and its own figures ----
  const admin = await stack.login('admin');
  const created = await admin.post('/api/users', {
    username: 'mon-hospital',
    displayName: `${notConnected.name}联络员`,
    role: 'applicant',
    password: DEMO_PASSWORD,
    organisationId: notConnected.id,
  });
  expect(created.status).toBe(201);
  hospital = await launchBrowser();
  const hpage = hospital.page;
  watchConsole(hpage, 'hospital');
  const h = (id: string) => hpage.getByTestId(id);
  await login(hpage, 'mon-hospital');
  await hpage.goto(`${stack.baseUrl}/tasks`);
  await h('task-row').filter({ hasText: RECTIFY_TITLE }).first().waitFor({ timeout: 15_000 });
  await hospital.screenshot('monitoring-10-hospital-tasks');
  await h('nav-my-monitoring').click();
  await hpage.waitForURL(`**/monitoring/institutions/${notConnected.id}`);
  await h('inst-name').filter({ hasText: notConnected.name }).waitFor({ timeout: 15_000 });
  await h('inst-metrics').waitFor({ timeout: 15_000 });
  // and for the bulletin's quarter: nothing uploaded, all 51 tables missing
  await hpage.goto(`${stack.baseUrl}/monitoring/institutions/${notConnected.id}?from=${period.from}&to=${period.to}`);
  await h('inst-completeness').filter({ hasText: '0/51' }).waitFor({ timeout: 15_000 });
  await expect(h('inst-connection').textContent()).resolves.toContain('未联通');
  await hospital.screenshot('monitoring-11-hospital-metrics');

  expect(consoleErrors).toEqual([]);
  console.log(`monitoring journey: ${Math.round((Date.now() - started) / 1000)} s`);
}, 240_000);
