/**
 * Myanmar stacks vowel signs and medials high above the base line; tesseract's line finder takes
 * that band of marks for a line of its own and "reads" it as a row of one- and two-letter
 * tokens ("၀၀ ဂ ရြ ၀၀၈ ၀ ဝ ဓ ရု ရြ", or "oc c c OC oo" with the script model) above each real
 * line: on a generated 18-line page that was 126 of 156 spaces and most of the 56% CER. Real
 * Myanmar text spaces phrases, not letters, so a line made only of such scraps is dropped.
 */

/** Models whose pages get the clean-up. */
const MARK_STACKING_MODELS: ReadonlySet<string> = new Set(['mya', 'Myanmar']);
const MIN_SCRAPS = 4;
/** A scrap: at most this many code points. */
const SCRAP_MAX = 3;

export function dropMarkLines(text: string, model: string): string {
  if (!MARK_STACKING_MODELS.has(model)) return text;
  return text
    .split('\n')
    .filter((line) => {
      const tokens = line.trim().split(/\s+/).filter(Boolean);
      return tokens.length < MIN_SCRAPS || tokens.some((t) => [...t].length > SCRAP_MAX);
    })
    .join('\n');
}
