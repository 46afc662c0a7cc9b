/**
 * Character error rate for OCR evaluation: edit distance (code points) between normalised
 * recognition and ground truth, divided by the ground-truth length. Shared by the corpus suite
 * and the OCR benchmark so both report the same number.
 */

export type CerProfile = 'plain' | 'arabic';

/** Harakat, superscript alef, tatweel: the OpenITI ground truth is inconsistent about them (ocr/NOTES.md). */
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu;

export function normaliseForCer(text: string, profile: CerProfile = 'plain'): string {
  let t = text.normalize('NFC');
  if (profile === 'arabic') {
    // The GT normalises punctuation and brackets (ornamental Qur'anic brackets become "( )"), so
    // punctuation is compared away; letters are what OCR quality is about.
    t = t.replace(ARABIC_MARKS, '').replace(/[\p{P}\p{S}]/gu, ' ');
  }
  // Line breaks and runs of spaces are layout, not characters.
  return t.replace(/\s+/gu, ' ').trim();
}

export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (!x.length) return y.length;
  if (!y.length) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  let cur = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const sub = prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

/** Errors and reference length summed over a set, so long pages weigh more than short lines. */
export interface CerTally {
  errors: number;
  chars: number;
}

export function cerTally(hypothesis: string, reference: string, profile: CerProfile = 'plain'): CerTally {
  const ref = normaliseForCer(reference, profile);
  return { errors: editDistance(normaliseForCer(hypothesis, profile), ref), chars: [...ref].length };
}

export function addTally(a: CerTally, b: CerTally): CerTally {
  return { errors: a.errors + b.errors, chars: a.chars + b.chars };
}

export const cerOf = (t: CerTally): number => (t.chars ? t.errors / t.chars : 0);
