import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sheets } from '../../src/server/modules/archive/transfer.service.ts';
import { buildWorkbook, type CellValue } from '../../src/server/platform/xlsx.ts';
import { chromiumAvailable, launchBrowser, openPage, screenshot, staffLogin, PHONE } from './support.ts';

const enabled = chromiumAvailable();

/** Forty households in a new building; with badPhoneAt, that row of 客户 has a phone of 7 digits. */
function workbook(badPhoneAt?: number) {
  const rows = {
    buildings: [['W1', 'W1栋', '高层', 20, '1']] as CellValue[][],
    units: [] as CellValue[][],
    customers: [] as CellValue[][],
    occupancies: [] as CellValue[][],
  };
  for (let i = 0; i < 40; i++) {
    const number = `${1 + Math.floor(i / 4)}0${(i % 4) + 1}`;
    rows.units.push(['W1', '1', 1 + Math.floor(i / 4), number, 90, '住宅', '已入住']);
    const phone = i + 2 === badPhoneAt ? '1390013' : `1409888${String(i).padStart(4, '0')}`;
    rows.customers.push([
      `W${i}`,
      '个人',
      `浏览器导入${i}`,
      '女',
      phone,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    rows.occupancies.push([`W${i}`, 'W1', '1', number, '业主', '2026-01-01', null]);
  }
  return buildWorkbook(
    (Object.keys(sheets) as (keyof typeof sheets)[]).map((key) => ({
      name: sheets[key].name,
      columns: Object.values(sheets[key].columns).map((c) => ({ header: c.header, width: 10 })),
      rows: rows[key],
    })),
  );
}

async function chooseFile(page: Page, buffer: Buffer) {
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '入住资料.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

describe.skipIf(!enabled)('customer archive journeys', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    const { startTestServer } = await import('../helpers/server.ts');
    server = await startTestServer({ demoUnits: 300 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the director imports a workbook: a bad phone in row 37 imports nothing and names the row and column; the fixed file imports', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'director');
    await page.getByTestId('menu-transfer').click();
    await page.waitForURL(/\/archive\/transfer/);

    await chooseFile(page, await workbook(37));
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-failed').waitFor();
    const problems = page.getByTestId('import-problem');
    expect(await problems.count()).toBe(1);
    const cells = await problems.first().locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['客户', '37', '手机']);
    await screenshot(page, 'archive-import-problems');

    // Nothing of the file arrived: its customers cannot be found.
    const none = await page.evaluate(
      async () => (await (await fetch('/api/customers?q=%E6%B5%8F%E8%A7%88%E5%99%A8%E5%AF%BC%E5%85%A5')).json()).items.length,
    );
    expect(none).toBe(0);

    await chooseFile(page, await workbook());
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').waitFor();
    expect(await page.getByTestId('import-counts').textContent()).toContain('40');
    const imported = await page.evaluate(
      async () => (await (await fetch('/api/customers?q=%E6%B5%8F%E8%A7%88%E5%99%A8%E5%AF%BC%E5%85%A5&limit=200')).json()).items.length,
    );
    expect(imported).toBe(40);
    // The browser logs the refused import's 400 itself; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 400 .*\/api\/archive\/import/.test(e))).toEqual([]);
    await context.close();
  });

  test('a technician sees masked numbers on the page and the print; the director reveals with a reason and the audit page shows who', async () => {
    const tech = await openPage(browser, server.url);
    await staffLogin(tech.page, 'tech');
    await tech.page.getByTestId('menu-customers').click();
    const first = tech.page.getByTestId('customer-row').first();
    await first.waitFor();
    await first.locator('a').first().click();
    await tech.page.waitForURL(/\/customers\/(\d+)/);
    const customerUrl = new URL(tech.page.url()).pathname;
    await tech.page.getByTestId('archive-panel').waitFor();
    expect(await tech.page.getByTestId('customer-phone').textContent()).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(await tech.page.getByTestId('customer-reveal').count()).toBe(0);
    // The printed archive carries the same masked numbers.
    expect(await tech.page.getByTestId('print-phone').textContent()).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(await tech.page.getByTestId('print-id-number').textContent()).toMatch(/\*{8,}/);
    await screenshot(tech.page, 'archive-customer-masked');
    await tech.page.evaluate(() => document.body.setAttribute('data-printing', 'customer-archive'));
    await tech.page.emulateMedia({ media: 'print' });
    await tech.page.setViewportSize({ width: 794, height: 1123 });
    expect(await tech.page.getByTestId('print-customer-archive').isVisible()).toBe(true);
    await screenshot(tech.page, 'archive-customer-print');
    expect(tech.errors).toEqual([]);
    await tech.context.close();

    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'director');
    await page.goto(customerUrl);
    await page.getByTestId('customer-reveal').click();
    await page.getByTestId('reveal-reason').fill('业主来电核对联系方式');
    await page.getByTestId('reveal-confirm').click();
    await page.getByTestId('reveal-note').waitFor();
    expect(await page.getByTestId('customer-phone').textContent()).toMatch(/^1\d{10}$/);
    expect(await page.getByTestId('print-phone').textContent()).toMatch(/^1\d{10}$/);

    await page.getByTestId('menu-audit').click();
    await page.getByTestId('audit-view').getByText('查看号码记录').click();
    const row = page.getByTestId('audit-row').first();
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('业主来电核对联系方式');
    const text = await row.textContent();
    expect(text).toContain('查看完整号码');
    // The entity column names the customer as #id (a bare id could hide in the date).
    expect(text).toContain(`#${customerUrl.split('/').pop()}`);
    await screenshot(page, 'archive-audit-reveals');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the butler completes a customer’s archive from the work list: a move-in form raises the score', async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'butler');
    await page.getByTestId('menu-completeness').click();
    await page.getByTestId('project-score').waitFor();
    expect(await page.getByTestId('area-row').count()).toBeGreaterThan(0);
    await page.getByTestId('completeness-missing').click();
    await page.getByTitle('无迁入资料').click();
    const link = page.getByTestId('incomplete-customer').first();
    await link.waitFor();
    await screenshot(page, 'archive-completeness');
    await link.click();
    await page.waitForURL(/\/customers\/\d+/);
    await page.getByTestId('missing-moveInForm').waitFor();
    const before = Number(await page.getByTestId('completeness-score').textContent());

    await page.getByTestId('tab-move_in').click();
    await page.getByTestId('add-entry-move_in').click();
    await page.getByTestId('entry-title').fill('业主入住登记表');
    await page.getByTestId('entry-save').click();
    await page.getByTestId('entry-move_in').first().waitFor();
    await expect.poll(() => page.getByTestId('missing-moveInForm').count()).toBe(0);
    const after = Number(await page.getByTestId('completeness-score').textContent());
    expect(after).toBeGreaterThan(before);

    // An entry can be corrected (who signed it, a date typed wrong …).
    await page.locator('[data-testid="section-move_in"] [data-testid^="edit-entry-"]').first().click();
    await page.getByTestId('entry-title').fill('业主入住登记表（已签字）');
    await page.getByTestId('entry-save').click();
    await expect.poll(() => page.getByTestId('section-move_in').textContent()).toContain('已签字');

    // A scanned form attached to the section is listed and on the timeline.
    await page
      .locator('[data-testid="section-move_in"] input[type=file]')
      .first()
      .setInputFiles({ name: '登记表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await expect.poll(() => page.getByTestId('archive-file').count()).toBeGreaterThan(0);
    // The scan is a download from /api/files, never shown inside the page.
    const href = (await page.getByTestId('archive-file').first().getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/files\/\d+$/);
    const served = await page.evaluate(
      (url) =>
        fetch(url).then((r) => ({
          status: r.status,
          type: r.headers.get('content-type'),
          nosniff: r.headers.get('x-content-type-options'),
          disposition: r.headers.get('content-disposition'),
        })),
      href,
    );
    expect(served).toMatchObject({ status: 200, type: 'application/pdf', nosniff: 'nosniff' });
    expect(served.disposition).toMatch(/^attachment; /);
    await page.getByTestId('tab-timeline').click();
    await expect.poll(() => page.getByTestId('archive-timeline').textContent()).toContain('业主入住登记表（已签字）');
    expect(await page.getByTestId('archive-timeline-file').first().getAttribute('href')).toBe(href);
    await screenshot(page, 'archive-customer-sections');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('on a phone the archive fits the screen: completeness, sections and timeline', async () => {
    const { page, errors, context } = await openPage(browser, server.url, PHONE);
    await staffLogin(page, 'butler');
    const id = await page.evaluate(async () => (await (await fetch('/api/customers?limit=1')).json()).items[0].id as number);
    await page.goto(`/customers/${id}`);
    await page.getByTestId('completeness-score').waitFor();
    await page.getByTestId('tab-payments').click();
    await page.getByTestId('section-payments').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'archive-customer-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
