import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'screenshots');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** This worker's stack (global-setup.ts starts one per worker; JEST_WORKER_ID counts from 1). */
export const baseUrl = () => {
  const urls = process.env.E2E_BASE_URLS?.split(',').filter(Boolean);
  if (!urls?.length) throw new Error('E2E_BASE_URLS not set: run through jest -c jest.e2e.config.js');
  return urls[(Number(process.env.JEST_WORKER_ID ?? 1) - 1) % urls.length]!;
};

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: FLAGS });

/** A phone-sized page (375×812, as the issues ask for screenshots). */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  return context.newPage();
}

/** Saves a screenshot per step under miniapp/screenshots/<flow>/<nn>-<step>.png (git-ignored). */
export function stepShooter(page: Page, flow: string) {
  let n = 0;
  const dir = path.join(SCREENSHOT_DIR, flow);
  fs.mkdirSync(dir, { recursive: true });
  return async (step: string) => {
    n += 1;
    await page.screenshot({ path: path.join(dir, `${String(n).padStart(2, '0')}-${step}.png`) });
  };
}

/** A phone-sized page logged in with phone + password, past the login page. */
export async function loggedInPage(browser: Browser, who: { phone: string; password: string }): Promise<Page> {
  const page = await phonePage(browser);
  await page.goto(`${baseUrl()}/pages/login/index`);
  const field = (testId: string) => page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).filter({ visible: true }).first();
  await field('login-phone').fill(who.phone);
  await field('login-password').fill(who.password);
  await page.locator('[data-testid="login-submit"]').filter({ visible: true }).first().click();
  await page.waitForURL((u) => !u.pathname.includes('/pages/login/'), { timeout: 20000 });
  return page;
}

/** Opens a path of the H5 build (`/cadre/pages/…?orgId=…`). */
export const openPath = (page: Page, path: string) => page.goto(`${baseUrl()}${path}`);
