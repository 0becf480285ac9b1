/**
 * What the policies API answers. The effective policy of a scope with its defaults and overrides
 * (GET /api/policies), their history, and what the policies page needs to draw itself
 * (GET /api/policies/schema): each section with its fields in order, each field with its kind,
 * labels, unit, help and the bounds and choices of its schema. The layout is made from
 * `z.toJSONSchema` of the sections with the fields' metadata merged in, so the bounds the page
 * checks are the ones the server enforces.
 */
import { z } from 'zod';
import { id } from '../schemas.ts';
import { policySchema, policySections, type PolicyOverride } from './index.ts';
import {
  policyEditors,
  policyFieldKinds,
  policyFields,
  policyLocales,
  policyOptionSources,
  policyUnits,
  type PolicyFieldKind,
  type PolicyFieldMeta,
  type PolicySection,
  type PolicyUnit,
} from './fields.ts';

const labelsSchema = z.object(
  Object.fromEntries(policyLocales.map((l) => [l, z.string()])) as Record<(typeof policyLocales)[number], z.ZodString>,
);
const unitCodes = Object.keys(policyUnits) as [PolicyUnit, ...PolicyUnit[]];

export const policyFieldView = z.object({
  /** Where the value sits in the policy (and in an override): ['deadlines', 'reply']. */
  path: z.array(z.string()),
  /** How the value is shown and edited; a group's fields follow it with longer paths. */
  kind: z.enum(policyFieldKinds),
  label: labelsSchema,
  help: labelsSchema.optional(),
  unit: z.enum(unitCodes).optional(),
  /** Bounds of a number (of a duration's amount; of a percentage as the stored fraction). */
  integer: z.boolean().optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  exclusiveMinimum: z.number().optional(),
  exclusiveMaximum: z.number().optional(),
  /** Bounds of a list. */
  minItems: z.number().int().optional(),
  maxItems: z.number().int().optional(),
  /** The form of a text (time, month-day), as a regular expression. */
  pattern: z.string().optional(),
  example: z.string().optional(),
  /** The values of an enum, of a list of enum values, or a duration's units. */
  options: z.array(z.object({ value: z.string(), label: labelsSchema.optional() })).optional(),
  optionsFrom: z.enum(policyOptionSources).optional(),
  editor: z.enum(policyEditors).optional(),
});
export type PolicyFieldView = z.infer<typeof policyFieldView>;

export const policySectionView = z.object({
  /** The module that owns the section. */
  id: z.string(),
  label: labelsSchema,
  help: labelsSchema.optional(),
  fields: z.array(policyFieldView),
});
export type PolicySectionView = z.infer<typeof policySectionView>;

/** GET /api/policies/schema */
export const policyLayout = z.object({
  sections: z.array(policySectionView),
  /** The label of each unit a field may name. */
  units: z.record(z.enum(unitCodes), labelsSchema),
});
export type PolicyLayout = z.infer<typeof policyLayout>;

/** GET and PUT /api/policies: the policy in force for a scope (a project, or the company), and why. */
export const policyState = z.object({
  projectId: z.number().nullable(),
  /** Defaults ← company override ← project override. */
  effective: policySchema,
  defaults: policySchema,
  companyOverride: z.record(z.string(), z.unknown()).nullable(),
  projectOverride: z.record(z.string(), z.unknown()).nullable(),
});
export type PolicyState = Omit<z.infer<typeof policyState>, 'companyOverride' | 'projectOverride'> & {
  companyOverride: PolicyOverride | null;
  projectOverride: PolicyOverride | null;
};

/** The body of PUT /api/policies. The override is checked against the sections by the service. */
export const policyOverrideBody = z.object({
  projectId: id.nullish(),
  /** A partial policy (see GET /api/policies/schema): objects key by key, lists and values whole. Replaces the scope's override. */
  override: z.record(z.string(), z.unknown()),
  note: z.string().trim().max(500).nullish(),
});

/** One stored override of a scope, newest first (GET /api/policies/history). */
export const policyHistoryItem = z.object({
  id: z.number(),
  at: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
  override: z.unknown(),
});
export type PolicyHistoryItem = z.infer<typeof policyHistoryItem>;

