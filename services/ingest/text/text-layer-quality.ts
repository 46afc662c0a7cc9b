/**
 * Is a PDF text layer what the page shows? pdf.js returns whatever the font's ToUnicode map and
 * the content-stream order say, and both can be wrong in ways that look like text: Devanagari
 * vowel signs in visual order, Arabic in reversed visual order, CJK glyph ids mapped to random
 * supplementary-plane ideographs, control codes from broken font encodings, and the gibberish
 * of an old scanner's OCR layer. Each check is a pure function over the extracted text that
 * names the problem, so the page's recorded reason says why OCR was chosen.
 */

import { countChars } from './count-chars.ts';

export interface LayerVerdict {
  ok: boolean;
  reason: string;
}

/** Too little evidence for a statistical check below these counts. */
const MIN_SIGNS = 5;
const MIN_TOKENS = 20;

const DEVANAGARI_BLOCK = /[\u0900-\u097F]/u;
const SIGN = '[\\u093A\\u093B\\u093E-\\u094C\\u094E\\u094F\\u0955-\\u0957\\u0962\\u0963]';
/** Consonants and the nukta: the only things a dependent vowel sign may follow. */
const BASE = '(?:[\\u0915-\\u0939\\u0958-\\u095F\\u0978-\\u097F]|\\u093C)';
const DEVANAGARI_SIGNS = new RegExp(SIGN, 'gu');
const MISPLACED_SIGNS = new RegExp(`(?<!${BASE})${SIGN}`, 'gu');

/**
 * A dependent vowel sign follows its consonant (or nukta) in logical order. pdf.js on many
 * Devanagari PDFs returns glyph order instead: short i (ि) before the consonant, o/au split into
 * e + aa, so signs start words or follow other signs. A few per cent of such signs is enough:
 * in well-formed text there are none.
 */
export function misplacedDevanagariSigns(text: string): { signs: number; misplaced: number } {
  // Most pages have no Devanagari at all; one scan for the block settles that.
  if (!DEVANAGARI_BLOCK.test(text)) return { signs: 0, misplaced: 0 };
  return { signs: countChars(text, DEVANAGARI_SIGNS), misplaced: countChars(text, MISPLACED_SIGNS) };
}

/**
 * Arabic letters that only end words (ة, ى) starting words, and the article ال appearing as
 * "لا" at word ends, mean each word's letters are in reversed (visual) order.
 */
export function reversedArabicScore(text: string): { forward: number; reversed: number } {
  const words = text.match(/[\u0621-\u064A\u0671-\u06D3]{2,}/gu) ?? [];
  let forward = 0;
  let reversed = 0;
  for (const w of words) {
    if (/^ال/u.test(w) && w.length > 3) forward++;
    if (/[ةى]$/u.test(w)) forward++;
    if (/لا$/u.test(w) && w.length > 3) reversed++;
    if (/^[ةى]/u.test(w)) reversed++;
  }
  return { forward, reversed };
}

const SCRIPTS: readonly RegExp[] = [
  /\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Script=Arabic}/u, /\p{Script=Hebrew}/u,
  // Japanese kana count as Han: kanji and kana mix in one word.
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, /\p{Script=Hangul}/u, /\p{Script=Devanagari}/u,
  /\p{Script=Thai}/u, /\p{Script=Georgian}/u, /\p{Script=Armenian}/u,
];
/** A word of plain ASCII lower-case letters (the bulk of Latin text) cannot be garbled. */
const PLAIN_WORD = /^[A-Z]?[a-z]+[.,;:!?)]*$/;

/** Whether one token's letters come from more than one script. */
function mixesScripts(token: string): boolean {
  let seen = 0;
  for (const re of SCRIPTS) if (re.test(token) && ++seen > 1) return true;
  return false;
}

/** Letters glued to symbols or digits, or upper case inside lower case ("Cl>opMa", "V1HH", "CyMMa"). */
function looksGarbled(token: string): boolean {
  if (PLAIN_WORD.test(token)) return false;
  const letters = token.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  if (/\p{L}[<>|{}~^\\@#$%*=_]+\p{L}/u.test(token)) return true;
  if (/\p{L}\d+\p{L}/u.test(token)) return true;
  if (/\p{Ll}\p{Lu}/u.test(token.slice(1))) return true;
  return mixesScripts(token);
}

function tokens(text: string): string[] {
  return text.split(/\s+/u).filter((t) => /\p{L}/u.test(t) && t.length >= 3);
}

const LETTERS = /\p{L}+/gu;


/** Run every check in order of confidence; the first failing one gives the reason. */
export function assessTextLayer(text: string): LayerVerdict {
  const letters = countChars(text, LETTERS);
  if (letters === 0) return { ok: false, reason: 'no text layer' };

  // eslint-disable-next-line no-control-regex -- control codes in a text layer are the symptom
  const controls = text.match(/[\u0000-\u0008\u000B-\u001F\u007F]/g)?.length ?? 0;
  if (controls >= 10 && controls > 0.02 * text.length) return { ok: false, reason: `text layer garbled: ${controls} control codes (broken font encoding)` };

  const unmapped = text.match(/[\uFFFD\uE000-\uF8FF]/gu)?.length ?? 0;
  if (unmapped >= 5 && unmapped > 0.05 * letters) return { ok: false, reason: `text layer garbled: ${unmapped} unmapped glyphs (U+FFFD / private use)` };

  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const rareHan = text.match(/[\u{20000}-\u{3FFFF}]/gu)?.length ?? 0;
  // Real text almost never needs Extension B+ ideographs; a broken ToUnicode map lands there often.
  if (rareHan >= 1 && rareHan > 0.05 * han) return { ok: false, reason: `text layer garbled: CJK mojibake (${rareHan} of ${han} ideographs from the supplementary planes)` };

  const deva = misplacedDevanagariSigns(text);
  if (deva.signs >= MIN_SIGNS && deva.misplaced > 0.03 * deva.signs) {
    return { ok: false, reason: `text layer garbled: ${deva.misplaced} of ${deva.signs} Devanagari vowel signs out of logical order` };
  }

  const arabic = reversedArabicScore(text);
  if (arabic.reversed >= MIN_SIGNS && arabic.reversed > 2 * arabic.forward) {
    return { ok: false, reason: `text layer garbled: Arabic in reversed visual order (${arabic.reversed} reversed vs ${arabic.forward} forward word shapes)` };
  }

  const toks = tokens(text);
  const bad = toks.filter(looksGarbled).length;
  if (toks.length >= MIN_TOKENS && bad > 0.2 * toks.length) {
    return { ok: false, reason: `text layer garbled: ${bad} of ${toks.length} words look like bad OCR or broken encoding` };
  }
  if (toks.length > 0 && toks.length < MIN_TOKENS && bad > 0.5 * toks.length && bad >= 2) {
    return { ok: false, reason: `text layer garbled: ${bad} of ${toks.length} words look like bad OCR or broken encoding` };
  }
  return { ok: true, reason: 'text layer present' };
}
