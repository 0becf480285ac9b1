/**
 * Classification help at intake: type, category, priority and whether a report is a major incident
 * (重大投诉/突发事件), suggested from its Chinese text; the desk confirms. Pure functions.
 */
import { categoryPath, defaultCategories, type CategoryNode, type TicketPriority, type TicketType } from '../../../../shared/categories.ts';
import { defaultPolicy } from '../../../../shared/policies.ts';
import { Dictionary, isHypothetical, isNegated } from './dictionary.ts';
import { EMERGENCY_CUES, INCIDENT_RULES, RULE_SHIELDS, TYPE_CUE_SHIELDS, TYPE_CUES, URGENCY_SHIELDS, URGENT_CUES } from './lexicons.ts';
import { normalize } from './normalize.ts';

/** Tie order between types: the one that obliges the desk more wins. */
const TYPE_ORDER: readonly TicketType[] = ['complaint', 'repair', 'help', 'inquiry', 'suggestion', 'praise'];
/** Types for which urgency cues and a category's default priority apply (action is asked for). */
const ACTION_TYPES: ReadonlySet<TicketType> = new Set(['repair', 'complaint', 'help']);

const typeCueDict = new Dictionary<{ type: TicketType; weight: number }>([
  ...(Object.keys(TYPE_CUES) as TicketType[]).flatMap((type) =>
    Object.entries(TYPE_CUES[type]).map(([w, weight]) => [w, { type, weight }] as const),
  ),
  ...TYPE_CUE_SHIELDS.map((w) => [w, null] as const),
]);
const urgencyDict = new Dictionary<TicketPriority>([
  ...EMERGENCY_CUES.map((w) => [w, 'emergency' as const] as const),
  ...URGENT_CUES.map((w) => [w, 'urgent' as const] as const),
  ...URGENCY_SHIELDS.map((w) => [w, null] as const),
]);

const PRIORITY_RANK: Record<TicketPriority, number> = { normal: 0, urgent: 1, emergency: 2 };
const maxPriority = (a: TicketPriority, b: TicketPriority): TicketPriority => (PRIORITY_RANK[b] > PRIORITY_RANK[a] ? b : a);

// ---------------------------------------------------------------------------------------------------
// Major incidents: rules beyond the policy's phrases
// ---------------------------------------------------------------------------------------------------

/** Characters between an anchor and its cue (either side). */
const RULE_WINDOW = 16;

type RuleRole = 'anchor' | 'cue' | 'veto' | number;

/** One dictionary per rule, so a word of one rule never shadows a shorter word of another (整栋楼 vs 整栋). */
const ruleDicts = INCIDENT_RULES.map(
  (rule) =>
    new Dictionary<RuleRole>([
      ...rule.anchors.map((w) => [w, 'anchor'] as const),
      ...rule.cues.map((w) => [w, 'cue'] as const),
      ...(rule.cueGroups ?? []).flatMap((group, g) => group.map((w) => [w, g] as const)),
      ...(rule.vetoes ?? []).map((w) => [w, 'veto'] as const),
      ...RULE_SHIELDS.map((w) => [w, null] as const),
    ]),
);

interface RuleHit {
  role: RuleRole;
  start: number;
  end: number;
  term: string;
}

