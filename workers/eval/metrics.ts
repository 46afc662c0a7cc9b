/** Pure scoring functions of the eval harness. */

export interface Prf { precision: number | null; recall: number | null; f1: number | null; support: number; predicted: number }

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);

/** Per-label precision / recall / F1 over paired gold and predicted labels. */
export function perLabel(pairs: readonly { gold: string; predicted: string }[], labels: readonly string[]): Record<string, Prf> {
  const out: Record<string, Prf> = {};
  for (const label of labels) {
    const tp = pairs.filter((p) => p.gold === label && p.predicted === label).length;
    const support = pairs.filter((p) => p.gold === label).length;
    const predicted = pairs.filter((p) => p.predicted === label).length;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    const f1 = precision === null || recall === null || precision + recall === 0 ? (precision === 0 || recall === 0 ? 0 : null) : (2 * precision * recall) / (precision + recall);
    out[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support, predicted };
  }
  return out;
}

/** Word tokens, case-folded; letters and digits of any script. */
export function tokens(s: string): string[] {
  return s.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** SQuAD-style token F1 between a gold and a predicted string (multiset overlap). */
export function tokenF1(gold: string, predicted: string): number {
  const g = tokens(gold);
  const p = tokens(predicted);
  if (!g.length || !p.length) return g.length === p.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      overlap++;
      counts.set(t, c - 1);
    }
  }
  if (!overlap) return 0;
  const precision = overlap / p.length;
  const recall = overlap / g.length;
  return (2 * precision * recall) / (precision + recall);
}

export interface Consistency {
  /** Share of (article, language) pairs whose norm count equals the pivot language's count. */
  agreement: number | null;
  /** Mean absolute difference from the pivot count. */
  meanAbsDiff: number | null;
  /** Share of articles where every language yields the same count. */
  allEqual: number | null;
  /**
   * Share of (article, language) pairs whose count is within max(1, 25%) of the pivot's count: the
   * issue-9 measure, tolerant of one language splitting a sentence the pivot keeps whole.
   */
  withinTolerance: number | null;
  perLanguage: Record<string, { agreement: number | null; withinTolerance: number | null; meanAbsDiff: number | null; norms: number }>;
}

/** True when `count` is within max(1, 25% of the pivot) of the pivot's `base` count. */
export function withinTolerance(count: number, base: number): boolean {
  return Math.abs(count - base) <= Math.max(1, 0.25 * base);
}

/** Cross-language consistency of norm counts per group, against a pivot language. */
export function consistency(counts: readonly { group: string; lang: string; count: number }[], pivot: string): Consistency {
  const byGroup = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const g = byGroup.get(c.group) ?? new Map<string, number>();
    g.set(c.lang, c.count);
    byGroup.set(c.group, g);
  }
  const perLang = new Map<string, { agree: number; near: number; diff: number; n: number; norms: number }>();
  let agree = 0, near = 0, diff = 0, n = 0, allEqual = 0, groups = 0;
  for (const langs of byGroup.values()) {
    const base = langs.get(pivot);
    if (base === undefined) continue;
    groups++;
    if (new Set(langs.values()).size === 1) allEqual++;
    for (const [lang, count] of langs) {
      const s = perLang.get(lang) ?? { agree: 0, near: 0, diff: 0, n: 0, norms: 0 };
      s.norms += count;
      perLang.set(lang, s);
      if (lang === pivot) continue;
      const close = withinTolerance(count, base) ? 1 : 0;
      s.n++; s.agree += count === base ? 1 : 0; s.near += close; s.diff += Math.abs(count - base);
      n++; agree += count === base ? 1 : 0; near += close; diff += Math.abs(count - base);
    }
  }
  const perLanguage: Consistency['perLanguage'] = {};
  for (const [lang, s] of [...perLang].sort(([a], [b]) => a.localeCompare(b))) {
    perLanguage[lang] = { agreement: round(ratio(s.agree, s.n)), withinTolerance: round(ratio(s.near, s.n)), meanAbsDiff: round(ratio(s.diff, s.n)), norms: s.norms };
  }
  return {
    agreement: round(ratio(agree, n)), withinTolerance: round(ratio(near, n)), meanAbsDiff: round(ratio(diff, n)),
    allEqual: round(ratio(allEqual, groups)), perLanguage,
  };
}

export { round };
