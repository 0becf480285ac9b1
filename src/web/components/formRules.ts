/**
 * antd Form rules read from the server's own request schemas, so a form never repeats a limit the
 * server has (a max length, a pattern, a range, required). `rulesFrom(s.projectCreate.shape.name)`
 * gives `[{ required, whitespace }, { max: 100 }]`; `maxLengthOf` gives the `maxLength` of the input.
 *
 * The schemas are zod objects, so the pages that use this load zod (lazily, with the page); the
 * portal's first page and the login page do not (see DEVELOPERS.md). The constraints are read
 * through zod's public JSON Schema output (input side), never its internals.
 */
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';

type JsonSchema = {
  type?: string;
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
};

type Constraints = JsonSchema & { required: boolean; trims: boolean };
const read = new WeakMap<z.ZodType, Constraints>();

/** The field's constraints as JSON Schema (the `null` branch of a nullable field left out), read once per field. */
function constraints(field: z.ZodType): Constraints {
  let c = read.get(field);
  if (!c) {
    const json = field.toJSONSchema({ io: 'input', unrepresentable: 'any' }) as JsonSchema;
    const branches = json.anyOf?.filter((b) => b.type !== 'null');
    c = {
      ...(branches?.length === 1 ? branches[0] : json),
      required: !field.safeParse(undefined).success,
      // A field the server trims refuses blanks ("   " is empty to it).
      trims: field.safeParse(' x ').data === 'x',
    };
    read.set(field, c);
  }
  return c;
}

export interface RuleMessages {
  /** Shown when a required field is left empty (antd's own text otherwise). */
  required?: string;
  /** Shown when the text is shorter than the field's minimum (antd's own text otherwise). */
  min?: string;
  /** Shown when the text does not match the field's pattern (antd's own text otherwise). */
  pattern?: string;
  /** Shown when a number is out of an exclusive bound (a quantity must be more than 0). */
  range?: string;
}

/** The rules of one form field, from the schema of the same field in the request body. */
export function rulesFrom(field: z.ZodType, messages: RuleMessages = {}): Rule[] {
  const c = constraints(field);
  const required = c.required;
  const requiredText = messages.required ? { message: messages.required } : {};
  const rules: Rule[] = [];
  if (c.type === 'array') {
    if (required || c.minItems) rules.push({ required: true, type: 'array', min: c.minItems ?? 0, ...requiredText });
    if (c.maxItems !== undefined) rules.push({ type: 'array', max: c.maxItems });
    return rules;
  }
  if (c.type === 'string') {
    if (required) rules.push({ required: true, whitespace: c.trims, ...requiredText });
    if (c.minLength !== undefined && c.minLength > 1) rules.push({ min: c.minLength, ...(messages.min ? { message: messages.min } : {}) });
    if (c.maxLength !== undefined) rules.push({ max: c.maxLength });
    if (c.pattern) rules.push({ pattern: new RegExp(c.pattern), ...(messages.pattern ? { message: messages.pattern } : {}) });
    return rules;
  }
  if (required) rules.push({ required: true, ...requiredText });
  if (c.type === 'number' || c.type === 'integer') {
    if (c.minimum !== undefined || c.maximum !== undefined) rules.push({ type: 'number', min: c.minimum, max: c.maximum });
    const [above, below] = [c.exclusiveMinimum, c.exclusiveMaximum];
    if (above !== undefined || below !== undefined) {
      rules.push({
        validator: async (_rule, value: unknown) => {
          if (typeof value !== 'number') return;
          if ((above !== undefined && value <= above) || (below !== undefined && value >= below))
            throw new Error(messages.range ?? (above !== undefined ? `> ${above}` : `< ${below}`));
        },
      });
    }
  }
  return rules;
}

/** The longest text (or list) the server takes for the field: the input's `maxLength`, a list's last "add". */
export function maxLengthOf(field: z.ZodType): number | undefined {
  const c = constraints(field);
  return c.maxLength ?? c.maxItems;
}

/** The inclusive bounds the server takes for a number: the InputNumber's `min` and `max`. */
export function rangeOf(field: z.ZodType): { min?: number; max?: number } {
  const c = constraints(field);
  return { ...(c.minimum !== undefined && { min: c.minimum }), ...(c.maximum !== undefined && { max: c.maximum }) };
}
