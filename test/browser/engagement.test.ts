import { resolve } from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, DEMO_PASSWORD, launchBrowser, openPage, PHONE, screenshot, staffLogin } from './support.ts';

const enabled = chromiumAvailable();
const RESIDENT_PHONE = '14012340001';

/** A tiny valid PNG (1×1) on disk for the file input. */
function photoFile(): string {
  const dir = resolve('test-results');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, 'visit-photo.png');
  writeFileSync(
    path,
    Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001' +
        '0d0a2db40000000049454e44ae426082',
      'hex',
    ),
  );
  return path;
}

describe.skipIf(!enabled)('visits and satisfaction surveys', () => {
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

  test('a butler records a visit and sees the follow-up ticket; the quota counts it', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await staffLogin(page, 'butler');
    await page.getByTestId('menu-engage-visits').click();
    await page.waitForURL(/\/visits/);
    const quotaText = () => page.locator('[data-rule="butler_monthly"][data-staff="王浩然"] [data-testid="quota-text"]').textContent();
    await page.locator('[data-rule="butler_monthly"][data-staff="王浩然"]').waitFor();
    expect(await quotaText()).toBe('已完成 0 / 应完成 15');

    // From the plan: the first household due, visited now.
    await page.getByRole('tab', { name: '拜访计划' }).click();
    await page.getByTestId('plan-visit').first().click();
    await page.getByTestId('visit-create-ok').click();
    await page.getByTestId('visit-record').click();
    await page.getByTestId('record-opinions').fill('业主对保洁满意，反映楼道灯不亮');
    await page.getByTestId('request-add').click();
    await page.getByTestId('request-text').fill('12楼楼道灯不亮，请安排维修');
    await page.getByTestId('request-type').click();
    await page.locator('.ant-select-item-option', { hasText: '报修' }).click();
    await page.getByTestId('record-ok').click();
    await expect.poll(() => page.getByTestId('visit-status').textContent(), { timeout: 10_000 }).toBe('已完成');
    await page.getByTestId('visit-photo-input').setInputFiles(photoFile());
    const visitPhoto = page.locator('[data-testid="visit-drawer"] img').first();
    await visitPhoto.waitFor();
    // Served from /api/files as a real image.
    expect(await visitPhoto.getAttribute('src')).toMatch(/^\/api\/files\/\d+$/);
    await expect.poll(() => visitPhoto.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const link = page.getByTestId('visit-ticket-link');
    const number = (await link.textContent())!;
    expect(number).toMatch(/^BX-\d{8}-\d{4}$/);

    // The printed record form carries the opinions and the ticket number.
    await page.evaluate(() => document.body.setAttribute('data-printing', 'visit-record'));
    await page.emulateMedia({ media: 'print' });
    const doc = page.getByTestId('visit-record-doc');
    expect(await doc.isVisible()).toBe(true);
    expect(await doc.textContent()).toContain('拜访客户登记记录表');
    expect(await doc.textContent()).toContain(number);
    await screenshot(page, 'visit-record-print');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.body.removeAttribute('data-printing'));

    // The follow-up ticket: channel 走访, the request as its description.
    await link.click();
    await page.waitForURL(/\/tickets\/\d+$/);
    await page.getByTestId('ticket-number').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toContain(number);
    expect(await page.getByTestId('ticket-description').textContent()).toBe('12楼楼道灯不亮，请安排维修');
    expect(await page.getByTestId('ticket-facts').textContent()).toContain('走访');
    await screenshot(page, 'visit-follow-up-ticket');
    // …and leads back to the visit's record.
    await page.getByTestId('ticket-visit-link').click();
    await page.waitForURL(/\/visits\?visit=\d+/);
    await expect.poll(() => page.getByTestId('visit-status').textContent(), { timeout: 10_000 }).toBe('已完成');

    // With record and photo the visit counts toward the month's 15.
    await page.goto('/visits');
    await expect.poll(quotaText, { timeout: 10_000 }).toBe('已完成 1 / 应完成 15');
    await screenshot(page, 'visit-quotas');
    expect(errors).toEqual([]);
  });

  test('a resident answers a survey on a phone and the rate shows it', async () => {
    const { page: staff } = await openPage(browser, server.url);
    await staffLogin(staff, 'supervisor');
    const surveyId = await staff.evaluate(async () => {
      const me = (await fetch('/api/auth/me').then((r) => r.json())) as { projects: { id: number }[] };
      const created = (await fetch('/api/surveys', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          projectId: me.projects[0].id,
          title: '年度住户满意度调查',
          questions: [
            { kind: 'rating', text: '您对维修服务是否满意？', dimension: '维修服务' },
            { kind: 'rating', text: '您对保洁是否满意？', dimension: '环境卫生' },
          ],
        }),
      }).then((r) => r.json())) as { id: number };
      await fetch(`/api/surveys/${created.id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'open' }),
      });
      return created.id;
    });

    const { page, errors } = await openPage(browser, server.url, PHONE);
    await page.goto('/login?mode=resident');
    await page.getByTestId('login-phone').fill(RESIDENT_PHONE);
    await page.getByTestId('login-resident-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-resident-submit').click();
    await page.waitForURL(/\/portal$/);
    await page.getByTestId('portal-survey-answer').click();
    await page.waitForURL(new RegExp(`/portal/surveys/${surveyId}$`));
    await page.getByTestId('rating-1').getByText('5', { exact: true }).click();
    await page.getByTestId('rating-2').getByText('2', { exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'portal-survey-phone');
    await page.getByTestId('portal-survey-submit').click();
    await page.getByTestId('portal-survey-done').waitFor();

    // One of two ratings is 4 or more: 50 %.
    await staff.goto(`/surveys/${surveyId}`);
    await expect.poll(() => staff.getByTestId('survey-rate').getAttribute('data-rate'), { timeout: 10_000 }).toBe('0.5');
    expect(await staff.getByTestId('survey-link').textContent()).toContain(`/portal/surveys/${surveyId}`);
    await screenshot(staff, 'survey-results');
    expect(errors).toEqual([]);
  });
});
