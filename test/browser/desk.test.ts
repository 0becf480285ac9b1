import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page as ListPage, UnitDetail, Unit } from '../../src/shared/schemas.ts';
import type { TicketDetail } from '../../src/shared/tickets.ts';
import { chromiumAvailable, launchBrowser, openPage, PHONE, screenshot, staffLogin } from './support.ts';

const enabled = chromiumAvailable();
const DISPATCHER = 'frontdesk';

/** An occupied unit of the desk's project with a current occupant (for the caller). */
async function unitWithOccupant(page: Page): Promise<{ unit: UnitDetail; projectId: number }> {
  return page.evaluate(async () => {
    const me = (await fetch('/api/auth/me').then((r) => r.json())) as { projects: { id: number }[] };
    const projectId = me.projects[0].id;
    const units = (await fetch(`/api/units?projectId=${projectId}&state=occupied&limit=20`).then((r) => r.json())) as ListPage<Unit>;
    for (const u of units.items) {
      const detail = (await fetch(`/api/units/${u.id}`).then((r) => r.json())) as UnitDetail;
      if (detail.occupants.some((o) => !o.moveOutDate)) return { unit: detail, projectId };
    }
    throw new Error('no occupied unit with occupants');
  });
}

async function ticketOf(page: Page, id: number): Promise<TicketDetail> {
  return page.evaluate((tid) => fetch(`/api/tickets/${tid}`).then((r) => r.json()), id) as Promise<TicketDetail>;
}

async function statusOf(page: Page): Promise<string | null> {
  return page.getByTestId('ticket-badges').getByTestId('ticket-status').getAttribute('data-status');
}

