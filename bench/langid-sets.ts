import { readFileSync } from 'node:fs';
import { QWEN_LANGUAGES, qwenLanguageForCode } from '../services/ingest/language/qwen-languages.ts';
import { toBcp47 } from '../services/ingest/language/codes.ts';
import { corpusPath } from '../test/support/corpus.ts';

/**
 * Text sets for the language-ID benchmark, built at run time from the corpus (never copied into
 * the repository). Short texts: UDHR paragraphs of every Qwen language with a stage ≥ 4
 * translation, cut at word boundaries (characters for scripts without spaces) into pieces of
 * 15-60 characters — the length of headings, labels and table cells.
 */
export interface LabelledText { text: string; gold: string }

export const decodeXml = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const SHORT_MIN = 15;
const SHORT_MAX = 60;
const SHORT_PER_LANGUAGE = 25;

/** Pieces of 15-60 characters (median ~35), cut at spaces where the text has them. */
export function cutShort(paragraph: string, seed: number): string[] {
  const out: string[] = [];
  const spaced = /\s/.test(paragraph.trim());
  const units = spaced ? paragraph.split(/\s+/).filter(Boolean) : [...paragraph.replace(/\s+/g, '')];
  let target = SHORT_MIN + ((seed * 7919) % (SHORT_MAX - SHORT_MIN + 1));
  let piece = '';
  for (const u of units) {
    const next = piece ? (spaced ? `${piece} ${u}` : piece + u) : u;
    if (next.length > SHORT_MAX) {
      if (piece.length >= SHORT_MIN) out.push(piece);
      piece = u.length <= SHORT_MAX ? u : '';
      target = SHORT_MIN + (((seed + out.length) * 7919) % (SHORT_MAX - SHORT_MIN + 1));
      continue;
    }
    piece = next;
    if (piece.length >= target) {
      out.push(piece);
      piece = '';
      target = SHORT_MIN + (((seed + out.length) * 7919) % (SHORT_MAX - SHORT_MIN + 1));
    }
  }
  if (piece.length >= SHORT_MIN) out.push(piece);
  return out;
}

function udhrParagraphs(file: string): string[] {
  const xml = readFileSync(corpusPath('langid', 'udhr', `udhr_${file}.xml`), 'utf8');
  const articles = xml.slice(Math.max(0, xml.indexOf('<article')));
  return [...articles.matchAll(/<(?:para|title)>([\s\S]*?)<\/(?:para|title)>/g)].map((p) => decodeXml(p[1]!).replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** One UDHR file per Qwen language (its own code first, then aliases), stage ≥ 4. */
export function udhrFilesForQwen(): Array<{ file: string; gold: string }> {
  const index = readFileSync(corpusPath('langid', 'udhr', 'index.xml'), 'utf8');
  const entries = [...index.matchAll(/<udhr f='([^']+)'\s+iso639-3='([a-z]{3})'[^>]*stage='([45])'/g)].map((m) => ({ file: m[1]!, iso: m[2]! }));
  const out: Array<{ file: string; gold: string }> = [];
  const seen = new Set<string>();
  for (const l of QWEN_LANGUAGES) {
    if (seen.has(l.iso6393)) continue;
    const e = [l.iso6393, ...l.detectedAs].map((c) => entries.find((x) => x.iso === c)).find(Boolean);
    if (!e) continue;
    seen.add(l.iso6393);
    out.push({ file: e.file, gold: l.iso6393 });
  }
  return out;
}

export function shortTexts(): LabelledText[] {
  const out: LabelledText[] = [];
  for (const { file, gold } of udhrFilesForQwen()) {
    let paras: string[];
    try {
      paras = udhrParagraphs(file);
    } catch {
      continue;
    }
    const pieces = paras.flatMap((p, i) => cutShort(p, i)).filter((_, i) => i % 3 === 0);
    for (const text of pieces.slice(0, SHORT_PER_LANGUAGE)) out.push({ text, gold });
  }
  return out;
}

/** Right when the guess names the gold language: same code, an alias of the same Qwen language, or the same BCP-47 tag. */
export function sameLanguage(guess: string, gold: string): boolean {
  if (guess === gold) return true;
  const a = qwenLanguageForCode(guess);
  const b = qwenLanguageForCode(gold);
  if (a && b && a.iso6393 === b.iso6393) return true;
  const tag = toBcp47(guess);
  return tag !== 'und' && (tag === toBcp47(gold) || (gold.length === 2 && tag === gold));
}