/** The first incident rule (in list order) that fires on a normalized text, with the words that made it fire. */
function findIncidentRule(s: string, majorCategories: ReadonlySet<string>): { category: string; phrase: string } | null {
  for (let r = 0; r < INCIDENT_RULES.length; r++) {
    const rule = INCIDENT_RULES[r];
    if (!majorCategories.has(rule.category)) continue;
    const hits: RuleHit[] = [];
    ruleDicts[r].scan(s, (role, start, end, term) => {
      if (role !== 'veto' && (isNegated(s, start) || isHypothetical(s, start, end))) return;
      hits.push({ role, start, end, term });
    });
    for (let k = 0; k < hits.length; k++) {
      const anchor = hits[k];
      if (anchor.role !== 'anchor') continue;
      const near = hitsNear(hits, k);
      if (near.some((h) => h.role === 'veto')) continue;
      if (rule.cues.length === 0 && (rule.cueGroups ?? []).length === 0) return { category: rule.category, phrase: anchor.term };
      const cue = near.find((h) => h.role === 'cue');
      if (cue) return { category: rule.category, phrase: joinInOrder(anchor, [cue]) };
      const groups = rule.cueGroups ?? [];
      if (groups.length > 0) {
        const picked = groups.map((_, g) => near.find((h) => h.role === g));
        if (picked.every((h) => h !== undefined)) return { category: rule.category, phrase: joinInOrder(anchor, picked as RuleHit[]) };
      }
    }
  }
  return null;
}

/** Hits within `RULE_WINDOW` characters of hit k (hits are in text order, so this stays linear). */
function hitsNear(hits: readonly RuleHit[], k: number): RuleHit[] {
  const at = hits[k].start;
  const near: RuleHit[] = [];
  for (let j = k - 1; j >= 0 && at - hits[j].start <= RULE_WINDOW; j--) near.push(hits[j]);
  for (let j = k + 1; j < hits.length && hits[j].start - at <= RULE_WINDOW; j++) near.push(hits[j]);
  return near;
}

function joinInOrder(anchor: RuleHit, others: RuleHit[]): string {
  return [anchor, ...others]
    .sort((a, b) => a.start - b.start)
    .map((h) => h.term)
    .join('…');
}

// ---------------------------------------------------------------------------------------------------
// Compiled category trees and phrase lists (cached)
// ---------------------------------------------------------------------------------------------------

export interface CompiledTree {
  nodes: readonly CategoryNode[];
  byCode: ReadonlyMap<string, CategoryNode>;
  /** Index in `nodes` by code. */
  index: ReadonlyMap<string, number>;
  /** Index of each node's parent, -1 for top-level nodes and unknown parents. */
  parentIndex: Int32Array;
  /** Index of each node's top-level ancestor. */
  rootIndex: Int32Array;
  /** Keyword → indexes of the nodes that list it. */
  keywords: Dictionary<number>;
}

function compileTree(nodes: readonly CategoryNode[]): CompiledTree {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const index = new Map(nodes.map((n, i) => [n.code, i]));
  const parentIndex = new Int32Array(nodes.length).fill(-1);
  const rootIndex = new Int32Array(nodes.length);
  nodes.forEach((n, i) => {
    if (n.parent !== null) parentIndex[i] = index.get(n.parent) ?? -1;
    const path = categoryPath(n.code, byCode);
    rootIndex[i] = index.get(path[path.length - 1]) ?? i;
  });
  const keywords = new Dictionary<number>(nodes.flatMap((n, i) => n.keywords.map((k) => [k, i] as const)));
  return { nodes, byCode, index, parentIndex, rootIndex, keywords };
}

/**
 * Compiled-once caches. Callers that pass the same array instance (the effective policy of a project,
 * the company's tree) hit the identity cache; equal contents in new arrays hit the content cache.
 */
function memo<T, R>(compile: (input: readonly T[]) => R, key: (input: readonly T[]) => string): (input: readonly T[]) => R {
  const byIdentity = new WeakMap<readonly T[], R>();
  const byContent = new Map<string, R>();
  return (input) => {
    let compiled = byIdentity.get(input);
    if (compiled !== undefined) return compiled;
    const k = key(input);
    compiled = byContent.get(k);
    if (compiled === undefined) {
      compiled = compile(input);
      if (byContent.size >= 32) byContent.delete(byContent.keys().next().value as string);
      byContent.set(k, compiled);
    }
    byIdentity.set(input, compiled);
    return compiled;
  };
}

