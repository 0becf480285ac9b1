/**
 * The text similarity behind collective complaints (客户集体投诉, SPEC §3): how much two complaints are
 * about the same matter, and which earlier complaints match a new one. Pure functions.
 */
import { defaultCategories, type CategoryNode } from '../../../../shared/categories.ts';
import { defaultPolicy } from '../../../../shared/policies.ts';
import { argmaxType, bestNode, round2, scoreCategoriesWithCues, scoreTypeCues, treeOf, type CompiledTree } from './classify.ts';
import { Dictionary, isNegated } from './dictionary.ts';
import { MATTERS, PLACES, STOP_CHARS, STOP_PAIRS } from './lexicons.ts';
import { SEG_WORD, normalize, scanSegments } from './normalize.ts';

const conceptDict = new Dictionary<string>([
  ...Object.entries(PLACES).flatMap(([place, words]) => words.map((w) => [w, 'place:' + place] as const)),
  ...Object.entries(MATTERS).flatMap(([matter, words]) => words.map((w) => [w, 'matter:' + matter] as const)),
]);
const defaultMajorSet: ReadonlySet<string> = new Set(defaultPolicy.major.categories);

/** Weight of a shared place or matter, against a shared character pair's 1. */
const CONCEPT_WEIGHT = 2;
/** Weight of a shared top-level category (a coarse hint: the matters say more). */
const CATEGORY_WEIGHT = 1;
/** Factor applied for each disagreement: places named on both sides but none shared; matters likewise; categories differing. */
const MISMATCH_FACTOR = 0.5;
/** Factor when both share some places (or matters) but each names one the other does not (电梯广告太吵 / 装修太吵: both noise, different sources). */
const PARTIAL_FACTOR = 0.75;
/**
 * Exponent of the smaller side in the normalization (0.5 would be the cosine). A short complaint fully
 * contained in a long letter about the same leak should still match; 0.7 leans toward "how much of the
 * shorter is in the longer" without letting a two-word text match everything.
 */
const SHORTER_SIDE = 0.7;

interface SimilarityFeatures {
  /** Character pairs and Latin words (not pure numbers: unit numbers and dates differ between households). */
  terms: Set<string>;
  places: Set<string>;
  matters: Set<string>;
  /** Top-level category inferred from the text, or null. */
  root: string | null;
}

function similarityFeatures(text: string, tree: CompiledTree): SimilarityFeatures {
  const s = normalize(text);
  const terms = new Set<string>();
  scanSegments(s, (kind, run, chars) => {
    if (kind === SEG_WORD) {
      if (!isAllDigits(run)) terms.add(run);
      return;
    }
    const cs = chars ?? run.split('');
    let prev: string | null = null;
    for (const c of cs) {
      if (c.length === 1 && STOP_CHARS.has(c.charCodeAt(0))) {
        prev = null;
        continue;
      }
      if (prev !== null) {
        const pair = prev + c;
        if (!STOP_PAIRS.has(pair)) terms.add(pair);
      }
      prev = c;
    }
  });
  const places = new Set<string>();
  const matters = new Set<string>();
  conceptDict.scan(s, (concept, start) => {
    if (isNegated(s, start)) return;
    if (concept.startsWith('place:')) places.add(concept);
    else matters.add(concept);
  });
  const scores = scoreCategoriesWithCues(s, tree, defaultMajorSet, argmaxType(scoreTypeCues(s)));
  const best = bestNode(scores, tree);
  return { terms, places, matters, root: best >= 0 ? tree.nodes[tree.rootIndex[best]].code : null };
}

function isAllDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

export interface SimilarityOptions {
  /**
   * Whether the two tickets have the same (confirmed) category. Given, it replaces the categories the
   * texts suggest: `true` counts as a shared concept of weight `CONCEPT_WEIGHT` (the same-category
   * bonus, about +0.1 to +0.2 for short complaints); `false` halves the score. Omitted, each text's
   * top-level category is inferred from its keywords: equal ones count as a shared concept of weight
   * `CATEGORY_WEIGHT`, different ones halve the score.
   */
  sameCategory?: boolean;
  /** Tree for inferring categories (default: `defaultCategories`). */
  categories?: readonly CategoryNode[];
}

