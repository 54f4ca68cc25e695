import type { Page } from 'playwright-core';
import { idCheckChar } from '@tj/shared';
import { stepShooter as rawShooter } from './browser';

/**
 * What every E2E flow does on a page of the H5 build. Taro H5 keeps the pages below the
 * current one in the DOM (hidden), so every lookup takes the element on screen.
 */

/** A mainland ID number: 17 digits plus their check character. */
export const id = (first17: string) => first17 + idCheckChar(first17);

export const byId = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).filter({ visible: true }).first();

// NutUI's Input / TextArea render the real element inside the one carrying the test id.
export const input = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"], [data-testid="${testId}"] textarea, textarea[data-testid="${testId}"]`).filter({ visible: true }).first();

export async function fill(page: Page, testId: string, value: string) {
  const el = input(page, testId);
  await el.scrollIntoViewIfNeeded();
  await el.fill(value);
}

export async function tap(page: Page, testId: string) {
  const el = byId(page, testId);
  await el.waitFor({ timeout: 15000 });
  await el.scrollIntoViewIfNeeded();
  // NutUI's Cell takes the pointer over its title: then the tap lands on the cell itself.
  await el.click({ timeout: 5000 }).catch(() => el.click({ force: true }));
}

export async function textOf(page: Page, testId: string) {
  await byId(page, testId).waitFor({ timeout: 15000 });
  return (await byId(page, testId).textContent()) ?? '';
}

/** Opens a NutUI picker and confirms what it shows (the first option, or the default). */
export async function confirmPicker(page: Page, testId: string) {
  await tap(page, testId);
  const confirm = page.locator('.nut-picker-confirm-btn:visible');
  await confirm.waitFor();
  await page.waitForTimeout(400);
  await confirm.click();
  await confirm.waitFor({ state: 'hidden' });
  // The popup's overlay fades out after the picker: a tap before that lands on it.
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.nut-overlay')).some((o) => (o as HTMLElement).offsetParent !== null));
}

/**
 * Waits until an element on screen with the test id shows `text` (contained, or exactly with
 * `exact`): pages show what they had and refresh after loading.
 */
export async function expectText(page: Page, testId: string, text: string, { timeout = 15000, exact = false } = {}) {
  await byId(page, testId).waitFor({ timeout });
  await page
    .waitForFunction(
      ([tid, t, whole]) =>
        Array.from(document.querySelectorAll(`[data-testid="${tid}"]`)).some((e) => e.getClientRects().length > 0 && (whole ? e.textContent === t : !!e.textContent?.includes(t))),
      [testId, text, exact] as const,
      { timeout },
    )
    .catch(async () => {
      throw new Error(`${testId}: expected "${text}", got "${await byId(page, testId).textContent()}"`);
    });
}

/**
 * Screenshots once H5's page switch (and any other finite animation or transition) has ended,
 * plus a frame or two — a fixed 600 ms wait before each of the ~200 shots was a quarter of the
 * E2E run. Endless animations (spinners) do not count; at most 2 s is waited.
 */
export function stepShooter(page: Page, flow: string) {
  const shoot = rawShooter(page, flow);
  return async (step: string) => {
    await page
      .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity), undefined, { timeout: 2000 })
      .catch(() => undefined);
    await page.waitForTimeout(100);
    await shoot(step);
  };
}

/**
 * §6.4 (issue 13 item 3): an operator landing in an org without an alias names it first,
 * whenever that is (the seeded class branch starts without one). `needed`: the org's alias
 * is still empty (ask the API before landing).
 */
export async function setAliasIfAsked(page: Page, needed: boolean, alias: string) {
  if (!needed) return;
  await byId(page, 'alias-step').waitFor({ timeout: 15000 });
  await fill(page, 'alias-input', alias);
  await tap(page, 'alias-submit');
}
