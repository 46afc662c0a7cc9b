import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { MODALITIES, type Modality } from '../../schemas/obligation.ts';
import { splitSentences } from '../../services/ingest/segments/sentences.ts';
import type { Extractor } from '../extract/extractor.ts';

/**
 * GDPR paragraph-level evaluation: hand labels (which norm types each numbered paragraph states)
 * made from the English text, projected to the other 23 official translations by article and
 * paragraph number. The text the engine reads carries no label, so the score measures reading
 * the law, not reading an answer. Per language: precision and recall per modality and for "states
 * any norm", at paragraph level (a paragraph is predicted to state a modality when the engine
 * extracts at least one obligation of that modality from it).
 */

export const LABELS_FILE = path.join(import.meta.dirname, 'sets', 'gdpr-paragraph-labels.json');

const LabelsFile = z.object({
  about: z.string(),
  guidelines: z.array(z.string()),
  labels: z.record(z.string().regex(/^\d+\.\d+$/), z.array(z.enum(MODALITIES))),
});

/** Paragraph key ("17.3") → the modalities it states (empty: none). */
export type ParagraphLabels = ReadonlyMap<string, ReadonlySet<Modality>>;

export async function loadParagraphLabels(file = LABELS_FILE): Promise<ParagraphLabels> {
  const parsed = LabelsFile.parse(JSON.parse(await readFile(file, 'utf8')));
  return new Map(Object.entries(parsed.labels).map(([k, v]) => [k, new Set(v)]));
}

/** Corpus folder names (ISO 639-1) → the ISO 639-3 codes the engines take. */
export const GDPR_LANGUAGES: Readonly<Record<string, string>> = {
  bg: 'bul', cs: 'ces', da: 'dan', de: 'deu', el: 'ell', en: 'eng', es: 'spa', et: 'est', fi: 'fin', fr: 'fra',
  ga: 'gle', hr: 'hrv', hu: 'hun', it: 'ita', lt: 'lit', lv: 'lav', mt: 'mlt', nl: 'nld', pl: 'pol', pt: 'por',
  ro: 'ron', sk: 'slk', sl: 'slv', sv: 'swe',
};

/**
 * Numbered paragraphs of one article's text. Most translations number them "1.", German,
 * Hungarian and Romanian "(1)"; an article that starts with neither is one paragraph.
 */
export function splitParagraphs(text: string): string[] {
  const trimmed = text.trim();
  const style = /^\d+\.\n/.test(trimmed) ? /\n(?=\d+\.\n)/ : /^\(\d+\)\n/.test(trimmed) ? /\n(?=\(\d+\)\n)/ : null;
  const parts = style ? trimmed.split(style) : [trimmed];
  return parts.map((p) => p.replace(/^(?:\d+\.|\(\d+\))\n/, '').trim()).filter(Boolean);
}

/** article number → its paragraphs, for one language folder. */
export async function readParagraphs(regulationsDir: string, dir: string): Promise<Map<number, string[]>> {
  const file = path.join(regulationsDir, dir, `gdpr-2016-679-articles-${dir}.DERIVED.jsonl`);
  const out = new Map<number, string[]>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as { article: string; text: string };
    out.set(Number(record.article), splitParagraphs(record.text));
  }
  return out;
}

export interface Prf { precision: number | null; recall: number | null; tp: number; fp: number; fn: number }

export interface LanguageScore {
  lang: string;
  /** Labelled paragraphs scored: those of articles whose paragraph count matches the English one. */
  paragraphs: number;
  /** Labelled paragraphs left out because the translation numbers the article differently. */
  unaligned: number;
  /** Does the paragraph state any norm? */
  anyNorm: Prf;
  byModality: Record<Modality, Prf>;
  /** Micro-average over the four modalities. */
  micro: Prf;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

export function prf(tp: number, fp: number, fn: number): Prf {
  return { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), tp, fp, fn };
}

