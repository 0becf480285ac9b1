/**
 * One renderer per kind of policy field (GET /api/policies/schema): how a value reads, how it is
 * edited, and the rules its input checks — all from the field's description, so a new module's
 * section shows up here without a line of page code. Bounds come from the server's schema; the
 * server checks them again when the override is saved.
 */
import { Flex, Form, Input, InputNumber, Radio, Select, Switch, Tag } from 'antd';
import type { FormRule } from 'antd';
import type { ReactNode } from 'react';
import type { PolicyFieldView, PolicyLayout, ShiftTemplate } from '../../../shared/policies.ts';
import type { Locale, MessageKey, Translate } from '../../i18n/index.tsx';

export type Field = PolicyFieldView;
type Path = readonly (string | number)[];

export const fieldKey = (f: Field) => f.path.join('.');

export function getIn(value: unknown, path: Path): unknown {
  let v = value;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** Sets a value at a path, making the objects on the way. */
export function setIn(target: Record<string, unknown>, path: Path, value: unknown): void {
  let o = target;
  path.slice(0, -1).forEach((k) => {
    const next = o[k];
    o = (o[k] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  });
  o[path[path.length - 1]] = value;
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields holding a value the generic form edits (groups hold fields; custom fields have their own editor). */
export const isEditable = (f: Field) => f.kind !== 'group' && f.kind !== 'custom';

/** What the renderers need besides the field: the language, unit labels, category names. */
export interface FieldContext {
  t: Translate;
  locale: Locale;
  units: PolicyLayout['units'];
  category: (code: string) => string;
  categoryCodes: string[];
}

const MB = 1024 * 1024;
/** Rounds away binary noise (0.07 × 100 = 7.000000000000001). */
const clean = (n: number) => Number(n.toPrecision(12));

/** The factor between the stored number and the one on screen: percentages ×100, sizes in MB. */
function scale(f: Field): number {
  if (f.kind === 'percent') return 100;
  if (f.unit === 'bytes') return 1 / MB;
  return 1;
}

function bytes(n: number): string {
  if (n >= MB) return `${clean(Math.round((n / MB) * 100) / 100)} MB`;
  if (n >= 1024) return `${clean(Math.round((n / 1024) * 10) / 10)} KB`;
  return `${n} B`;
}

/** A stored number as it reads: 80%, 2 天, 5 MB. */
function numberText(f: Field, n: number, ctx: FieldContext, withUnit = true): string {
  if (f.kind === 'percent') return `${clean(n * 100)}%`;
  if (f.unit === 'bytes') return bytes(n);
  const unit = withUnit && f.unit ? ctx.units[f.unit]?.[ctx.locale] : undefined;
  return unit ? `${clean(n)} ${unit}` : String(clean(n));
}

export function optionLabel(f: Field, value: string, ctx: FieldContext): string {
  if (f.optionsFrom === 'ticketTypes') return ctx.t(`ticketType.${value}` as MessageKey);
  if (f.optionsFrom === 'ticketCategories') return ctx.category(value);
  return f.options?.find((o) => o.value === value)?.label?.[ctx.locale] ?? value;
}

function options(f: Field, ctx: FieldContext) {
  const values = f.optionsFrom === 'ticketCategories' ? ctx.categoryCodes : (f.options ?? []).map((o) => o.value);
  return values.map((value) => ({ value, label: optionLabel(f, value, ctx) }));
}

function shiftsText(shifts: ShiftTemplate[]): string {
  return shifts.map((s) => `${s.name} ${s.normal.start}–${s.normal.end}`).join('；');
}

/** How a stored value reads in the table; `brief` for the default column (long lists as a count). */
export function FieldValue({
  field: f,
  value,
  ctx,
  brief,
}: {
  field: Field;
  value: unknown;
  ctx: FieldContext;
  brief?: boolean;
}): ReactNode {
  if (value === undefined || value === null) return '—';
  switch (f.kind) {
    case 'number':
    case 'percent':
      return numberText(f, value as number, ctx);
    case 'boolean':
      return ctx.t(value ? 'common.yes' : 'common.no');
    case 'enum':
      return optionLabel(f, String(value), ctx);
    case 'duration': {
      const d = value as { amount: number; unit: string };
      return `${clean(d.amount)} ${optionLabel(f, d.unit, ctx)}`;
    }
    case 'enumList':
    case 'stringList': {
      const list = value as string[];
      if (!list.length) return '—';
      if (f.optionsFrom || f.kind === 'enumList') return list.map((v) => optionLabel(f, v, ctx)).join('、');
      if (brief) return ctx.t('common.shown', { count: list.length });
      return (
        <Flex wrap gap={4}>
          {list.map((x) => (
            <Tag key={x} style={{ marginInlineEnd: 0 }}>
              {x}
            </Tag>
          ))}
        </Flex>
      );
    }
    case 'custom':
      return f.editor === 'shiftTemplates' ? shiftsText(value as ShiftTemplate[]) : JSON.stringify(value);
    default:
      return String(value);
  }
}

/** The words for a number's bounds: 须大于 0，且不超过 365. */
function rangeMessage(f: Field, ctx: FieldContext): string {
  const n = (x: number) => numberText(f, x, ctx, f.kind !== 'duration');
  const lower =
    f.exclusiveMinimum !== undefined
      ? ctx.t('policies.range.gt', { n: n(f.exclusiveMinimum) })
      : f.minimum !== undefined
        ? ctx.t('policies.range.ge', { n: n(f.minimum) })
        : undefined;
  const upper =
    f.exclusiveMaximum !== undefined
      ? ctx.t('policies.range.lt', { n: n(f.exclusiveMaximum) })
      : f.maximum !== undefined
        ? ctx.t('policies.range.le', { n: n(f.maximum) })
        : undefined;
  if (lower && upper) return ctx.t('policies.range', { lower, upper });
  return ctx.t('policies.range.one', { bound: lower ?? upper ?? '' });
}

/** A stored number outside the field's bounds, or not whole where it must be. */
function numberProblem(f: Field, stored: number, ctx: FieldContext): string | null {
  if (f.integer && !Number.isInteger(stored)) return ctx.t('policies.integer');
  const out =
    (f.minimum !== undefined && stored < f.minimum) ||
    (f.exclusiveMinimum !== undefined && stored <= f.exclusiveMinimum) ||
    (f.maximum !== undefined && stored > f.maximum) ||
    (f.exclusiveMaximum !== undefined && stored >= f.exclusiveMaximum);
  return out ? rangeMessage(f, ctx) : null;
}

/** The value the form holds for a stored one. */
export function toFormValue(f: Field, value: unknown): unknown {
  if ((f.kind === 'number' || f.kind === 'percent') && typeof value === 'number') return clean(value * scale(f));
  if (f.kind === 'duration' && value) return { ...(value as object) };
  return value;
}

/** The stored value for what the form holds. */
export function fromFormValue(f: Field, value: unknown): unknown {
  if ((f.kind === 'number' || f.kind === 'percent') && typeof value === 'number') {
    const stored = clean(value / scale(f));
    return f.integer ? Math.round(stored) : stored;
  }
  if (f.kind === 'duration') {
    const d = value as { amount: number; unit: string };
    return { amount: d.amount, unit: d.unit };
  }
  if ((f.kind === 'time' || f.kind === 'monthDay') && typeof value === 'string') return value.trim();
  return value;
}

function numberRule(f: Field, ctx: FieldContext, toStored: (shown: number) => number): FormRule {
  return {
    validator: async (_, shown: number | null | undefined) => {
      if (shown === null || shown === undefined) throw new Error(ctx.t('common.required'));
      const problem = numberProblem(f, toStored(shown), ctx);
      if (problem) throw new Error(problem);
    },
  };
}

function listRule(f: Field, ctx: FieldContext): FormRule {
  return {
    validator: async (_, list: unknown[] | undefined) => {
      const n = list?.length ?? 0;
      if (f.minItems !== undefined && n < f.minItems) throw new Error(ctx.t('policies.items.min', { n: f.minItems }));
      if (f.maxItems !== undefined && n > f.maxItems) throw new Error(ctx.t('policies.items.max', { n: f.maxItems }));
    },
  };
}

/** The unit written after a number input. */
function suffix(f: Field, ctx: FieldContext): string | undefined {
  if (f.kind === 'percent') return '%';
  if (f.unit === 'bytes') return 'MB';
  return f.unit ? ctx.units[f.unit]?.[ctx.locale] : undefined;
}

/**
 * The form item of one field, named by its path. Bounds are checked by the rules (not by clamping the
 * input), so a wrong number is refused with the field's message instead of being silently changed.
 */
export function FieldInput({ field: f, ctx }: { field: Field; ctx: FieldContext }) {
  const name = [...f.path];
  const testId = `policy-${fieldKey(f)}`;
  const label = f.label[ctx.locale];
  const extra = f.help?.[ctx.locale];
  const common = { label, extra, style: { marginBottom: 12 } };
  switch (f.kind) {
    case 'number':
    case 'percent':
      return (
        <Form.Item {...common} name={name} rules={[numberRule(f, ctx, (shown) => fromFormValue(f, shown) as number)]}>
          <InputNumber suffix={suffix(f, ctx)} style={{ width: 160 }} data-testid={testId} />
        </Form.Item>
      );
    case 'duration':
      return (
        <Form.Item {...common} required={false}>
          <Flex gap={8}>
            <Form.Item name={[...name, 'amount']} noStyle rules={[numberRule(f, ctx, (shown) => shown)]}>
              <InputNumber step={1} style={{ width: 110 }} data-testid={testId} />
            </Form.Item>
            <Form.Item name={[...name, 'unit']} noStyle>
              <Select style={{ width: 90 }} options={options(f, ctx)} data-testid={`${testId}-unit`} />
            </Form.Item>
          </Flex>
        </Form.Item>
      );
    case 'boolean':
      return (
        <Form.Item {...common} name={name} valuePropName="checked">
          <Switch data-testid={testId} />
        </Form.Item>
      );
    case 'enum': {
      const choices = options(f, ctx);
      return (
        <Form.Item {...common} name={name} rules={[{ required: true, message: ctx.t('common.required') }]}>
          {choices.length <= 3 ? (
            <Radio.Group data-testid={testId}>
              {choices.map((o) => (
                <Radio key={o.value} value={o.value}>
                  {o.label}
                </Radio>
              ))}
            </Radio.Group>
          ) : (
            <Select options={choices} style={{ maxWidth: 360 }} data-testid={testId} />
          )}
        </Form.Item>
      );
    }
    case 'enumList':
      return (
        <Form.Item {...common} name={name} rules={[listRule(f, ctx)]}>
          <Select mode="multiple" optionFilterProp="label" options={options(f, ctx)} data-testid={testId} />
        </Form.Item>
      );
    case 'stringList':
      return (
        <Form.Item {...common} name={name} rules={[listRule(f, ctx)]}>
          {f.optionsFrom ? (
            <Select mode="multiple" optionFilterProp="label" options={options(f, ctx)} data-testid={testId} />
          ) : (
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} data-testid={testId} />
          )}
        </Form.Item>
      );
    case 'time':
    case 'monthDay':
      return (
        <Form.Item
          {...common}
          name={name}
          rules={[
            { required: true, message: ctx.t('common.required') },
            ...(f.pattern ? [{ pattern: new RegExp(f.pattern), message: ctx.t('policies.pattern', { example: f.example ?? '' }) }] : []),
          ]}
        >
          <Input placeholder={f.example} maxLength={5} style={{ width: 110 }} data-testid={testId} />
        </Form.Item>
      );
    default:
      return null;
  }
}
