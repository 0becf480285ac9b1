import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, DEMO_PASSWORD, launchBrowser, openPage, pickOption, screenshot, staffLogin } from './support.ts';

const enabled = chromiumAvailable();

/** Beijing dates, as the desk sees them. */
const beijingDate = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!enabled)('24-hour duty: a night call logged, handed over with two signatures, converted in the morning', () => {
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

  test('the night technician logs a 02:10 call and hands over; the morning desk converts it into a ticket received at 02:10', async () => {
    const today = beijingDate(0);
    const yesterday = beijingDate(-1);
    const description = `卫生间天花板漏水,楼上渗下来 ${Date.now() % 10000}`;

    // The supervisor puts the demo technician 刘师傅 on tonight's night duty.
    const supervisor = await openPage(browser, server.url);
    await staffLogin(supervisor.page, 'supervisor');
    const planned = await supervisor.page.evaluate(async (date) => {
      const me = (await fetch('/api/auth/me').then((r) => r.json())) as { projects: { id: number }[] };
      const projectId = me.projects[0].id;
      const staff = (await fetch(`/api/duty/staff?projectId=${projectId}`).then((r) => r.json())) as {
        items: { id: number; name: string }[];
      };
      const tech = staff.items.find((s) => s.name === '刘师傅')!;
      const res = await fetch('/api/duty/assignments', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ projectId, shiftCode: 'night', staffId: tech.id, date }),
      });
      return { status: res.status, body: (await res.json()) as { id: number } };
    }, today);
    expect(planned.status).toBe(201);
    await supervisor.page.goto('/duty');
    await supervisor.page.getByTestId(`duty-assignment-${planned.body.id}`).waitFor();
    await screenshot(supervisor.page, 'duty-roster');

    // The technician writes the call in the night log with its real time, 02:10.
    const tech = await openPage(browser, server.url);
    await staffLogin(tech.page, 'tech');
    await tech.page.goto('/duty?tab=log');
    const when = tech.page.locator('[data-testid="duty-log-form"] .ant-picker input');
    await when.click();
    await when.fill(`${yesterday} 02:10`);
    await when.press('Enter');
    await tech.page.getByTestId('duty-caller-phone').fill('14012345678');
    await tech.page.getByTestId('duty-description').fill(description);
    await tech.page.getByTestId('duty-log-save').click();
    const line = tech.page.getByTestId('duty-log').locator('tr', { hasText: description });
    await line.waitFor();
    await expect(line.textContent()).resolves.toContain('02:10');
    // The phone is masked on the log.
    await expect(line.textContent()).resolves.toContain('140****5678');

    // He hands over to the morning assistant 陈思雨 and signs; she signs at the same desk with her password.
    await tech.page.getByTestId('duty-tab-handover').click();
    await tech.page.getByTestId(`duty-write-handover-${planned.body.id}`).click();
    const form = tech.page.getByTestId('duty-handover-form');
    await form.waitFor();
    await pickOption(tech.page, tech.page.getByTestId('duty-incoming'), '陈思雨', '陈思雨');
    await tech.page.getByTestId('duty-equipment').fill('对讲机2台正常,手电1支');
    await tech.page.getByTestId('duty-handover-save').click();
    const card = tech.page.locator('[data-testid^="duty-handover-"]', { hasText: '对讲机2台正常' });
    await card.waitFor();
    await card.locator('[data-testid^="duty-sign-outgoing-"]').click();
    await card.locator('[data-testid^="duty-sign-incoming-"]').click();
    await tech.page.getByTestId('duty-sign-password').fill('wrong-password');
    await tech.page.getByTestId('duty-sign-ok').click();
    await tech.page.getByText('is not 陈思雨').first().waitFor();
    await tech.page.getByTestId('duty-sign-password').fill(DEMO_PASSWORD);
    await tech.page.getByTestId('duty-sign-ok').click();
    await card.getByText('双方已签字').waitFor();
    await screenshot(tech.page, 'duty-handover-signed');

    // In the morning the front desk finds the call in the queue and converts it.
    const desk = await openPage(browser, server.url);
    await staffLogin(desk.page, 'frontdesk');
    await desk.page.goto('/duty?tab=log');
    const queued = desk.page.getByTestId('duty-log').locator('tr', { hasText: description });
    await queued.waitFor();
    await queued.locator('[data-testid^="duty-convert-"]').click();
    await desk.page.getByTestId('duty-convert-ok').click();
    await queued.waitFor({ state: 'detached' });
    await desk.page.getByText('全部记录').click();
    const converted = desk.page.getByTestId('duty-log').locator('tr', { hasText: description });
    const link = converted.locator('[data-testid^="duty-ticket-"]');
    await link.waitFor();
    const number = (await link.textContent())!;
    expect(number).toMatch(/^BX-\d{8}-\d{4}$/);
    await screenshot(desk.page, 'duty-log-converted');
    await link.click();
    await desk.page.waitForURL(/\/tickets\/\d+$/);
    const ticketId = Number(desk.page.url().split('/').pop());
    const ticket = await desk.page.evaluate(async (id) => fetch(`/api/tickets/${id}`).then((r) => r.json()), ticketId);
    expect(ticket).toMatchObject({
      number,
      channel: 'night_duty',
      backfilled: true,
      receivedAt: new Date(`${yesterday}T02:10:00+08:00`).toISOString(),
    });
    // Its two-day reply clock runs from 02:10.
    expect(ticket.deadlines.reply.dueAt).toBe(new Date(Date.parse(`${yesterday}T02:10:00+08:00`) + 2 * 86_400_000).toISOString());
    await desk.page.getByText(number).first().waitFor();
    await screenshot(desk.page, 'duty-ticket');

    // The one error the browser logged is the wrong password's 400, shown under the field.
    expect(tech.errors.filter((e) => !/status of 400.*\/sign$/.test(e))).toEqual([]);
    for (const p of [supervisor, desk]) expect(p.errors).toEqual([]);
    for (const p of [supervisor, tech, desk]) {
      await p.context.close();
    }
  });

  test('the roster shows exactly one uncovered stretch and one double booking, in red, and is mended by picking and removing names', async () => {
    const director = await openPage(browser, server.url);
    await staffLogin(director.page, 'director');
    // A day later this week (Monday–Sunday), or next Monday+1 when today is Sunday.
    const weekday = new Date(Date.parse(`${beijingDate(0)}T00:00:00Z`)).getUTCDay();
    const nextWeek = weekday === 0;
    const date = nextWeek ? beijingDate(2) : beijingDate(1);
    const setup = await director.page.evaluate(async (date) => {
      const me = (await fetch('/api/auth/me').then((r) => r.json())) as { projects: { id: number }[] };
      const projectId = me.projects[0].id;
      const json = { 'content-type': 'application/json' };
      const policy = (await fetch(`/api/policies?projectId=${projectId}`).then((r) => r.json())) as {
        effective: { duty: { shifts: unknown[] } };
      };
      const lateNight = {
        code: 'night_late',
        name: '夜班(晚)',
        department: 'maintenance',
        normal: { start: '18:30', end: '08:30' },
        summer: { start: '18:30', end: '08:30' },
        atCenter: true,
        handover: true,
      };
      await fetch('/api/policies', {
        method: 'PUT',
        headers: json,
        body: JSON.stringify({
          projectId,
          override: { duty: { shifts: [...policy.effective.duty.shifts, lateNight] } },
          note: '增加晚夜班',
        }),
      });
      const roster = (await fetch(`/api/duty/roster?projectId=${projectId}&from=${date}&to=${date}`).then((r) => r.json())) as {
        items: { id: number; shiftCode: string; date: string; staffId: number }[];
      };
      const night = roster.items.find((a) => a.shiftCode === 'night' && a.date === date)!;
      const noon = roster.items.find((a) => a.shiftCode === 'noon' && a.date === date)!;
      const twice = (await fetch('/api/duty/assignments', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ projectId, shiftCode: 'night_late', staffId: night.staffId, date }),
      }).then((r) => r.json())) as { id: number };
      return { noon: noon.id, twice: twice.id };
    }, date);
    const page = director.page;
    await page.goto('/duty');
    if (nextWeek) await page.getByRole('button', { name: '下一期' }).click();
    // Remove the noon duty of that day by its tag's close icon.
    await page.getByTestId(`duty-assignment-${setup.noon}`).locator('.ant-tag-close-icon').click();
    await page.getByTestId(`duty-assignment-${setup.noon}`).waitFor({ state: 'detached' });
    const alert = page.getByTestId('duty-coverage');
    await alert.getByText('排班有 2 处问题').waitFor();
    expect(await page.getByTestId('duty-gap').count()).toBe(1);
    expect(await page.getByTestId('duty-gap').textContent()).toContain('12:00');
    expect(await page.getByTestId('duty-overlap').count()).toBe(1);
    await expect(page.getByTestId(`duty-coverage-${date}`).getAttribute('class')).resolves.toContain('gj-roster-gap');
    await expect(page.getByTestId(`duty-assignment-${setup.twice}`).getAttribute('class')).resolves.toContain('red');
    await screenshot(page, 'duty-roster-problems');

    // Mend it: remove the second booking, pick an assistant for the noon duty.
    await page.getByTestId(`duty-assignment-${setup.twice}`).locator('.ant-tag-close-icon').click();
    await page.getByTestId(`duty-add-noon-${date}`).click();
    await page.getByTestId(`duty-pick-noon-${date}`).click();
    await page.keyboard.type('陈思雨');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '陈思雨' }).first().click();
    await alert.getByText('排班覆盖完整').waitFor();
    expect(await page.getByTestId(`duty-cell-noon-${date}`).textContent()).toContain('陈思雨');
    expect(director.errors).toEqual([]);
    await director.context.close();
  });
});
