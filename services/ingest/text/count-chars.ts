/**
 * Characters of `text` matched by `re`, a global regex, best over runs (`/\p{L}+/gu`): removing
 * them in one native pass is ~5× cheaper than a match per character on whole documents. Counts
 * UTF-16 units, so a supplementary-plane character counts twice; callers' thresholds are far
 * coarser than that.
 */
export function countChars(text: string, re: RegExp): number {
  return text.length - text.replace(re, '').length;
}
