/**
 * Dictionary matching over normalized text, and the two checks every hit goes through: negated
 * (不漏了) and hypothetical (火灾隐患, 万一着火).
 *
 * Classification runs on every intake and similarity over many tickets, so all dictionaries are
 * compiled once (per category tree / phrase list, cached) and every text is scanned in one pass per
 * dictionary: no regular expression is built per call and nothing is quadratic in a text's length.
 */
import { HYPOTHETICAL_AFTER, HYPOTHETICAL_BEFORE, HYPOTHETICAL_DIRECT, NEGATION_FILLERS, NEGATORS, NEGATORS_2 } from './lexicons.ts';
import { isCjkUnit, isWordUnit, normalize } from './normalize.ts';

interface DictEntry<P> {
  term: string;
  /** Null payloads are "shields": they cover their span so shorter words inside it do not count (困难 shields 困). */
  payloads: P[];
}

/**
 * A dictionary matched by longest match: at each position the longest word starting there counts,
 * unless it lies wholly inside a longer word already counted (so 电梯困人 counts once, not also as 电梯
 * and 困人). Words are normalized when compiled; texts must be normalized by the caller.
 */
export class Dictionary<P> {
  private readonly byFirst = new Map<number, DictEntry<P>[]>();

  constructor(words: Iterable<readonly [string, P | null]>) {
    const byTerm = new Map<string, DictEntry<P>>();
    for (const [word, payload] of words) {
      const term = normalize(word).trim();
      if (term === '') continue;
      let entry = byTerm.get(term);
      if (!entry) {
        entry = { term, payloads: [] };
        byTerm.set(term, entry);
        const first = term.charCodeAt(0);
        const list = this.byFirst.get(first);
        if (list) list.push(entry);
        else this.byFirst.set(first, [entry]);
      }
      // Traditional variants normalize to the same term: keep one payload per node, not one per spelling.
      if (payload !== null && !entry.payloads.includes(payload)) entry.payloads.push(payload);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.term.length - a.term.length);
  }

  scan(s: string, onHit: (payload: P, start: number, end: number, term: string) => void): void {
    let coveredEnd = 0;
    for (let i = 0; i < s.length; i++) {
      const list = this.byFirst.get(s.charCodeAt(i));
      if (!list) continue;
      for (const entry of list) {
        if (!s.startsWith(entry.term, i)) continue;
        const end = i + entry.term.length;
        if (end > coveredEnd) {
          coveredEnd = end;
          for (const p of entry.payloads) onHit(p, i, end, entry.term);
        }
        break;
      }
    }
  }
}

/** Whether the word starting at `start` is negated (不漏了, 没有漏水, 不太吵). Looks back at most three characters. */
export function isNegated(s: string, start: number): boolean {
  if (negatorEndsAt(s, start)) return true;
  return start >= 2 && NEGATION_FILLERS.has(s.charCodeAt(start - 1)) && negatorEndsAt(s, start - 1);
}

function negatorEndsAt(s: string, p: number): boolean {
  return (p >= 1 && NEGATORS.has(s.charCodeAt(p - 1))) || (p >= 2 && NEGATORS_2.has(s.slice(p - 2, p)));
}

const CLAUSE_LOOKBACK = 6;

/** Whether an incident word at [start, end) is hypothetical, planned or a topic (see the two lists above). */
export function isHypothetical(s: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < CLAUSE_LOOKBACK) {
    const c = s.charCodeAt(from - 1);
    if (!isCjkUnit(c) && !isWordUnit(c)) break;
    from--;
  }
  if (start >= 1 && HYPOTHETICAL_DIRECT.has(s.charCodeAt(start - 1))) return true;
  if (from < start) {
    const before = s.slice(from, start);
    for (const w of HYPOTHETICAL_BEFORE) if (before.includes(w)) return true;
  }
  for (const w of HYPOTHETICAL_AFTER) if (s.startsWith(w, end)) return true;
  return false;
}