export const treeOf = memo<CategoryNode, CompiledTree>(compileTree, (nodes) => JSON.stringify(nodes));
const phrasesOf = memo<string, Dictionary<string>>(
  (phrases) => new Dictionary<string>(phrases.map((p) => [p, p] as const)),
  (phrases) => phrases.join('\u0001'),
);
const majorSetOf = memo<string, ReadonlySet<string>>(
  (codes) => new Set(codes),
  (codes) => codes.join('\u0001'),
);

// ---------------------------------------------------------------------------------------------------
// Classification help
// ---------------------------------------------------------------------------------------------------

export interface ClassifyOptions {
  /** The category tree to choose from (default: `defaultCategories`). */
  categories?: readonly CategoryNode[];
  /** Phrases that make a report major (default: `defaultPolicy.major.phrases`). */
  majorPhrases?: readonly string[];
  /** Category codes that are major by themselves (default: `defaultPolicy.major.categories`). */
  majorCategories?: readonly string[];
}

export interface MajorFinding {
  /**
   * Why: `phrase` — one of the policy's phrases occurs (not negated, not hypothetical as in 火灾隐患);
   * `rule` — a plain-language pattern of a major category (电梯 … 出不来, 积水 … 很深);
   * `category` — the best-matching category is a major one.
   */
  reason: 'phrase' | 'rule' | 'category';
  /** The phrase found, or for a rule the words that made it fire joined by "…" in text order. */
  phrase?: string;
  /** The major category, when known (a custom phrase may belong to none). */
  category?: string;
}

export interface Classification {
  type: TicketType;
  /** Best category code of the tree; the major category when the text reports one; null when no keyword matched. */
  categoryCode: string | null;
  priority: TicketPriority;
  major: MajorFinding | null;
  /** How sure the suggestion is (0–1): 0 with no category keyword, about 0.6 for one 2-character keyword, ≥ 0.9 for a detected major incident. */
  confidence: number;
  /** Other categories that matched (not the chosen one nor its ancestors), best first, at most 3; score relative to the best (0–1]. */
  alternatives: { categoryCode: string; score: number }[];
}

/** Weight of a keyword by its length: longer words are more specific. */
const keywordWeight = (term: string): number => Math.min(term.length, 6);
/** Share of a parent's own score a child inherits (水电 + 漏水 → 漏水渗水 beats both). */
const PARENT_SHARE = 0.5;

/** Keyword scores per node of a tree for a normalized text. Negated hits count against; hypothetical hits on major nodes go to the parent. */
function scoreCategories(s: string, tree: CompiledTree, majorCategories: ReadonlySet<string>): Float64Array {
  const own = new Float64Array(tree.nodes.length);
  tree.keywords.scan(s, (i, start, end, term) => {
    const w = keywordWeight(term);
    if (isNegated(s, start)) {
      own[i] -= w / 2;
      return;
    }
    let target = i;
    if (majorCategories.has(tree.nodes[i].code) && isHypothetical(s, start, end)) {
      target = tree.parentIndex[i];
      if (target < 0) return;
    }
    own[target] += w;
  });
  const scores = new Float64Array(tree.nodes.length);
  for (let i = 0; i < own.length; i++) {
    if (own[i] <= 0) continue;
    const p = tree.parentIndex[i];
    scores[i] = own[i] + (p >= 0 && own[p] > 0 ? PARENT_SHARE * own[p] : 0);
  }
  return scores;
}

/** Type scores from cue words of a normalized text (negated cues do not count). */
export function scoreTypeCues(s: string): Map<TicketType, number> {
  const typeScores = new Map<TicketType, number>();
  typeCueDict.scan(s, ({ type, weight }, start) => {
    if (!isNegated(s, start)) typeScores.set(type, (typeScores.get(type) ?? 0) + weight);
  });
  return typeScores;
}

