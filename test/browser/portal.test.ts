import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Household } from '../../src/shared/schemas.ts';
import { DEMO_PASSWORD, PHONE, chromiumAvailable, launchBrowser, openPage, screenshot } from './support.ts';

const enabled = chromiumAvailable();
/** The demo company's first resident account (see `guanjia demo`). */
const RESIDENT_PHONE = '14012340001';

describe.skipIf(!enabled)('resident portal', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    const { startTestServer } = await import('../helpers/server.ts');
    server = await startTestServer({ demoUnits: 400 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a resident logs in on a phone and sees their household', async () => {
    const { page, errors, context } = await openPage(browser, server.url, PHONE);
    await page.goto('/portal');
    await page.waitForURL(/\/login\?mode=resident/);
    await screenshot(page, 'portal-login-phone');
    await page.getByTestId('login-phone').fill(RESIDENT_PHONE);
    await page.getByTestId('login-resident-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-resident-submit').click();

    await page.waitForURL(/\/portal$/);
    const cards = page.getByTestId('household-card');
    await cards.first().waitFor();
    const households = (await page.evaluate(() => fetch('/api/portal/households').then((r) => r.json()))) as { items: Household[] };
    expect(households.items.length).toBeGreaterThan(0);
    expect(await cards.count()).toBe(households.items.length);
    expect(await page.getByTestId('household-unit').first().textContent()).toBe(households.items[0].unitCode);
    // No staff shell for residents, and the page fits the phone's width.
    expect(await page.getByTestId('main-menu').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'portal-home-phone');

    // A resident asking for a staff page is sent back to the portal.
    await page.goto('/customers');
    await page.waitForURL(/\/portal$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
