import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, launchBrowser, openPage, PHONE, screenshot, staffLogin } from './support.ts';

const enabled = chromiumAvailable();

describe.skipIf(!enabled)('the obligations calendar and the assessment facts', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    const { startTestServer } = await import('../helpers/server.ts');
    server = await startTestServer({ demoUnits: 200 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the supervisor sees each person’s quota of the month with its state, and the facts with links to their records', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await staffLogin(page, 'supervisor');
    await page.getByTestId('menu-obligations').click();
    await page.waitForURL(/\/obligations/);
    const butlerRow = page.locator('[data-testid="obligation-row"][data-code="butler_monthly"]').first();
    await butlerRow.waitFor();
    expect(await butlerRow.textContent()).toMatch(/管家每月走访住户.*应完成 15/);
    await screenshot(page, 'obligations-desktop');
    await page.getByRole('tab', { name: '考核事实' }).click();
    await page.locator('[data-testid="fact-row"]').first().waitFor();
    // Each fact links to the records behind it.
    const link = page.locator('[data-testid="fact-row"] a').first();
    expect(await link.getAttribute('href')).toMatch(/^\/(tickets|duty|customers|visits|obligations)/);
    await screenshot(page, 'facts-desktop');
    expect(errors).toEqual([]);
  });

  test('a butler on a phone sees their own obligations only', async () => {
    const { page, errors } = await openPage(browser, server.url, PHONE);
    await staffLogin(page, 'butler');
    await page.goto(`${server.url}/obligations`);
    await page.locator('[data-testid="obligation-row"]').first().waitFor();
    const owners = await page.locator('[data-testid="obligation-row"] td:nth-child(2)').allTextContents();
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners.filter((o) => o !== '翠湖花园'))).toEqual(new Set(['王浩然']));
    await screenshot(page, 'obligations-phone');
    expect(errors).toEqual([]);
  });
});