/** Category scores with a bonus for nodes whose usual type is the one the cue words point to (电梯广告太吵: noise, not lift). */
export function scoreCategoriesWithCues(
  s: string,
  tree: CompiledTree,
  majorCategories: ReadonlySet<string>,
  cueType: TicketType | null,
): Float64Array {
  const scores = scoreCategories(s, tree, majorCategories);
  if (cueType) {
    for (let i = 0; i < scores.length; i++) {
      if (scores[i] <= 0) continue;
      const types = tree.nodes[i].types;
      if (types[0] === cueType) scores[i] += 0.5;
      else if (types.includes(cueType)) scores[i] += 0.2;
    }
  }
  return scores;
}

/** Index of the best-scoring node (deeper nodes win ties, then tree order), or -1. */
export function bestNode(scores: Float64Array, tree: CompiledTree): number {
  let best = -1;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] <= 0) continue;
    if (best < 0 || scores[i] > scores[best] + 1e-9) best = i;
    else if (Math.abs(scores[i] - scores[best]) <= 1e-9 && tree.parentIndex[i] === best) best = i;
  }
  return best;
}

function isAncestor(tree: CompiledTree, ancestor: number, node: number): boolean {
  for (let p = tree.parentIndex[node], guard = 0; p >= 0 && guard < 32; p = tree.parentIndex[p], guard++) if (p === ancestor) return true;
  return false;
}

/** A policy phrase in the text that is neither negated nor hypothetical. */
function findMajorPhrase(s: string, phrases: Dictionary<string>): string | null {
  let found: string | null = null;
  phrases.scan(s, (phrase, start, end) => {
    if (found === null && !isNegated(s, start) && !isHypothetical(s, start, end)) found = phrase;
  });
  return found;
}

/**
 * Suggests type, category, priority and whether the report is a major incident (重大投诉/突发事件) from
 * its Chinese text (Simplified or Traditional); the desk confirms.
 *
 * - Category: keyword hits of each node (longer keywords weigh more; a negated hit — 不漏了, 没有异味 —
 *   counts half against), a child inheriting half its parent's score, plus a small bonus for nodes whose
 *   usual type is the type the cue words point to (电梯广告太吵 is noise, not lift).
 * - Type: cue words (投诉/太差 → complaint, 请问/多少钱 → inquiry, 建议 → suggestion, 表扬/锦旗 → praise,
 *   帮忙/求助 → help, 坏了/漏/不亮/堵 → repair) plus the chosen category's usual types; `inquiry` when
 *   nothing points anywhere (the daily-affairs register is the catch-all).
 * - Priority: for repairs, complaints and help requests, the highest of the category's default and urgency
 *   cues (紧急/马上/老人/小孩 → urgent; 被困/出不来/触电/冒烟 → emergency); other types stay normal unless an
 *   emergency cue or a major incident says otherwise. A major incident is at least urgent and takes its
 *   category's default (emergency for fire, entrapment, flooding …).
 * - Major: a policy phrase (not negated, not hypothetical: 火灾隐患, 万一着火, 停电通知 are not), else a
 *   plain-language rule for a category the policy lists as major (电梯 + 困/出不来/里面有人+卡住, 积水 +
 *   很深/没过, 水管 + 爆, 煤气 + 泄漏/闻到, 停电 + 整栋/全小区/突然 …), else the best category being major.
 *   Plain 漏水 or 积水 is a repair, not flooding.
 */
