import { crc32, deflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TicketDetail } from '../../src/shared/tickets.ts';
import { DEMO_PASSWORD, PHONE, chromiumAvailable, launchBrowser, openPage, screenshot, staffLogin } from './support.ts';

const enabled = chromiumAvailable();
/** The demo company's first resident account (see `guanjia demo`). */
const RESIDENT_PHONE = '14012340001';

/** A real PNG (a water-stain blue gradient), so the server's byte check sees an image. */
function photo(width = 96, height = 72): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = 120 + ((x * 2) % 60);
      row[2 + x * 3] = 150 + ((y * 2) % 60);
      row[3 + x * 3] = 200;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(!enabled)('resident portal: report, follow, rate', () => {
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

  test('a resident reports a leak with a photo on a phone and rates it once staff have resolved it', async () => {
    const { page, errors, context } = await openPage(browser, server.url, PHONE);
    await page.goto('/login?mode=resident');
    await page.getByTestId('login-phone').fill(RESIDENT_PHONE);
    await page.getByTestId('login-resident-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-resident-submit').click();
    await page.waitForURL(/\/portal$/);

    await page.getByTestId('portal-report').click();
    await page.waitForURL(/\/portal\/report/);
    await page.getByTestId('portal-type-repair').click();
    await page.getByTestId('portal-description').fill('卫生间天花板漏水，水一直滴到地上');
    await page.getByTestId('portal-photo-input').setInputFiles({ name: 'leak.png', mimeType: 'image/png', buffer: photo() });
    await page.getByTestId('portal-photo-preview').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'portal-report-phone');
    await page.getByTestId('portal-submit').click();

    await page.waitForURL(/\/portal\/tickets\/\d+/);
    const ticketId = Number(/\/portal\/tickets\/(\d+)/.exec(page.url())![1]);
    await page.getByTestId('portal-ticket-photo').first().waitFor();
    const mine = (await page.evaluate((id) => fetch(`/api/portal/tickets/${id}`).then((r) => r.json()), ticketId)) as TicketDetail;
    expect(mine.channel).toBe('portal');
    expect(mine.type).toBe('repair');
    expect(mine.attachments).toHaveLength(1);
    // The photo is served from /api/files and decodes; the timeline's "photo added" links the same file.
    const shown = page.locator('img[data-testid="portal-ticket-photo"], [data-testid="portal-ticket-photo"] img').first();
    await expect.poll(() => shown.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await shown.getAttribute('src')).toBe(`/api/files/${mine.attachments[0].id}`);
    expect(await page.getByTestId('timeline-file').first().getAttribute('href')).toBe(mine.attachments[0].url);
    await screenshot(page, 'portal-ticket-new-phone');

    // Staff handle it through the API: the supervisor dispatches to the technician, who resolves.
    const staff = await openPage(browser, server.url);
    await staffLogin(staff.page, 'supervisor');
    const result = await staff.page.evaluate(async (id) => {
      const post = (path: string, body: unknown) =>
        fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
          status: r.status,
          body: await r.json(),
        }));
      const techs = await fetch(`/api/staff?role=tech&limit=200`).then((r) => r.json());
      const tech = techs.items.find((s: { name: string }) => s.name === '刘师傅') ?? techs.items[0];
      let t = (await fetch(`/api/tickets/${id}`).then((r) => r.json())) as { version: number };
      const dispatched = await post(`/api/tickets/${id}/transitions`, {
        action: 'dispatch',
        assigneeId: tech.id,
        expectedVersion: t.version,
      });
      t = dispatched.body;
      const started = await post(`/api/tickets/${id}/transitions`, { action: 'start', expectedVersion: t.version });
      t = started.body;
      const resolved = await post(`/api/tickets/${id}/transitions`, {
        action: 'resolve',
        resolution: '更换楼上卫生间防水层接口，已不再漏水',
        expectedVersion: t.version,
      });
      return [dispatched.status, started.status, resolved.status, resolved.body.status];
    }, ticketId);
    expect(result).toEqual([200, 200, 200, 'awaiting_visit']);
    expect(staff.errors).toEqual([]);
    await staff.context.close();

    // The resident sees the progress in 我的报事 and rates it.
    await page.getByTestId('back-button').click();
    await page.waitForURL(/\/portal\/tickets$/);
    const card = page.getByTestId('portal-ticket').first();
    await expect.poll(() => card.getAttribute('data-status')).toBe('awaiting_visit');
    await screenshot(page, 'portal-my-tickets-phone');
    await card.click();
    await page.getByTestId('portal-rating').waitFor();
    await page.getByTestId('rate-satisfied').click();
    await page.getByTestId('rate-comment').fill('维修很及时，谢谢师傅');
    await screenshot(page, 'portal-rating-phone');
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('portal-rated').waitFor();

    const rated = (await page.evaluate((id) => fetch(`/api/portal/tickets/${id}`).then((r) => r.json()), ticketId)) as TicketDetail;
    expect(rated.status).toBe('closed');
    expect(rated.satisfaction).toBe('satisfied');
    const visit = rated.events.find((e) => e.action === 'return_visit');
    expect((visit?.payload as { method?: string } | null)?.method).toBe('portal');
    expect(await page.getByTestId('ticket-timeline').textContent()).toContain('满意');
    await page.getByTestId('ticket-timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'portal-ticket-closed-phone');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
    await context.close();
  });
});