/**
 * How much two complaints are about the same matter, 0–1. A weighted cosine over
 * - the texts' character pairs (after `normalize`; stop characters such as 的了是在我们 and punctuation
 *   separate, pairs common to every complaint such as 物业/投诉/一直/严重 are left out, numbers are ignored),
 * - the places they name (车库/地库/B2 → garage …) and the matters (漏水/渗水/滴水 → leak …), weight 2 each,
 * - their top-level category (given by `sameCategory`, or inferred), weight 1 (2 when given);
 * halved once for each disagreement (both name places but share none; both name matters but share
 * none; categories differ) and multiplied by 0.75 when both share a place or matter but each also names
 * one the other does not (电梯广告太吵 / 隔壁装修太吵). 1 for equal texts, 0 when nothing is shared.
 */
export function similarity(a: string, b: string, opts: SimilarityOptions = {}): number {
  const tree = treeOf(opts.categories ?? defaultCategories);
  return compareFeatures(similarityFeatures(a, tree), similarityFeatures(b, tree), opts.sameCategory);
}

function compareFeatures(fa: SimilarityFeatures, fb: SimilarityFeatures, sameCategory: boolean | undefined): number {
  const concept2 = CONCEPT_WEIGHT * CONCEPT_WEIGHT;
  let dot = sharedCount(fa.terms, fb.terms);
  let normA = fa.terms.size;
  let normB = fb.terms.size;
  let factor = 1;
  for (const [x, y] of [
    [fa.places, fb.places],
    [fa.matters, fb.matters],
  ]) {
    const shared = sharedCount(x, y);
    dot += shared * concept2;
    normA += x.size * concept2;
    normB += y.size * concept2;
    if (x.size > 0 && y.size > 0) {
      if (shared === 0) factor *= MISMATCH_FACTOR;
      else if (shared < x.size && shared < y.size) factor *= PARTIAL_FACTOR;
    }
  }
  if (sameCategory === true) {
    dot += concept2;
    normA += concept2;
    normB += concept2;
  } else if (sameCategory === false) factor *= MISMATCH_FACTOR;
  else {
    const category2 = CATEGORY_WEIGHT * CATEGORY_WEIGHT;
    if (fa.root !== null) normA += category2;
    if (fb.root !== null) normB += category2;
    if (fa.root !== null && fb.root !== null) {
      if (fa.root === fb.root) dot += category2;
      else factor *= MISMATCH_FACTOR;
    }
  }
  if (dot === 0) return 0;
  const small = Math.min(normA, normB);
  const large = Math.max(normA, normB);
  return round2(Math.min(1, (factor * dot) / (small ** SHORTER_SIDE * large ** (1 - SHORTER_SIDE))));
}

function sharedCount(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let n = 0;
  for (const v of x) if (y.has(v)) n++;
  return n;
}

export interface SimilarityCandidate<Id> {
  id: Id;
  text: string;
  /** The household (unit or customer) that complained; complaints of the target's own household are skipped. */
  householdKey?: string | null;
  /** Confirmed category; compared with the target's when both are given (see `SimilarityOptions.sameCategory`). */
  categoryCode?: string | null;
}

/**
 * Ids of the candidates whose `similarity` to the target reaches the threshold, most similar first.
 * Candidates of the target's own household are left out: the caller counts distinct households (with the
 * target's) against `collectiveComplaint.minHouseholds`. The default threshold is the policy default
 * (`defaultPolicy.collectiveComplaint.similarity`); pass the project's effective value.
 */
export function findSimilar<Id>(
  target: string | { text: string; householdKey?: string | null; categoryCode?: string | null },
  candidates: readonly SimilarityCandidate<Id>[],
  threshold: number = defaultPolicy.collectiveComplaint.similarity,
  opts: { categories?: readonly CategoryNode[] } = {},
): Id[] {
  const t = typeof target === 'string' ? { text: target } : target;
  const tree = treeOf(opts.categories ?? defaultCategories);
  const ft = similarityFeatures(t.text, tree);
  const matches: { id: Id; sim: number }[] = [];
  for (const c of candidates) {
    if (t.householdKey != null && c.householdKey != null && c.householdKey === t.householdKey) continue;
    const same = t.categoryCode != null && c.categoryCode != null ? t.categoryCode === c.categoryCode : undefined;
    const sim = compareFeatures(ft, similarityFeatures(c.text, tree), same);
    if (sim >= threshold) matches.push({ id: c.id, sim });
  }
  return matches.sort((x, y) => y.sim - x.sim).map((m) => m.id);
}