export function suggestClassification(text: string, opts: ClassifyOptions = {}): Classification {
  const s = normalize(text);
  const tree = treeOf(opts.categories ?? defaultCategories);
  const majorCategories = majorSetOf(opts.majorCategories ?? defaultPolicy.major.categories);
  const phrases = phrasesOf(opts.majorPhrases ?? defaultPolicy.major.phrases);

  // Type cues first: they break ties between categories.
  const typeScores = scoreTypeCues(s);
  const scores = scoreCategoriesWithCues(s, tree, majorCategories, argmaxType(typeScores));
  let best = bestNode(scores, tree);

  // Major incident.
  let major: MajorFinding | null = null;
  const phrase = findMajorPhrase(s, phrases);
  if (phrase !== null) {
    major = { reason: 'phrase', phrase };
    const category =
      phraseCategory(tree, majorCategories, phrase) ??
      (best >= 0 && majorCategories.has(tree.nodes[best].code) ? tree.nodes[best].code : null);
    if (category !== null) major.category = category;
  } else {
    const rule = findIncidentRule(s, majorCategories);
    if (rule) major = { reason: 'rule', phrase: rule.phrase, category: rule.category };
    else if (best >= 0 && majorCategories.has(tree.nodes[best].code)) major = { reason: 'category', category: tree.nodes[best].code };
  }
  const majorIndex = major?.category === undefined ? undefined : tree.index.get(major.category);
  if (majorIndex !== undefined) best = majorIndex;

  // Type: cues plus the category's usual types.
  const node = best >= 0 ? tree.nodes[best] : null;
  if (node) {
    node.types.forEach((t, k) => typeScores.set(t, (typeScores.get(t) ?? 0) + (k === 0 ? 1.2 : 0.4)));
  }
  const type = argmaxType(typeScores) ?? 'inquiry';

  // Priority.
  let cuePriority = 'normal' as TicketPriority;
  urgencyDict.scan(s, (p, start) => {
    if (!isNegated(s, start)) cuePriority = maxPriority(cuePriority, p);
  });
  let priority: TicketPriority = 'normal';
  if (ACTION_TYPES.has(type)) priority = maxPriority(node?.defaultPriority ?? 'normal', cuePriority);
  else if (cuePriority === 'emergency') priority = 'emergency';
  if (major)
    priority = maxPriority(maxPriority(priority, 'urgent'), node && major.category === node.code ? node.defaultPriority : 'urgent');

  // Confidence and alternatives.
  let top = 0;
  for (const x of scores) top = Math.max(top, x);
  const others: { i: number; score: number }[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] > 0 && i !== best && (best < 0 || !isAncestor(tree, i, best))) others.push({ i, score: scores[i] });
  }
  others.sort((a, b) => b.score - a.score);
  const second = others.length > 0 ? others[0].score : 0;
  let confidence = best >= 0 && scores[best] > 0 ? scores[best] / (scores[best] + second + 1.5) : 0;
  if (major && major.reason !== 'category') confidence = Math.max(confidence, 0.9);
  const alternatives = others
    .slice(0, 3)
    .map((o) => ({ categoryCode: tree.nodes[o.i].code, score: round2(top > 0 ? Math.min(1, o.score / top) : 0) }));

  return { type, categoryCode: node?.code ?? null, priority, major, confidence: round2(confidence), alternatives };
}

export function argmaxType(scores: ReadonlyMap<TicketType, number>): TicketType | null {
  let best: TicketType | null = null;
  for (const t of TYPE_ORDER) {
    const v = scores.get(t) ?? 0;
    if (v > 0 && (best === null || v > (scores.get(best) ?? 0) + 1e-9)) best = t;
  }
  return best;
}

/** The major category whose keywords contain a policy phrase (火灾 → fire, 爆管 → flooding), if any. */
function phraseCategory(tree: CompiledTree, majorCategories: ReadonlySet<string>, phrase: string): string | null {
  let found: string | null = null;
  tree.keywords.scan(phrase, (i, start, end) => {
    if (found === null && start === 0 && end === phrase.length && majorCategories.has(tree.nodes[i].code)) found = tree.nodes[i].code;
  });
  if (found !== null) return found;
  const ruleCategory = RULE_ANCHOR_CATEGORY.get(phrase);
  return ruleCategory !== undefined && majorCategories.has(ruleCategory) ? ruleCategory : null;
}

/** Anchor word → category of the rules whose anchor alone makes an incident (小偷 → theft). */
const RULE_ANCHOR_CATEGORY: ReadonlyMap<string, string> = new Map(
  INCIDENT_RULES.filter((r) => r.cues.length === 0).flatMap((r) => r.anchors.map((a) => [normalize(a), r.category] as const)),
);

export const round2 = (x: number): number => Math.round(x * 100) / 100;
