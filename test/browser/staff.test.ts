import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Me } from '../../src/shared/schemas.ts';
import { chromiumAvailable, launchBrowser, openPage, pickOption, screenshot, staffLogin, PHONE } from './support.ts';

const enabled = chromiumAvailable();

describe.skipIf(!enabled)('staff journeys', () => {
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

  test('front desk opens the property browser, a unit and its occupants', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'frontdesk');
    await page.getByTestId('stat-units').waitFor();
    await page.getByTestId('units-by-state-chart').waitFor();
    await screenshot(page, 'overview-desktop');

    await page.getByTestId('menu-property').click();
    await page.waitForURL(/\/property/);
    const occupied = page.locator('[data-testid^="unit-"][data-state="occupied"]').first();
    await occupied.waitFor();
    await screenshot(page, 'property-desktop');
    const code = (await occupied.getAttribute('data-testid'))!.slice('unit-'.length);
    await occupied.click();

    await page.waitForURL(/\/property\/units\/\d+/);
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toContain(code);
    const rows = page.getByTestId('occupant-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    // Phones of occupants are masked for the desk until an explicit reveal.
    expect(await rows.first().textContent()).toMatch(/\*{3,}/);
    await screenshot(page, 'unit-detail-desktop');

    // The search box jumps straight to a unit.
    await page.getByTestId('menu-property').click();
    await page.getByTestId('unit-search').fill(code);
    await page.getByTestId(`unit-option-${code}`).click();
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toContain(code);

    expect(errors).toEqual([]);
    await context.close();
  });

  test('the language switches zh-CN → en → zh-TW and the menu follows', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'frontdesk');
    const item = page.getByTestId('menu-property');
    await expect.poll(() => item.textContent()).toBe('房产资料');

    await page.getByTestId('language-switcher').click();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => item.textContent()).toBe('Property');
    expect(await page.getByTestId('menu-customers').textContent()).toBe('Customers');
    await screenshot(page, 'overview-en');

    await page.getByTestId('language-switcher').click();
    await page.getByTestId('lang-zh-TW').click();
    await expect.poll(() => item.textContent()).toBe('房產資料');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-TW');

    // The choice survives a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId('menu-property').textContent()).toBe('房產資料');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('frontdesk2 sees only the second project in the switcher', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'frontdesk2');
    const me = (await page.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))) as Me;
    expect(me.kind).toBe('staff');
    expect(me.projects).toHaveLength(1);
    const only = me.projects[0];

    await page.getByTestId('project-switcher').click();
    const options = page.locator('[data-testid^="project-option-"]');
    await options.first().waitFor();
    expect(await options.count()).toBe(1);
    expect(await options.first().getAttribute('data-testid')).toBe(`project-option-${only.code}`);
    expect(await page.getByTestId('project-switcher').textContent()).toContain(only.name);
    await screenshot(page, 'project-switcher-frontdesk2');

    // The overview shows that project's real figures.
    await page.keyboard.press('Escape');
    const summary = (await page.evaluate((id) => fetch(`/api/projects/${id}/summary`).then((r) => r.json()), only.id)) as { units: number };
    await expect.poll(() => page.getByTestId('stat-units').textContent()).toContain(String(summary.units));
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a reveal as frontdesk shows the full number after a reason is given', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'frontdesk');
    await page.getByTestId('menu-customers').click();
    const row = page.getByTestId('customer-row').first();
    await row.waitFor();
    await screenshot(page, 'customers-desktop');
    await row.locator('a').first().click();
    await page.waitForURL(/\/customers\/\d+/);

    const phone = page.getByTestId('customer-phone');
    await phone.waitFor();
    const masked = (await phone.textContent()) ?? '';
    expect(masked).toMatch(/\*/);

    await page.getByTestId('customer-reveal').click();
    // No reason, no reveal.
    await page.getByTestId('reveal-confirm').click();
    await page.getByText('请填写查看原因').waitFor();
    await page.getByTestId('reveal-reason').fill('回电业主确认维修上门时间');
    await page.getByTestId('reveal-confirm').click();

    await page.getByTestId('reveal-note').waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'hidden' });
    const full = (await phone.textContent()) ?? '';
    expect(full).not.toMatch(/\*/);
    expect(full.slice(0, 3)).toBe(masked.slice(0, 3));
    expect(full.slice(-4)).toBe(masked.slice(-4));
    await screenshot(page, 'customer-revealed-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an expired session returns to the login page and back to the intended page', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'frontdesk');
    await page.evaluate(() => fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    await page.getByTestId('menu-customers').click();
    await page.waitForURL(/\/login\?next=%2Fcustomers/);
    await page.getByTestId('session-expired').waitFor();
    await page.getByTestId('login-username').fill('frontdesk');
    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/customers/);
    await page.getByTestId('customer-row').first().waitFor();
    // The 401s of the expired session are the point of this journey.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await context.close();
  });

  test('a wrong password shows the API error and the phone layout uses a drawer menu', async () => {
    const { page, errors, context } = await openPage(browser, server.url, PHONE);
    await page.goto('/login');
    await page.getByTestId('login-username').fill('frontdesk');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('账号或密码错误');
    await screenshot(page, 'login-error-phone');

    await page.getByTestId('login-password').fill('demo1234');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor();
    await page.getByTestId('stat-units').waitFor();
    await screenshot(page, 'overview-phone');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-property').click();
    await page.locator('[data-testid^="unit-"][data-state]').first().waitFor();
    await screenshot(page, 'property-phone');
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await context.close();
  });

  test('hr creates a staff member and is shown the one-time password once', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'hr');
    await page.getByTestId('menu-staff').click();
    await page.getByTestId('staff-row').first().waitFor();
    await screenshot(page, 'staff-desktop');

    await page.getByTestId('staff-create').click();
    await page.getByTestId('staff-employee-no').fill('T9001');
    await page.getByTestId('staff-name').fill('测试员工');
    await page.getByTestId('staff-username').fill('browser.test');
    // A multiple select stays open after a pick: the role tag shows it took, then Escape closes the list.
    await page.getByTestId('staff-roles').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '客户助理' }).click();
    await page.getByTestId('staff-roles').getByText('客户助理').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('staff-save').click();

    const otp = page.getByTestId('one-time-password');
    await otp.waitFor();
    expect(((await otp.textContent()) ?? '').trim().length).toBeGreaterThanOrEqual(8);
    await screenshot(page, 'staff-one-time-password');
    await page.getByTestId('otp-close').click();
    await page.getByTestId('staff-search').locator('input').fill('browser.test');
    await page.getByTestId('staff-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('staff-row').count()).toBe(1);
    expect(await page.getByTestId('staff-row').first().getAttribute('data-username')).toBe('browser.test');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the director finds their own reveal, with its reason, in the audit log', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'director');
    await page.getByTestId('menu-customers').click();
    await page.getByTestId('customer-row').nth(1).locator('a').first().click();
    await page.getByTestId('customer-reveal').click();
    await page.getByTestId('reveal-reason').fill('业主来电要求核对紧急联系人');
    await page.getByTestId('reveal-confirm').click();
    await page.getByTestId('reveal-note').waitFor();

    await page.getByTestId('menu-audit').click();
    const row = page.getByTestId('audit-row').filter({ hasText: '业主来电要求核对紧急联系人' });
    await row.first().waitFor();
    await screenshot(page, 'audit-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the director files a new tenant: a server field error lands on its form item, then move-out is recorded', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'director');
    await page.getByTestId('menu-property').click();
    const vacant = page.locator('[data-testid^="unit-"][data-state="vacant"]').first();
    await vacant.waitFor();
    const unitCode = (await vacant.getAttribute('data-testid'))!.slice('unit-'.length);

    await page.getByTestId('menu-customers').click();
    await page.getByTestId('customer-create').click();
    await page.getByTestId('customer-name').fill('浏览器测试租户');
    await page.getByTestId('customer-phone-input').fill('13912345678');
    await pickOption(page, page.locator('.ant-modal .ant-form-item').filter({ hasText: '证件类型' }).locator('.ant-select'), '居民身份证');
    // Long enough for the form, but not an 18-character ID: only the server knows.
    await page.getByTestId('customer-id-input').fill('12345');
    await pickOption(page, page.getByTestId('customer-unit'), unitCode, unitCode);
    await pickOption(page, page.getByTestId('customer-relation'), '租户');
    await page.getByTestId('customer-save').click();

    await page.getByTestId('error-alert').waitFor();
    const idItem = page.locator('.ant-modal .ant-form-item').filter({ has: page.getByTestId('customer-id-input') });
    await idItem.locator('.ant-form-item-explain-error').waitFor();
    await screenshot(page, 'customer-field-error');

    await page.getByTestId('customer-id-input').fill('11010119900307123X');
    await page.getByTestId('customer-save').click();
    await page.waitForURL(/\/customers\/\d+/);
    const link = page.getByTestId('customer-unit-row').first();
    await link.waitFor();
    expect(await link.textContent()).toContain(unitCode);

    await page.locator('[data-testid^="move-out-"]').first().click();
    await page.getByTestId('move-out-date').waitFor();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => page.locator('[data-testid^="move-out-"]').count()).toBe(0);
    // The browser logs the deliberate 400 itself; nothing else may fail.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  });
});
