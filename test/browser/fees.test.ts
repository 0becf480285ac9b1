import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TicketDetail } from '../../src/shared/tickets.ts';
import { chromiumAvailable, launchBrowser, openPage, PHONE, screenshot, staffLogin } from './support.ts';

const enabled = chromiumAvailable();

describe.skipIf(!enabled)('paid services (有偿服务) and the fee schedule', () => {
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    const { startTestServer } = await import('../helpers/server.ts');
    // The demo company's fee schedule has unblock_drain (疏通下水道) at ¥50 per visit.
    server = await startTestServer({ demoUnits: 400 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a technician resolves a repair with 疏通下水道 ×2, the ticket shows ¥100.00, and the schedule lists it', async () => {
    const director = await openPage(browser, server.url);
    await staffLogin(director.page, 'director');
    // A repair dispatched to the technician, through the API.
    const ticket = (await director.page.evaluate(async () => {
      const me = (await fetch('/api/auth/me').then((r) => r.json())) as { projects: { id: number }[] };
      const projectId = me.projects[0].id;
      const created = (await fetch('/api/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ projectId, type: 'repair', channel: 'phone', description: '卫生间下水道堵塞，地漏返水' }),
      }).then((r) => r.json())) as { id: number; version: number };
      const techs = (await fetch(`/api/tickets/assignees?projectId=${projectId}&role=tech`).then((r) => r.json())) as {
        items: { id: number; name: string }[];
      };
      const tech = techs.items.find((s) => s.name === '刘师傅')!;
      const res = await fetch(`/api/tickets/${created.id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'dispatch', assigneeId: tech.id }),
      });
      return res.json();
    })) as TicketDetail;
    expect(ticket.status).toBe('dispatched');
    await director.page.goto(`/tickets/${ticket.id}`);
    await director.page.getByTestId('ticket-assignee').waitFor();
    expect(await director.page.getByTestId('ticket-assignee').textContent()).toBe('刘师傅');

    // The technician, on a phone, starts the work and resolves it with the paid service.
    const tech = await openPage(browser, server.url, PHONE);
    await staffLogin(tech.page, 'tech');
    await tech.page.goto(`/tickets/${ticket.id}`);
    await tech.page.getByTestId('action-start').click();
    await tech.page.getByTestId('action-resolve').waitFor();
    await tech.page.getByTestId('action-resolve').click();
    await tech.page.getByTestId('resolve-resolution').fill('疏通卫生间及厨房下水道，试水通畅');
    await tech.page.getByTestId('service-add').click();
    await tech.page.getByTestId('service-code').click();
    await tech.page.getByTestId('service-option-unblock_drain').click();
    await tech.page.getByTestId('service-quantity').fill('2');
    await expect.poll(() => tech.page.getByTestId('services-total').textContent()).toContain('¥100.00');
    // With a service chosen the charge comes from the schedule: no free-typed charge.
    expect(await tech.page.getByTestId('resolve-charge').count()).toBe(0);
    await screenshot(tech.page, 'fees-resolve-dialog-phone');
    await tech.page.getByTestId('resolve-submit').click();
    await expect.poll(() => tech.page.getByTestId('ticket-charge').textContent()).toBe('¥100.00');

    const resolved = (await tech.page.evaluate((id) => fetch(`/api/tickets/${id}`).then((r) => r.json()), ticket.id)) as TicketDetail;
    expect(resolved.charge).toBe(100);
    const event = resolved.events.find((e) => e.action === 'resolve')!;
    expect((event.payload as { services: { code: string; quantity: number; amount: number }[] }).services).toEqual([
      expect.objectContaining({ code: 'unblock_drain', quantity: 2, amount: 100 }),
    ]);

    // The director's open page follows live: the charge and the priced line in the timeline.
    await expect.poll(() => director.page.getByTestId('ticket-charge').count(), { timeout: 10_000 }).toBe(1);
    expect(await director.page.getByTestId('ticket-facts').textContent()).toContain('收费¥100.00');
    const timeline = director.page.getByTestId('ticket-timeline');
    expect(await timeline.textContent()).toContain('收费 ¥100.00');
    expect(await timeline.getByTestId('timeline-services').textContent()).toContain('疏通下水道 ¥50.00/次 ×2 = ¥100.00');
    await screenshot(director.page, 'fees-ticket-charged-desktop');

    // 收费标准 under 设置 lists the service.
    await director.page.getByTestId('menu-fees').click();
    await director.page.waitForURL(/\/fees/);
    const row = director.page.locator('[data-testid="fee-row"][data-code="unblock_drain"]');
    await row.waitFor();
    expect(await row.getByTestId('fee-name').textContent()).toBe('疏通下水道');
    expect(await row.getByTestId('fee-price').textContent()).toBe('¥50.00/次');
    // A wrong code is refused on the form before it reaches the server.
    await director.page.getByTestId('fee-add').click();
    await director.page.getByTestId('fee-code').fill('Bad Code');
    await director.page.getByTestId('fee-name-input').fill('疏通下水道（本项目价）');
    await director.page.getByTestId('fee-price-input').fill('10');
    await director.page.getByTestId('fee-unit').fill('次');
    await director.page.getByTestId('fee-submit').click();
    await director.page.getByText('只能使用小写字母、数字和下划线').waitFor();
    await director.page.getByTestId('fee-code').fill('unblock_drain');
    await director.page.getByTestId('fee-price-input').fill('60');
    await director.page.getByTestId('fee-submit').click();
    // A project price overrides the company's item of the same code.
    await expect.poll(() => row.getByTestId('fee-price').textContent()).toBe('¥60.00/次');
    await screenshot(director.page, 'fees-schedule-desktop');
    // The API's field errors land on the form item: the project already prices this code.
    await director.page.getByTestId('fee-add').click();
    await director.page.getByTestId('fee-code').fill('unblock_drain');
    await director.page.getByTestId('fee-name-input').fill('疏通下水道');
    await director.page.getByTestId('fee-price-input').fill('70');
    await director.page.getByTestId('fee-unit').fill('次');
    await director.page.getByTestId('fee-submit').click();
    await director.page.getByTestId('fee-form').getByText('already exists').waitFor();

    // The browser logs the refused duplicate (409) itself; nothing else went wrong.
    expect(director.errors.filter((e) => !/status of 409 .*\/api\/fee-schedule$/.test(e))).toEqual([]);
    expect(tech.errors).toEqual([]);
    await tech.context.close();
    await director.context.close();
  });
});
