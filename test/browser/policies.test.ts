import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, launchBrowser, openPage, screenshot, staffLogin } from './support.ts';

const enabled = chromiumAvailable();

describe.skipIf(!enabled)('the policies page, drawn from the policy’s description', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    const { startTestServer } = await import('../helpers/server.ts');
    server = await startTestServer({ demoUnits: 120 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the director gives the project a 3-day reply deadline; a wrong value is refused at the field', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'director');
    await page.getByTestId('menu-policies').click();
    await page.getByTestId('policy-view').waitFor();
    const reply = page.getByTestId('policy-value-deadlines.reply');
    expect(await reply.textContent()).toBe('2 天');

    await page.getByTestId('policy-edit').click();
    const amount = page.getByTestId('policy-deadlines.reply');
    const replyItem = page.locator('.ant-form-item').filter({ has: amount }).first();
    // Beyond the schema's bound: the field says why, and nothing is sent.
    await amount.fill('400');
    await page.getByTestId('policy-note').fill('本项目答复时限调整');
    await page.getByTestId('policy-save').click();
    await expect.poll(() => replyItem.locator('.ant-form-item-explain-error').textContent()).toBe('须大于 0，且不超过 365');
    const percentItem = page
      .locator('.ant-form-item')
      .filter({ has: page.getByTestId('policy-warningThreshold') })
      .first();
    await page.getByTestId('policy-warningThreshold').fill('100');
    await expect.poll(() => percentItem.locator('.ant-form-item-explain-error').textContent()).toBe('须大于 0%，且小于 100%');
    await screenshot(page, 'policies-refused-desktop');
    expect(await page.getByTestId('policy-history').textContent()).toContain('暂无修改记录');

    await page.getByTestId('policy-warningThreshold').fill('80');
    await amount.fill('3');
    await page.getByTestId('policy-save').click();
    await page.getByTestId('policy-view').waitFor();
    await expect.poll(() => reply.textContent()).toBe('3 天已调整');

    // After a reload the page still shows it, the history names the setting, and the company keeps 2 days.
    await page.reload();
    await page.getByTestId('policy-view').waitFor();
    await expect.poll(() => reply.textContent()).toBe('3 天已调整');
    expect(await page.getByTestId('policy-value-deadlines.repair').textContent()).toBe('3 天');
    const history = await page.getByTestId('policy-history').textContent();
    expect(history).toContain('本项目答复时限调整');
    expect(history).toContain('处理时限 · 报修或合理投诉答复');
    await screenshot(page, 'policies-after-reload-desktop');
    await page.getByTestId('policy-scope').getByText('全公司').click();
    await expect.poll(() => page.getByTestId('policy-value-deadlines.reply').textContent()).toBe('2 天');

    // The same page in English: labels and units come with the description.
    await page.evaluate(() => localStorage.setItem('gj.locale', 'en'));
    await page.reload();
    await page.getByTestId('policy-view').waitFor();
    expect(await page.getByTestId('policy-section-tickets').textContent()).toContain('Reply to a repair request or reasonable complaint');
    await expect.poll(() => page.getByTestId('policy-value-deadlines.reply').textContent()).toBe('3 daysChanged');
    expect(errors).toEqual([]);
    await context.close();
  });
});
