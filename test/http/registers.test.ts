/**
 * The register kit over HTTP, on a second module's register (the duty log): the registers a role may
 * open, one definition giving the JSON columns and rows, the paging and the .xlsx in time order, and
 * personal numbers masked the same way in all of them — also inside free text.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let ch: number;
let control: Client;
let director: Client;
let tech: Client;
let hr: Client;
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  control = await t.login('control');
  director = await t.login('director');
  tech = await t.login('tech');
  hr = await t.login('hr');
  ch = (await director.get('/api/projects')).json().items.find((p: { code: string }) => p.code === 'CH').id;
  for (const [i, at] of ['2026-11-19T22:10:00', '2026-11-19T23:40:00', '2026-11-20T01:15:00'].entries()) {
    const res = await control.post('/api/duty/log', {
      projectId: ch,
      kind: 'call',
      callerName: `来电人${i}`,
      callerPhone: '13912345678',
      description: `楼道灯不亮${i}，请回电 13800001111`,
      occurredAt: bj(at),
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

describe('registers', () => {
  it('lists the registers each role may open, every module’s', async () => {
    const names = async (c: Client) => ((await c.get('/api/registers')).json().items as { register: string }[]).map((r) => r.register);
    expect(await names(director)).toEqual(expect.arrayContaining(['repair', 'complaint', 'daily', 'duty_log']));
    expect(await names(tech)).toEqual(expect.arrayContaining(['repair', 'duty_log']));
    // HR reads neither tickets nor the duty.
    expect(await names(hr)).toEqual([]);
    const duty = ((await director.get('/api/registers')).json().items as { register: string; filters: string[] }[]).find(
      (r) => r.register === 'duty_log',
    );
    expect(duty?.filters).toEqual(['status', 'night']);
  });

  it('gives the duty log as columns and rows, newest first, numbers masked in the phone column and in the text', async () => {
    const res = await director.get(`/api/registers/duty_log?projectId=${ch}&from=2026-11-19&to=2026-11-20`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ register: 'duty_log', title: '值班记录', nextCursor: null });
    expect(page.columns.map((c: { key: string }) => c.key)).toContain('callerPhone');
    expect(page.columns.find((c: { key: string }) => c.key === 'kind')).toMatchObject({ type: 'enum', i18n: 'duty.kind' });
    const mine = page.rows.filter((r: { cells: { description: string } }) => r.cells.description.startsWith('楼道灯不亮'));
    expect(mine.map((r: { cells: { caller: string } }) => r.cells.caller)).toEqual(['来电人2', '来电人1', '来电人0']);
    for (const r of mine) {
      expect(r.cells.callerPhone).toBe('139****5678');
      expect(r.cells.description).toMatch(/请回电 138\*\*\*\*1111$/);
      expect(JSON.stringify(r)).not.toMatch(/\d{11}/);
    }
    // Paged by the time of entry.
    const first = (await director.get(`/api/registers/duty_log?projectId=${ch}&from=2026-11-19&to=2026-11-20&limit=1`)).json();
    const second = (
      await director.get(`/api/registers/duty_log?projectId=${ch}&from=2026-11-19&to=2026-11-20&limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(Date.parse(first.rows[0].cells.occurredAt)).toBeGreaterThan(Date.parse(second.rows[0].cells.occurredAt));
  });

  it('exports the same columns to .xlsx in time order, in the project’s local time, masked', async () => {
    const res = await director.get(`/api/registers/duty_log?projectId=${ch}&from=2026-11-19&to=2026-11-20&format=xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const row = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(row(2).slice(0, 7)).toEqual(['时间', '班次', '类别', '来电/来访人', '联系电话', '房号', '事项']);
    const lines = Array.from({ length: ws.rowCount - 2 }, (_, i) => row(i + 3)).filter((r) => String(r[6]).startsWith('楼道灯不亮'));
    expect(lines.map((r) => r[0])).toEqual(['2026-11-19 22:10', '2026-11-19 23:40', '2026-11-20 01:15']);
    expect(lines.map((r) => r[2])).toEqual(['来电', '来电', '来电']);
    for (const r of lines) expect(r.join(' ')).not.toMatch(/\d{11}/);
  });

  it('refuses a filter the register does not have a value for, and a register that does not exist, naming the field', async () => {
    const bad = await director.get(`/api/registers/duty_log?projectId=${ch}&status=lost`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('status');
    expect((await director.get(`/api/registers/nothing?projectId=${ch}`)).json().error.fields[0].path).toBe('register');
    expect((await hr.get(`/api/registers/duty_log?projectId=${ch}`)).statusCode).toBe(403);
  });
});
