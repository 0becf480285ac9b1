import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describePolicySections, policyLayoutOf } from './api.ts';
import { definePolicySection, field, labels, percent, policyLocales } from './fields.ts';
import { applyPolicyOverride, defaultPolicy, overrideShapeIssues, policySchema, policySections } from './index.ts';

/** Every path to a single value (or a list) of a policy object. */
function leafPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [path.join('.')];
  return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
}

describe('the policy assembled from the modules’ sections', () => {
  it('keeps every section’s keys side by side, with defaults that satisfy the schema', () => {
    expect(Object.keys(policySchema.shape)).toEqual(policySections.flatMap((s) => Object.keys(s.shape)));
    expect(Object.keys(defaultPolicy)).toEqual(Object.keys(policySchema.shape));
    expect(policySchema.parse(defaultPolicy)).toEqual(defaultPolicy);
    expect(defaultPolicy.deadlines.reply).toEqual({ amount: 2, unit: 'days' });
    expect(defaultPolicy.archive.maxFileBytes).toBe(5 * 1024 * 1024);
  });

  it('describes every setting of the policy with a label in each language', () => {
    const layout = policyLayoutOf();
    const fields = layout.sections.flatMap((s) => s.fields);
    // A value is shown by the field at its path, or by a duration or custom field holding it.
    const shown = fields.filter((f) => f.kind !== 'group').map((f) => f.path.join('.'));
    for (const path of leafPaths(defaultPolicy)) {
      expect(
        shown.some((s) => path === s || path.startsWith(`${s}.`)),
        `${path} has no field on the policies page`,
      ).toBe(true);
    }
    for (const f of [...fields, ...layout.sections]) {
      for (const l of policyLocales) expect(f.label[l].trim(), `${'path' in f ? f.path.join('.') : f.id} in ${l}`).not.toBe('');
    }
    for (const f of fields.filter((x) => x.unit)) expect(layout.units[f.unit!]).toBeDefined();
  });

  it('takes bounds, choices and forms from the schema', () => {
    const fields = new Map(policyLayoutOf().sections.flatMap((s) => s.fields.map((f) => [f.path.join('.'), f] as const)));
    expect(fields.get('deadlines.reply')).toMatchObject({ kind: 'duration', exclusiveMinimum: 0, maximum: 365 });
    expect(fields.get('deadlines.reply')?.options?.map((o) => o.value)).toEqual(['days', 'hours']);
    expect(fields.get('warningThreshold')).toMatchObject({ kind: 'percent', exclusiveMinimum: 0, exclusiveMaximum: 1 });
    expect(fields.get('collectiveComplaint.minHouseholds')).toMatchObject({
      kind: 'number',
      integer: true,
      minimum: 2,
      maximum: 100,
      unit: 'households',
    });
    expect(fields.get('calendar')?.options?.map((o) => o.label?.['zh-CN'])).toEqual(['自然日', '工作日（扣除法定节假日，按调休上班）']);
    expect(fields.get('returnVisit.types')).toMatchObject({ kind: 'enumList', optionsFrom: 'ticketTypes' });
    expect(fields.get('duty.summer.from')).toMatchObject({ kind: 'monthDay', pattern: expect.stringContaining('0[1-9]') });
    expect(fields.get('duty.shifts')).toMatchObject({ kind: 'custom', editor: 'shiftTemplates' });
    expect(fields.get('archive.fileTypes')).toMatchObject({ kind: 'enumList', minItems: 1 });
    expect(fields.get('engagement.butlerPhotoRequired')?.kind).toBe('boolean');
  });

  it('refuses a section field without a label or a way to be shown, and a percentage beyond 1', () => {
    const section = (shape: z.ZodRawShape) =>
      definePolicySection({ id: 'fees', label: labels('收费', '收費', 'Fees'), shape, defaults: {} });
    expect(() => describePolicySections([section({ price: z.number() })])).toThrow('policy field price has no label');
    expect(() =>
      describePolicySections([section({ rule: field(z.union([z.number(), z.string()]), { label: labels('规则', '規則', 'Rule') }) })]),
    ).toThrow('policy field rule: no kind of field shows');
    expect(() =>
      describePolicySections([section({ share: percent(z.number().max(100), { label: labels('比例', '比例', 'Share') }) })]),
    ).toThrow('a percentage is stored as a fraction');
    const fine = describePolicySections([
      section({ price: field(z.number().min(0), { label: labels('单价', '單價', 'Price'), unit: 'yuan' }) }),
    ]);
    expect(fine[0].fields).toEqual([{ path: ['price'], kind: 'number', label: labels('单价', '單價', 'Price'), unit: 'yuan', minimum: 0 }]);
  });
});

describe('an override checked before it is merged', () => {
  it('names unknown keys at any depth, inside lists too', () => {
    expect(overrideShapeIssues({ deadlines: { replyy: { amount: 3 } } })).toEqual([
      { path: 'deadlines.replyy', message: 'is not a setting of the policy' },
    ]);
    expect(overrideShapeIssues({ deadlines: { reply: { amount: 3, unti: 'days' } } }).map((i) => i.path)).toEqual(['deadlines.reply.unti']);
    const shifts = [{ ...defaultPolicy.duty.shifts[0], colour: 'red' }];
    expect(overrideShapeIssues({ duty: { shifts } }).map((i) => i.path)).toEqual(['duty.shifts.0.colour']);
    expect(overrideShapeIssues({ constructor: 1, __proto__x: 2 }).map((i) => i.path)).toEqual(['constructor', '__proto__x']);
    expect(overrideShapeIssues({ deadlines: { reply: { amount: 3 } }, duty: { shifts: defaultPolicy.duty.shifts } })).toEqual([]);
  });

  it('stops where the policy stops, however deep the override is nested', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { reply: deep };
    expect(overrideShapeIssues({ deadlines: deep })).toEqual([
      { path: 'deadlines.reply.reply', message: 'is not a setting of the policy' },
    ]);
    expect(overrideShapeIssues({ deadlines: { reply: { amount: deep } } })).toEqual([
      { path: 'deadlines.reply.amount', message: 'is nested deeper than the policy allows: expected a single value' },
    ]);
    expect(overrideShapeIssues({ warningThreshold: [[[[0.5]]]] }).map((i) => i.path)).toEqual(['warningThreshold']);
  });

  it('merges a partial override key by key and checks the result against the schema', () => {
    const done = applyPolicyOverride(defaultPolicy, { deadlines: { reply: { amount: 3 } } });
    expect('policy' in done && done.policy.deadlines.reply).toEqual({ amount: 3, unit: 'days' });
    expect('policy' in done && done.policy.deadlines.repair).toEqual(defaultPolicy.deadlines.repair);
    const wrong = applyPolicyOverride(defaultPolicy, { deadlines: { reply: { amount: 400 } }, warningThreshold: 1 });
    expect('issues' in wrong && wrong.issues.map((i) => i.path)).toEqual(['deadlines.reply.amount', 'warningThreshold']);
  });
});
