/**
 * Policies: every number and list the regulations give, as defaults. A company and each project can
 * override them (stored with history); services read the effective value, never a literal.
 *
 * The policy is assembled from sections, one per module (`policySections`): each section file holds
 * its keys' schemas, their labels and units, and its defaults. The stored shape is the sections'
 * keys side by side, so a new module adds a file and a line to the list, and nothing else moves.
 */
import { z } from 'zod';
import { archiveSection } from './archive.ts';
import { dutySection } from './duty.ts';
import { engagementSection } from './engagement.ts';
import { filesSection } from './files.ts';
import { obligationsSection } from './obligations.ts';
import type { PolicySection } from './fields.ts';
import { ticketsSection } from './tickets.ts';

export * from './fields.ts';
export { shiftHoursSchema, shiftTemplateSchema, dutyPolicySchema, type ShiftHours, type ShiftTemplate, type DutyPolicy } from './duty.ts';

/** Every module's section, in the order the policies page shows them. */
export const policySections = [ticketsSection, dutySection, engagementSection, archiveSection, filesSection, obligationsSection] as const;

type Sections = typeof policySections;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type PolicyShape = UnionToIntersection<Sections[number]['shape']>;

function assemble(sections: readonly PolicySection[]) {
  const shape: Record<string, z.ZodType> = {};
  const defaults: Record<string, unknown> = {};
  for (const section of sections) {
    for (const key of Object.keys(section.shape)) {
      if (key in shape) throw new Error(`policy key "${key}" of section ${section.id} is already taken by another section`);
      shape[key] = section.shape[key] as z.ZodType;
      defaults[key] = (section.defaults as Record<string, unknown>)[key];
    }
  }
  return { shape, defaults };
}

const assembled = assemble(policySections);

export const policySchema = z.object(assembled.shape as PolicyShape);
export type Policy = z.infer<typeof policySchema>;
export const defaultPolicy = assembled.defaults as Policy;

/** A partial policy as stored per company or project: objects key by key, lists and values whole. */
export type PolicyOverride = DeepPartial<Policy>;
type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges an override onto a base: objects key by key, arrays and scalars replaced. */
export function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (isPlainObject(base) && isPlainObject(override)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(override)) out[k] = deepMerge(out[k], v);
    return out;
  }
  return override;
}

/**
 * The base policy with a stored override applied; throws when the result is not a valid policy.
 * Keys the policy does not know are dropped here (an override stored before they were refused).
 */
export function mergePolicy(base: Policy, override: unknown): Policy {
  return policySchema.parse(deepMerge(base, override));
}

/** A wrong part of an override: its dotted path inside the override and what is wrong. */
export interface PolicyIssue {
  path: string;
  message: string;
}

const MAX_ISSUES = 20;

/**
 * What is wrong with the shape of an override before anything is merged: keys the policy does not
 * have, at any depth (inside lists too), and objects or lists where the policy holds one value. The
 * walk follows the schema, so it never recurses deeper than the policy, however deep the override.
 */
export function overrideShapeIssues(override: unknown): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const walk = (schema: z.ZodType, value: unknown, path: (string | number)[]) => {
    if (issues.length >= MAX_ISSUES) return;
    const s = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
    if (s instanceof z.ZodObject) {
      if (!isPlainObject(value)) return; // the schema says what it should be
      const shape = s.shape as z.ZodRawShape;
      for (const [key, v] of Object.entries(value)) {
        if (!Object.hasOwn(shape, key)) issues.push({ path: [...path, key].join('.'), message: 'is not a setting of the policy' });
        else walk(shape[key] as z.ZodType, v, [...path, key]);
        if (issues.length >= MAX_ISSUES) return;
      }
    } else if (s instanceof z.ZodArray) {
      if (Array.isArray(value)) value.forEach((v, i) => walk(s.element as z.ZodType, v, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      issues.push({ path: path.join('.'), message: 'is nested deeper than the policy allows: expected a single value' });
    }
  };
  walk(policySchema, override, []);
  return issues;
}

/**
 * The base with a new override applied, checked: first the override's shape (unknown keys, nesting),
 * then the merged policy against the schema. Either the policy or the issues naming each field.
 */
export function applyPolicyOverride(base: Policy, override: Record<string, unknown>): { policy: Policy } | { issues: PolicyIssue[] } {
  const shapeIssues = overrideShapeIssues(override);
  if (shapeIssues.length) return { issues: shapeIssues };
  const merged = policySchema.safeParse(deepMerge(base, override));
  if (merged.success) return { policy: merged.data };
  return { issues: merged.error.issues.slice(0, MAX_ISSUES).map((i) => ({ path: i.path.join('.'), message: i.message })) };
}
