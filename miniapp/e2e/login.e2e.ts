import type { Browser, Page } from 'playwright-core';
import { ErrorMessages } from '@tj/shared';
import { baseUrl, launch, phonePage, stepShooter } from './browser';

// The demo member seeded by server/src/db/seed (printed by `npm start`).
const DEMO = { phone: '13800000001', password: 'demo1234' };

describe('login (H5 in Chromium)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    page = await phonePage(browser);
  });
  afterEach(() => page.context().close());

  // NutUI's Input renders a real <input> inside the element that carries the test id.
  const input = (id: string) => page.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();

  it('shows the server error for a wrong password, then logs in and reaches the status page', async () => {
    const shot = stepShooter(page, 'login');
    await page.goto(`${baseUrl()}/`);
    await input('login-phone').waitFor();
    await shot('login-page');

    await input('login-phone').fill(DEMO.phone);
    await input('login-password').fill('wrong999');
    await page.locator('[data-testid="login-submit"]').click();
    await expectText(page, 'login-error', ErrorMessages.INVALID_CREDENTIALS);
    await shot('wrong-password');

    await input('login-password').fill(DEMO.password);
    await page.locator('[data-testid="login-submit"]').click();
    await expectText(page, 'status-phone', DEMO.phone);
    await shot('status-page');
  });

  it('checks the phone number with the shared rule before calling the server', async () => {
    const requests: string[] = [];
    page.on('request', (r) => r.url().includes('/api/auth/login') && requests.push(r.url()));
    await page.goto(`${baseUrl()}/`);
    await input('login-phone').fill('12345');
    await input('login-password').fill('abc12345');
    await page.locator('[data-testid="login-submit"]').click();
    await expectText(page, 'login-error', ErrorMessages.MOBILE_INVALID);
    expect(requests).toHaveLength(0);
  });

  it('runs the app and the OpenAPI UI under the server CSP without a single violation (issue 12 item 14)', async () => {
    const violations: string[] = [];
    page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text()));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load: CSP ${e.violatedDirective} ${e.blockedURI} at ${location.pathname} from ${e.sourceFile}`)),
    );
    const res = await page.goto(`${baseUrl()}/`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await input('login-phone').fill(DEMO.phone);
    await input('login-password').fill(DEMO.password);
    await page.locator('[data-testid="login-submit"]').click();
    await expectText(page, 'status-phone', DEMO.phone);
    await page.goto(`${baseUrl()}/docs`);
    await page.waitForSelector('.swagger-ui .opblock', { timeout: 15000 });
    expect(violations).toEqual([]);
  });

  it('serves the OpenAPI UI at /docs', async () => {
    const res = await page.goto(`${baseUrl()}/docs`);
    expect(res?.status()).toBe(200);
    await page.waitForSelector('.swagger-ui', { timeout: 15000 });
    await stepShooter(page, 'docs')('openapi-ui');
  });
});

async function expectText(page: Page, testId: string, text: string) {
  const el = page.locator(`[data-testid="${testId}"]`).first();
  await el.waitFor({ timeout: 15000 });
  await page.waitForFunction(([id, t]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(t), [testId, text] as const, { timeout: 15000 });
  expect(await el.textContent()).toContain(text);
}
