/**
 * Shared plumbing for the browser journeys: the system Chromium (never a downloaded one), a page
 * that records console errors, login helpers and screenshots into test-results/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'demo1234';
const SHOTS = resolve('test-results');

/** Whether the journeys can run here; in CI a missing browser is an error, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM_PATH} is missing; CI must provide Chromium for the browser tests`);
  console.warn(`[browser tests] skipped: ${CHROMIUM_PATH} not found`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface TrackedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far (expected 401s of /api/auth/me excluded). */
  errors: string[];
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A fresh context (own cookies and storage) whose page reports console errors. */
export async function openPage(browser: Browser, baseUrl: string, viewport = DESKTOP, locale = 'zh-CN'): Promise<TrackedPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale,
    // The desk's clock: times on screen and printed forms read as in the projects (China time).
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: viewport.width < 768 ? 2 : 1,
    isMobile: viewport.width < 768,
    hasTouch: viewport.width < 768,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const url = msg.location().url ?? '';
    // "Not signed in" is how /api/auth/me answers before login: the browser logs the 401 itself.
    if (/status of 401/.test(msg.text()) && url.endsWith('/api/auth/me')) return;
    errors.push(`console: ${msg.text()} ${url}`);
  });
  return { context, page, errors };
}

export async function staffLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = resolve(SHOTS, `${name}.png`);
  // Let queries settle and antd's transitions (menu highlight, loading masks) finish first.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(350);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Picks an option of a single-choice antd Select and checks the pick took: on a loaded machine a click can land
 * while the list is still opening or closing, so it is retried until the field shows the option.
 * `typed` is typed first for searchable selects.
 */
export async function pickOption(page: Page, select: Locator, text: string, typed?: string): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    // A click on a select that is still animating can wait for ever: give up early and try again.
    const opened = await select.click({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (!opened) continue;
    if (typed) await page.keyboard.type(typed);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
    try {
      await option.click({ timeout: 5_000 });
    } catch {
      await page.keyboard.press('Escape');
      continue;
    }
    await page
      .locator('.ant-select-dropdown:visible')
      .first()
      .waitFor({ state: 'hidden', timeout: 2_000 })
      .catch(() => {});
    if ((await select.textContent({ timeout: 2_000 }).catch(() => ''))?.includes(text)) return;
  }
  throw new Error(`the select did not take the option ${text}`);
}
