/**
 * Chromium for e2e journeys: the machine's Chromium (never `playwright install`), headless, a fresh
 * profile per launch. Screenshots go to test-results/ (ignored by git).
 *
 *   const browser = await launchBrowser();
 *   await browser.page.goto(stack.baseUrl);
 *   await browser.screenshot('login');
 *   await browser.close();
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(__dirname, '../../test-results');

/** Flags for Chromium in a container or CI machine (root, small /dev/shm, no GPU). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Saves test-results/<name>.png (full page) and returns its path. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(
  options: {
    locale?: string;
    viewport?: { width: number; height: number };
  } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'hutong-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: options.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: options.viewport ?? { width: 1366, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async screenshot(name: string, target: Page = page) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await target.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