describe.skipIf(!enabled)('service desk journeys', () => {
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

  test('a phone call: intake with the suggestion, dispatch to a technician, work, return visit, closed', async () => {
    const desk = await openPage(browser, server.url);
    const { page } = desk;
    await staffLogin(page, 'frontdesk');
    const { unit } = await unitWithOccupant(page);

    await page.getByTestId('menu-intake').click();
    await page.waitForURL(/\/tickets\/new/);
    await page.getByTestId('intake-description').fill(`${unit.code} 厨房水管漏水，水已经流到客厅地上了`);
    // The suggestion arrives debounced; the desk confirms it with one click.
    await page.getByTestId('suggest-type').waitFor();
    expect(await page.getByTestId('suggest-type').textContent()).toBe('报修');
    await page.getByTestId('suggest-apply').click();
    await expect.poll(() => page.getByTestId('intake-type').locator('.ant-radio-button-wrapper-checked').textContent()).toBe('报修');

    // The unit, then the caller among its occupants.
    await page.getByTestId('intake-unit').click();
    await page.keyboard.type(unit.code);
    await page.locator('.ant-select-item-option', { hasText: unit.code }).first().click();
    await page.getByTestId('intake-occupant').first().click();
    const occupant = unit.occupants.find((o) => !o.moveOutDate)!;
    await expect.poll(() => page.getByTestId('intake-contact-name').inputValue()).toBe(occupant.name);
    await screenshot(page, 'desk-intake-desktop');

    // A double click on submit is one submission (one Idempotency-Key): one ticket.
    await page.getByTestId('intake-submit').dblclick();
    await page.waitForURL(/\/tickets\/\d+/);
    const ticketId = Number(/\/tickets\/(\d+)/.exec(page.url())![1]);
    await expect.poll(() => statusOf(page)).toBe('new');
    const same = (await page.evaluate((u) => fetch(`/api/tickets?unitId=${u}&type=repair&limit=200`).then((r) => r.json()), unit.id)) as {
      items: { description: string }[];
    };
    expect(same.items.filter((x) => x.description === `${unit.code} 厨房水管漏水，水已经流到客厅地上了`)).toHaveLength(1);
    const created = await ticketOf(page, ticketId);
    expect(created.type).toBe('repair');
    expect(created.customerId).toBe(occupant.customerId);
    expect(created.unitId).toBe(unit.id);
    expect(created.deadlines.reply?.state).toBe('running');
    // A repair shows its remaining reply time in words.
    expect(await page.getByTestId('deadline-reply').textContent()).toMatch(/剩余/);

    // Dispatch to the technician, from a second session of the desk (the page above follows live).
    const boss = await openPage(browser, server.url);
    await staffLogin(boss.page, DISPATCHER);
    await boss.page.goto(`/tickets/${ticketId}`);
    await boss.page.getByTestId('action-dispatch').click();
    await boss.page.getByTestId('dispatch-assignee').click();
    await boss.page.locator('.ant-select-item-option', { hasText: '刘师傅' }).first().click();
    await screenshot(boss.page, 'desk-dispatch-dialog-desktop');
    await boss.page.getByTestId('dispatch-submit').click();
    await expect.poll(() => statusOf(boss.page)).toBe('dispatched');
    expect(boss.errors).toEqual([]);
    await boss.context.close();
    // The desk's open page follows the change live (server-sent events).
    await expect.poll(() => statusOf(page), { timeout: 10_000 }).toBe('dispatched');
    expect(await page.getByTestId('ticket-assignee').textContent()).toBe('刘师傅');
    await screenshot(page, 'desk-ticket-dispatched-desktop');

    // The printable work order carries the number and the technician.
    await page.evaluate(() => document.body.setAttribute('data-printing', 'work-order'));
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    const order = page.getByTestId('work-order');
    expect(await order.isVisible()).toBe(true);
    expect(await order.textContent()).toContain(created.number);
    expect(await order.textContent()).toContain('刘师傅');
    await screenshot(page, 'desk-work-order-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => document.body.removeAttribute('data-printing'));

    // The technician finds it through the bell, starts and resolves it.
    const tech = await openPage(browser, server.url, PHONE);
    await staffLogin(tech.page, 'tech');
    await expect.poll(() => tech.page.getByTestId('notification-count').textContent()).toMatch(/[1-9]/);
    await tech.page.getByTestId('notification-bell').click();
    await tech.page.getByTestId('notification-item').filter({ hasText: created.number }).first().click();
    await tech.page.waitForURL(new RegExp(`/tickets/${ticketId}`));
    await tech.page.getByTestId('action-start').click();
    await expect.poll(() => statusOf(tech.page)).toBe('in_progress');
    await tech.page.getByTestId('action-resolve').click();
    await tech.page.getByTestId('resolve-resolution').fill('更换厨房角阀和软管，试水无渗漏');
    await tech.page.getByTestId('material-add').click();
    await tech.page.getByTestId('material-name').fill('角阀');
    await tech.page.getByTestId('material-unit').fill('个');
    await screenshot(tech.page, 'desk-resolve-phone');
    await tech.page.getByTestId('resolve-submit').click();
    await expect.poll(() => statusOf(tech.page)).toBe('awaiting_visit');
    await screenshot(tech.page, 'desk-ticket-resolved-phone');

    // Back at the desk the page has followed live; the return visit closes it.
    await page.getByTestId('action-return_visit').waitFor({ timeout: 10_000 });
    await page.getByTestId('action-return_visit').click();
    await page.getByTestId('satisfaction-satisfied').click();
    await page.getByTestId('visit-comment').fill('师傅很快就修好了');
    await page.getByTestId('visit-submit').click();
    await expect.poll(() => statusOf(page)).toBe('closed');

    const closed = await ticketOf(page, ticketId);
    const actions = closed.events.map((e) => e.action);
    for (const a of ['create', 'dispatch', 'start', 'resolve', 'await_visit', 'return_visit']) expect(actions).toContain(a);
    expect(closed.satisfaction).toBe('satisfied');
    const timeline = page.getByTestId('timeline-event');
    await expect.poll(() => timeline.count()).toBe(closed.events.length);
    const text = (await page.getByTestId('ticket-timeline').textContent()) ?? '';
    expect(text).toContain('派给 刘师傅');
    expect(text).toContain('角阀 ×1个');
    expect(text).toContain('满意');
    await page.getByTestId('ticket-timeline').scrollIntoViewIfNeeded();
    await screenshot(page, 'desk-ticket-closed-desktop');

    // The list shows it closed, with its status in Chinese.
    await page.getByTestId('menu-tickets').click();
    const row = page.locator(`[data-testid="ticket-row"][data-ticket-id="${ticketId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('ticket-status').textContent()).toBe('已关闭');
    await screenshot(page, 'desk-tickets-desktop');

    expect(desk.errors).toEqual([]);
    expect(tech.errors).toEqual([]);
    await tech.context.close();
    await desk.context.close();
  });

  test("a major intake elsewhere raises a red alert on the director's open dashboard within seconds", async () => {
    const director = await openPage(browser, server.url);
    await staffLogin(director.page, 'director');
    await director.page.getByTestId('menu-dashboard').click();
    await director.page.waitForURL(/\/dashboard/);
    await director.page.getByTestId('major-alerts').waitFor();
    // The dashboard's figures have loaded and the live stream is open before the call comes in.
    await director.page.getByTestId('dash-today').waitFor();
    await director.page.waitForTimeout(500);
    await screenshot(director.page, 'dashboard-desktop');
    const before = await director.page.locator('[data-testid="major-alert-card"][data-live="true"]').count();

    const desk = await openPage(browser, server.url);
    await staffLogin(desk.page, 'frontdesk');
    const created = (await desk.page.evaluate(async () => {
      const me = (await fetch('/api/auth/me').then((r) => r.json())) as { projects: { id: number }[] };
      const res = await fetch('/api/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          projectId: me.projects[0].id,
          type: 'help',
          channel: 'phone',
          description: '3栋电梯困人了，有人被关在里面',
        }),
      });
      return res.json();
    })) as TicketDetail;
    expect(created.major).toBe(true);
    const sentAt = Date.now();

    const live = director.page.locator('[data-testid="major-alert-card"][data-live="true"]');
    await expect.poll(() => live.count(), { timeout: 5_000, interval: 100 }).toBe(before + 1);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    expect(await live.first().textContent()).toContain(created.number);
    // The red toast shows on whatever screen is open, with a way to the ticket.
    await director.page.getByTestId('major-alert-toast').first().waitFor({ timeout: 5_000 });
    await expect.poll(() => director.page.getByTestId('notification-count').textContent()).toMatch(/[1-9]/);
    await screenshot(director.page, 'dashboard-major-alert-desktop');
    await director.page.getByTestId('major-alert-open').first().click();
    await director.page.waitForURL(new RegExp(`/tickets/${created.id}`));
    await director.page.getByTestId('major-banner').waitFor();
    await screenshot(director.page, 'ticket-major-desktop');

    // On a phone the dashboard stacks into one column.
    const phone = await openPage(browser, server.url, PHONE);
    await staffLogin(phone.page, 'director');
    await phone.page.goto('/dashboard');
    await phone.page.getByTestId('major-alerts').waitFor();
    await phone.page.getByTestId('dash-today').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'dashboard-phone');

    expect(director.errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
    await phone.context.close();
    await desk.context.close();
    await director.context.close();
  });

  test('registers, return visits, monthly statistics, policies and the holiday calendar open and work', async () => {
    const sup = await openPage(browser, server.url);
    const { page } = sup;
    await staffLogin(page, 'supervisor');

    await page.getByTestId('menu-registers').click();
    await page.waitForURL(/\/registers/);
    await page.getByTestId('register-tab-repair').waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'registers-desktop');
    // The landscape print shows the register as an A4 table.
    await page.evaluate(() => document.body.setAttribute('data-printing', 'register'));
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1123, height: 794 });
    expect(await page.getByTestId('print-register').isVisible()).toBe(true);
    await screenshot(page, 'registers-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => document.body.removeAttribute('data-printing'));

    // An inquiry answered at the desk is closed in one touch.
    await page.getByTestId('menu-intake').click();
    await page.getByTestId('intake-description').fill('请问物业费可以在哪里缴纳？');
    await page.getByTestId('type-inquiry').click();
    await page.getByTestId('intake-answer-close').click();
    await page.getByTestId('intake-answer').fill('可在客服中心前台或业主 APP 缴纳');
    await page.getByTestId('intake-answer-close').click();
    await page.waitForURL(/\/tickets\/\d+/);
    await expect.poll(() => page.getByTestId('ticket-badges').getByTestId('ticket-status').getAttribute('data-status')).toBe('closed');
    expect(await page.getByTestId('ticket-timeline').textContent()).toContain('当场答复并关闭');

    // A resolved repair waits in the return-visit list; one click records the call.
    const pending = await page.evaluate(async () => {
      const me = (await fetch('/api/auth/me').then((r) => r.json())) as { id: number; projects: { id: number }[] };
      const json = { 'content-type': 'application/json' };
      let t = await fetch('/api/tickets', {
        method: 'POST',
        headers: { ...json, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ projectId: me.projects[0].id, type: 'repair', channel: 'walk_in', description: '地下车库B区照明灯不亮' }),
      }).then((r) => r.json());
      for (const step of [
        { action: 'dispatch', assigneeId: me.id },
        { action: 'start' },
        { action: 'resolve', resolution: '更换灯管 2 支' },
      ]) {
        t = await fetch(`/api/tickets/${t.id}/transitions`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ ...step, expectedVersion: t.version }),
        }).then((r) => r.json());
      }
      return t as { id: number; status: string };
    });
    expect(pending.status).toBe('awaiting_visit');
    await page.getByTestId('menu-visits').click();
    await page.waitForURL(/\/return-visits/);
    const visitRow = page.locator(`[data-testid="visit-row"][data-ticket-id="${pending.id}"]`);
    await visitRow.waitFor();
    await screenshot(page, 'return-visits-desktop');
    await visitRow.getByTestId('visit-record').click();
    await page.getByTestId('satisfaction-basically_satisfied').click();
    await page.getByTestId('visit-submit').click();
    await expect.poll(() => visitRow.count()).toBe(0);

    await page.getByTestId('menu-monthly').click();
    await page.waitForURL(/\/reports\/complaints/);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'monthly-desktop');

    await page.getByTestId('menu-tickets').click();
    await page.getByTestId('filter-overdue').click();
    await page.waitForURL(/overdue=true/);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'tickets-overdue-desktop');
    expect(sup.errors).toEqual([]);
    await sup.context.close();

    // The director changes a deadline of the project, with a reason, and the history shows it.
    const dir = await openPage(browser, server.url);
    await staffLogin(dir.page, 'director');
    await dir.page.getByTestId('menu-policies').click();
    await dir.page.getByTestId('policy-view').waitFor();
    await screenshot(dir.page, 'policies-desktop');
    await dir.page.getByTestId('policy-edit').click();
    await dir.page.getByTestId('policy-deadlines.repair').fill('4');
    await dir.page.getByTestId('policy-note').fill('本项目维修时限放宽至 4 天（业委会同意）');
    await dir.page.getByTestId('policy-save').click();
    await dir.page.getByTestId('policy-view').waitFor();
    await expect.poll(() => dir.page.getByTestId('policy-history').textContent()).toContain('业委会同意');
    const policy = (await dir.page.evaluate(async () => {
      const me = (await fetch('/api/auth/me').then((r) => r.json())) as { projects: { id: number }[] };
      return fetch(`/api/policies?projectId=${me.projects[0].id}`).then((r) => r.json());
    })) as { effective: { deadlines: { repair: { amount: number } } } };
    expect(policy.effective.deadlines.repair.amount).toBe(4);
    await screenshot(dir.page, 'policies-saved-desktop');
    expect(dir.errors).toEqual([]);
    await dir.context.close();

    // The administrator adds a company day off and removes it again.
    const admin = await openPage(browser, server.url);
    await staffLogin(admin.page, 'admin');
    await admin.page.getByTestId('menu-calendar').click();
    await admin.page.getByTestId('calendar-row').first().waitFor();
    await screenshot(admin.page, 'calendar-desktop');
    const year = new Date().getFullYear();
    const date = `${year}-12-30`;
    await admin.page.getByTestId('calendar-add').click();
    await admin.page.getByTestId('calendar-date').click();
    await admin.page.keyboard.press('Control+A');
    await admin.page.keyboard.type(date);
    await admin.page.keyboard.press('Enter');
    await admin.page.getByTestId('calendar-name').fill('公司年会');
    await admin.page.getByTestId('calendar-save').click();
    const row = admin.page.locator(`[data-testid="calendar-row"][data-date="${date}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('公司年会');
    await admin.page.getByTestId(`calendar-delete-${date}`).click();
    await admin.page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => row.count()).toBe(0);
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    // Phone layouts of the desk's main screens fit the width.
    const phone = await openPage(browser, server.url, PHONE);
    await staffLogin(phone.page, 'frontdesk');
    for (const [path, name] of [
      ['/tickets', 'tickets-phone'],
      ['/tickets/new', 'intake-phone'],
      ['/registers', 'registers-phone'],
      ['/return-visits', 'return-visits-phone'],
    ] as const) {
      await phone.page.goto(path);
      await phone.page.waitForLoadState('networkidle');
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(PHONE.width);
      await screenshot(phone.page, name);
    }
    await phone.page.getByTestId('menu-toggle').click();
    await screenshot(phone.page, 'menu-drawer-phone');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });

  test("a written complaint: 五清楚一报告, customer confirmation, written reply letter and the supervisor's validity decision", async () => {
    const { page, errors, context } = await openPage(browser, server.url);
    await staffLogin(page, 'supervisor');
    await page.goto('/tickets/new');
    await page.getByTestId('intake-description').fill('物业保安态度恶劣，晚上进小区时对我大声呵斥，要求书面答复');
    await page.getByTestId('type-complaint').click();
    await page.getByTestId('intake-channel').click();
    await page.locator('.ant-select-item-option', { hasText: '书面' }).click();
    await expect.poll(() => page.getByTestId('intake-written').isChecked()).toBe(true);
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/tickets\/\d+/);
    const ticketId = Number(/\/tickets\/(\d+)/.exec(page.url())![1]);

    const panel = page.getByTestId('complaint-panel');
    await panel.waitFor();
    for (const item of ['listen', 'ask', 'follow', 'reply', 'record']) {
      await page.getByTestId(`check-${item}`).click();
      await expect.poll(() => page.getByTestId(`check-${item}`).isChecked()).toBe(true);
    }
    await page.getByTestId('complaint-confirm').click();
    await expect.poll(() => panel.textContent()).toContain('确认投诉记录');
    await page.getByTestId('complaint-reply').fill('关于您反映的夜间门岗服务态度问题，我处已约谈当班人员并加强培训。感谢您的监督。');
    await page.getByTestId('complaint-save-reply').click();
    await page.getByTestId('complaint-decide').getByText('有效投诉').click();
    await expect.poll(() => page.getByTestId('complaint-validity').textContent()).toBe('有效投诉');
    await screenshot(page, 'complaint-panel-desktop');

    const t = (await page.evaluate((id) => fetch(`/api/tickets/${id}`).then((r) => r.json()), ticketId)) as TicketDetail;
    expect(t.written).toBe(true);
    expect(t.complaint?.checklist).toMatchObject({ listen: true, ask: true, follow: true, reply: true, record: true });
    expect(t.complaint?.customerConfirmedAt).toBeTruthy();
    expect(t.complaint?.writtenReply).toContain('约谈当班人员');
    expect(t.complaint?.validity).toBe('valid');

    // The reply letter prints on A4 with the customer's reference.
    await page.evaluate(() => document.body.setAttribute('data-printing', 'reply-letter'));
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.getByTestId('reply-letter').textContent()).toContain(t.number);
    await screenshot(page, 'complaint-letter-print');
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
