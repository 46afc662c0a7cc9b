import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalItem, EvalSet } from './eval-set.ts';

/** ISO 639-1 folder names to the ISO 639-3 codes the engines use. */
const ISO3: Readonly<Record<string, string>> = {
  bg: 'bul', cs: 'ces', da: 'dan', de: 'deu', el: 'ell', en: 'eng', es: 'spa', et: 'est', fi: 'fin', fr: 'fra',
  ga: 'gle', hr: 'hrv', hu: 'hun', it: 'ita', lt: 'lit', lv: 'lav', mt: 'mlt', nl: 'nld', pl: 'pol', pt: 'por',
  ro: 'ron', sk: 'slk', sl: 'slv', sv: 'swe',
};

interface ArticleRecord { lang: string; article: string; text: string }

/**
 * GDPR articles 1-99 in the 24 EU languages, one item per article and language, grouped by
 * article: unlabelled, so it measures cross-language consistency (the same article should yield
 * the same number of norms in every language) and prefilter behaviour per language.
 */
export async function loadGdprSet(regulationsDir: string, languages?: readonly string[]): Promise<EvalSet> {
  const items: EvalItem[] = [];
  const dirs = (await readdir(regulationsDir)).filter((d) => ISO3[d] && (!languages || languages.includes(d) || languages.includes(ISO3[d]))).sort();
  for (const dir of dirs) {
    const file = path.join(regulationsDir, dir, `gdpr-2016-679-articles-${dir}.DERIVED.jsonl`);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as ArticleRecord;
      items.push({ lang: ISO3[dir]!, label: null, text: r.text, group: `Article ${Number(r.article)}` });
    }
  }
  if (!items.length) throw new Error(`No GDPR articles under ${regulationsDir}`);
  return {
    name: 'gdpr',
    items,
    notes: [
      'GDPR is unlabelled: it measures cross-language consistency (norm counts per article against English) and the prefilter per language.',
      'Prefilter recall per language uses English as pivot: of the numbered paragraphs where the English text has a deontic trigger, the share whose same-numbered paragraph in the language also has one.',
    ],
  };
}

/** Numbered paragraphs of a GDPR article ("1.\n...\n2.\n..."); an unnumbered article is one paragraph. */
export function gdprParagraphs(text: string): string[] {
  const parts = text.split(/\n(?=\d+\.\n)/).map((p) => p.trim()).filter(Boolean);
  return parts.length ? parts : [text];
}
