import type { CHANGED_FIELDS, ObligationChange, ObligationView } from '../../schemas/api.ts';

type Field = (typeof CHANGED_FIELDS)[number];

/** Pairs under one citation need only loose similarity: the citation already says "same provision". */
const SAME_CITATION_MIN = 0.25;
/** Across citations (renumbered articles) the sentence itself must be largely the same. */
const MOVED_MIN = 0.6;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Word tokens; scripts written without spaces fall back to character bigrams. */
export function tokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    if (CJK.test(word)) for (let i = 0; i < Math.max(1, word.length - 1); i++) out.add(word.slice(i, i + 2));
    else out.add(word);
  }
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / (a.size + b.size - common);
}

export function normalizeCitation(c: string): string {
  return c.toLowerCase().replace(/\s+/g, ' ').trim();
}

const FIELDS: Record<Field, (o: ObligationView) => string | null> = {
  modality: (o) => o.modality,
  subject: (o) => o.subject,
  action: (o) => o.action,
  deadline: (o) => o.deadline.text,
  condition: (o) => o.condition,
  penalty: (o) => o.penalty,
  citation: (o) => o.citation,
};

const norm = (s: string | null) => (s === null ? null : s.replace(/\s+/g, ' ').trim().toLowerCase());

function fieldChanges(a: ObligationView, b: ObligationView) {
  return (Object.keys(FIELDS) as Field[])
    .filter((f) => norm(FIELDS[f](a)) !== norm(FIELDS[f](b)))
    .map((field) => ({ field, before: FIELDS[field](a), after: FIELDS[field](b) }));
}

interface Candidate { i: number; j: number; score: number }

/** Greedy best-first pairing: each obligation joins at most one pair, highest similarity first. */
function pairUp(
  before: ObligationView[], after: ObligationView[], usedB: Set<number>, usedA: Set<number>,
  allowed: (a: ObligationView, b: ObligationView) => boolean, min: number, sig: (o: ObligationView) => Set<string>,
): Candidate[] {
  const candidates: Candidate[] = [];
  before.forEach((a, i) => {
    if (usedB.has(i)) return;
    after.forEach((b, j) => {
      if (usedA.has(j) || !allowed(a, b)) return;
      // Same modality breaks ties between sentences that differ only in their verb.
      const score = jaccard(sig(a), sig(b)) + (a.modality === b.modality ? 0.01 : 0);
      if (score >= min) candidates.push({ i, j, score });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const pairs: Candidate[] = [];
  for (const c of candidates) {
    if (usedB.has(c.i) || usedA.has(c.j)) continue;
    usedB.add(c.i);
    usedA.add(c.j);
    pairs.push(c);
  }
  return pairs;
}

/**
 * Obligations added, removed, changed and unchanged between two versions of a regulation. Pairs
 * are found first under the same citation, then across citations by sentence similarity (an
 * article renumbered between versions); what stays unpaired was added or removed.
 */
export function diffObligations(before: ObligationView[], after: ObligationView[]): ObligationChange[] {
  const cache = new Map<ObligationView, Set<string>>();
  const sig = (o: ObligationView) => {
    let s = cache.get(o);
    if (!s) cache.set(o, (s = tokens(o.quote)));
    return s;
  };
  const usedB = new Set<number>();
  const usedA = new Set<number>();
  const byCitation = pairUp(before, after, usedB, usedA,
    (a, b) => normalizeCitation(a.citation) === normalizeCitation(b.citation), SAME_CITATION_MIN, sig);
  const moved = pairUp(before, after, usedB, usedA, () => true, MOVED_MIN, sig);

  const changes: ObligationChange[] = [];
  for (const [pairs, matchedBy] of [[byCitation, 'citation'], [moved, 'sentence']] as const) {
    for (const p of pairs) {
      const a = before[p.i]!;
      const b = after[p.j]!;
      const fields = fieldChanges(a, b);
      changes.push({
        kind: fields.length ? 'changed' : 'unchanged', citation: b.citation, matchedBy,
        similarity: Math.round(Math.min(1, p.score) * 1000) / 1000, before: a, after: b, fields,
      });
    }
  }
  before.forEach((a, i) => {
    if (!usedB.has(i)) changes.push({ kind: 'removed', citation: a.citation, matchedBy: null, similarity: null, before: a, after: null, fields: [] });
  });
  after.forEach((b, j) => {
    if (!usedA.has(j)) changes.push({ kind: 'added', citation: b.citation, matchedBy: null, similarity: null, before: null, after: b, fields: [] });
  });
  // Reading order of the newer version; removed ones sit where they were in the older one.
  const position = (c: ObligationChange) => (c.after ? c.after.start : c.before!.start);
  return changes.sort((x, y) => position(x) - position(y) || (x.after ? 1 : 0) - (y.after ? 1 : 0));
}