/** A node of the JSON Schema zod writes, with our metadata merged in. */
type JsonNode = Partial<PolicyFieldMeta> & {
  type?: string;
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

function kindOf(node: JsonNode): PolicyFieldKind | undefined {
  if (node.kind) return node.kind;
  if (node.type === 'object') return 'group';
  if (node.type === 'boolean') return 'boolean';
  if (node.type === 'number' || node.type === 'integer') return 'number';
  if (node.type === 'string' && node.enum) return 'enum';
  if (node.type === 'array' && node.items?.enum) return 'enumList';
  if (node.type === 'array' && node.items?.type === 'string') return 'stringList';
  return undefined;
}

/** zod states ±MAX_SAFE_INTEGER for an integer without bounds: no bound worth showing. */
const bound = (n: number | undefined) => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);

function numberBounds(node: JsonNode) {
  return {
    integer: node.type === 'integer' || undefined,
    minimum: bound(node.minimum),
    maximum: bound(node.maximum),
    exclusiveMinimum: bound(node.exclusiveMinimum),
    exclusiveMaximum: bound(node.exclusiveMaximum),
  };
}

function options(values: unknown[] | undefined, labels: PolicyFieldMeta['options']) {
  return values?.map((v) => ({ value: String(v), ...(labels?.[String(v)] ? { label: labels[String(v)] } : {}) }));
}

/** Drops the keys left undefined, so the answer carries only what applies. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function flatten(node: JsonNode, path: string[], out: PolicyFieldView[]): void {
  const where = `policy field ${path.join('.')}`;
  const kind = kindOf(node);
  if (!kind) throw new Error(`${where}: no kind of field shows a ${node.type ?? 'value'}; give it a kind`);
  if (!node.label) throw new Error(`${where} has no label`);
  const view: PolicyFieldView = { path, kind, label: node.label, help: node.help, unit: node.unit, example: node.example };
  switch (kind) {
    case 'number':
      Object.assign(view, numberBounds(node));
      break;
    case 'percent':
      Object.assign(view, numberBounds(node));
      if ((node.maximum ?? node.exclusiveMaximum ?? Infinity) > 1)
        throw new Error(`${where}: a percentage is stored as a fraction, at most 1`);
      break;
    case 'duration': {
      const { amount, unit } = node.properties ?? {};
      if (!amount || !unit?.enum) throw new Error(`${where}: a duration needs an amount and a unit`);
      Object.assign(view, numberBounds(amount), {
        options: unit.enum.map((u) => ({ value: String(u), label: policyUnits[u as PolicyUnit] })),
      });
      break;
    }
    case 'enum':
      view.options = options(node.enum, node.options);
      break;
    case 'enumList':
      Object.assign(view, { minItems: node.minItems, maxItems: node.maxItems, options: options(node.items?.enum, node.options) });
      break;
    case 'stringList':
      Object.assign(view, { minItems: node.minItems, maxItems: node.maxItems });
      break;
    case 'time':
    case 'monthDay':
      view.pattern = node.pattern;
      break;
    case 'custom':
      if (!node.editor) throw new Error(`${where}: a custom field names its editor`);
      view.editor = node.editor;
      break;
    case 'boolean':
    case 'group':
      break;
  }
  if (node.optionsFrom) view.optionsFrom = node.optionsFrom;
  out.push(defined(view));
  if (kind === 'group') for (const [key, child] of Object.entries(node.properties ?? {})) flatten(child, [...path, key], out);
}

/** The sections as the page draws them; throws when a field has no label or no way to be shown. */
export function describePolicySections(sections: readonly PolicySection[] = policySections): PolicySectionView[] {
  return sections.map((section) => {
    const json = z.toJSONSchema(z.object(section.shape), { metadata: policyFields, io: 'input', unrepresentable: 'any' }) as JsonNode;
    const fields: PolicyFieldView[] = [];
    for (const [key, node] of Object.entries(json.properties ?? {})) flatten(node, [key], fields);
    return defined({ id: section.id, label: section.label, help: section.help, fields });
  });
}

let layout: PolicyLayout | undefined;

/** The answer of GET /api/policies/schema, made once. */
export function policyLayoutOf(): PolicyLayout {
  layout ??= { sections: describePolicySections(), units: policyUnits };
  return layout;
}