/** Scores predicted modality sets against gold sets, paragraph by paragraph. */
export function scoreParagraphs(
  lang: string, pairs: readonly { gold: ReadonlySet<Modality>; predicted: ReadonlySet<Modality> }[], unaligned: number,
): LanguageScore {
  const count = (f: (p: (typeof pairs)[number]) => boolean) => pairs.filter(f).length;
  const byModality = Object.fromEntries(MODALITIES.map((m) => [m, prf(
    count((p) => p.gold.has(m) && p.predicted.has(m)),
    count((p) => !p.gold.has(m) && p.predicted.has(m)),
    count((p) => p.gold.has(m) && !p.predicted.has(m)),
  )])) as Record<Modality, Prf>;
  const sum = (k: 'tp' | 'fp' | 'fn') => MODALITIES.reduce((a, m) => a + byModality[m][k], 0);
  return {
    lang,
    paragraphs: pairs.length,
    unaligned,
    anyNorm: prf(
      count((p) => p.gold.size > 0 && p.predicted.size > 0),
      count((p) => p.gold.size === 0 && p.predicted.size > 0),
      count((p) => p.gold.size > 0 && p.predicted.size === 0),
    ),
    byModality,
    micro: prf(sum('tp'), sum('fp'), sum('fn')),
  };
}

/** The modalities an engine extracts from one paragraph. */
async function predict(extractor: Extractor, text: string, lang: string, citation: string): Promise<Set<Modality>> {
  const spans = splitSentences(text, lang);
  const sentences = (spans.length ? spans : [{ start: 0, end: text.length }]).map((s) => text.slice(s.start, s.end));
  const result = await extractor.extractSegment({ citation, heading: null, language: lang, sentences });
  return new Set(result.obligations.map((o) => o.modality));
}

/**
 * Runs `extractor` over every labelled paragraph in each language (all 24 by default). An article
 * is scored in a language only when the translation has as many numbered paragraphs as the
 * English text, so a paragraph number always names the same paragraph.
 */
export async function evaluateGdprParagraphs(
  extractor: Extractor, regulationsDir: string, labels: ParagraphLabels, languages?: readonly string[],
): Promise<LanguageScore[]> {
  const english = await readParagraphs(regulationsDir, 'en');
  const dirs = (await readdir(regulationsDir)).filter((d) => GDPR_LANGUAGES[d] && (!languages || languages.includes(d))).sort();
  const scores: LanguageScore[] = [];
  for (const dir of dirs) {
    const lang = GDPR_LANGUAGES[dir]!;
    const articles = await readParagraphs(regulationsDir, dir);
    const pairs: { gold: ReadonlySet<Modality>; predicted: ReadonlySet<Modality> }[] = [];
    let unaligned = 0;
    for (const [key, gold] of labels) {
      const [article, paragraph] = key.split('.').map(Number) as [number, number];
      const own = articles.get(article);
      if (!own || own.length !== english.get(article)?.length) {
        unaligned++;
        continue;
      }
      pairs.push({ gold, predicted: await predict(extractor, own[paragraph - 1]!, lang, `Article ${article}(${paragraph})`) });
    }
    scores.push(scoreParagraphs(lang, pairs, unaligned));
  }
  return scores;
}

const pct = (x: number | null) => (x === null ? '–' : (x * 100).toFixed(1));

/** The per-language table as Markdown (BENCHMARKS.md). */
export function markdownTable(scores: readonly LanguageScore[]): string {
  const head = '| language | paragraphs | any norm P / R | obligation P / R | prohibition P / R | permission P / R | exemption P / R | micro P / R |';
  const rule = '|---|---|---|---|---|---|---|---|';
  const pr = (s: Prf) => `${pct(s.precision)} / ${pct(s.recall)}`;
  const rows = scores.map((s) => `| ${s.lang} | ${s.paragraphs}${s.unaligned ? ` (${s.unaligned} unaligned)` : ''} | ${pr(s.anyNorm)} | ${pr(s.byModality.obligation)} | ${pr(s.byModality.prohibition)} | ${pr(s.byModality.permission)} | ${pr(s.byModality.exemption)} | ${pr(s.micro)} |`);
  return [head, rule, ...rows].join('\n');
}
