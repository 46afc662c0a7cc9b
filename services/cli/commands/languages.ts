import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { data as francData } from 'franc-all/data.js';
import { expressions as francScripts } from 'franc-all/expressions.js';
import { lexiconCode } from '../../../workers/extract/engines/rules/triggers.ts';
import { cld2Knows } from '../../ingest/language/cld2.ts';
import { QWEN_LANGUAGES } from '../../ingest/language/qwen-languages.ts';
import { scriptsOf, type Script } from '../../ingest/language/scripts.ts';
import { defaultTessdataDir, ocrModelForLanguage, Tessdata, type LanguageOcrModel } from '../../ingest/ocr/tessdata.ts';
import { parseHeading } from '../../ingest/segments/headings.ts';

/**
 * One row per Qwen language: what each stage of the pipeline can do with it — which detector can
 * name it, which OCR model reads it (and whether it is installed here), whether the rules engine
 * has deontic triggers for it, and whether the segmenter recognises its article headings.
 * `obligato languages` prints it; `npm run languages:readme` writes it into the README.
 */

export interface LanguageRow {
  name: string;
  iso6393: string;
  bcp47: string;
  scripts: readonly Script[];
  detectors: { cld2: boolean; franc: boolean };
  ocr: LanguageOcrModel | null;
  /** The rules engine's trigger lexicon that covers the language, or null. */
  rules: string | null;
  /**
   * An article heading as the language's legislation writes it, and whether parseHeading
   * recognises it as an article; null where no sample is on file (the generic forms — "Art. 5",
   * "§ 5", numbered lines — still apply).
   */
  heading: { sample: string; recognised: boolean } | null;
}

/** franc's trigram languages, plus those it names from their script alone (cmn, kor, tha, hye, …: lowercase keys). */
const FRANC_CODES: ReadonlySet<string> = new Set([
  ...Object.values(francData).flatMap((byCode) => Object.keys(byCode)),
  ...Object.keys(francScripts).filter((k) => /^[a-z]{3}$/.test(k)),
]);

/**
 * "Article 5" as statutes in the language head it (official gazettes and the EU's GDPR
 * translations). Arabic varieties share Modern Standard Arabic's legislative register.
 */
const HEADING_SAMPLES: Readonly<Record<string, string>> = {
  eng: 'Article 5', fra: 'Article 5', deu: 'Artikel 5', spa: 'Artículo 5', ita: 'Articolo 5', por: 'Artigo 5', nld: 'Artikel 5',
  swe: 'Artikel 5', dan: 'Artikel 5', fin: '5 artikla', est: 'Artikkel 5', lav: '5. pants', lit: '5 straipsnis', pol: 'Artykuł 5',
  ces: 'Článek 5', slk: 'Článok 5', slv: 'Člen 5', hrv: 'Članak 5.', srp: 'Члан 5.', bos: 'Član 5.', bul: 'Член 5', ron: 'Articolul 5',
  hun: '5. cikk', ell: 'Άρθρο 5', gle: 'Airteagal 5', mlt: 'Artikolu 5', cmn: '第五条', yue: '第五條', jpn: '第五条', kor: '제5조(목적)',
  arb: 'المادة 5', rus: 'Статья 5', ukr: 'Стаття 5', bel: 'Артыкул 5', mkd: 'Член 5', hin: 'अनुच्छेद 5', mar: 'कलम 5',
  nep: 'दफा ५', ben: 'ধারা ৫', urd: 'دفعہ 5', fas: 'ماده ۵', prs: 'ماده ۵', heb: 'סעיף 5', tur: 'Madde 5', ind: 'Pasal 5',
  zsm: 'Seksyen 5', vie: 'Điều 5', tha: 'มาตรา 5', lao: 'ມາດຕາ 5', khm: 'មាត្រា ៥', mya: 'ပုဒ်မ ၅', tgl: 'Seksiyon 5',
  swa: 'Kifungu 5', cat: 'Article 5', glg: 'Artigo 5', eus: '5. artikulua', isl: '5. gr.', nob: '§ 5', nno: '§ 5',
  als: 'Neni 5', afr: 'Artikel 5', kat: 'მუხლი 5', hye: 'Հոդված 5', azj: 'Maddə 5', kaz: '5-бап', uzn: '5-modda',
  tam: 'பிரிவு 5', amh: 'አንቀጽ 5', ltz: 'Artikel 5', cym: 'Erthygl 5', ast: 'Artículu 5', oci: 'Article 5',
};
const ARABIC_VARIETIES = ['ars', 'apc', 'arz', 'ary', 'acm', 'acq', 'aeb', 'afb', 'arq', 'apd', 'ayl'];

function headingOf(iso3: string): LanguageRow['heading'] {
  const sample = HEADING_SAMPLES[ARABIC_VARIETIES.includes(iso3) ? 'arb' : iso3];
  if (!sample) return null;
  return { sample, recognised: parseHeading(sample)?.kind === 'article' };
}

export function languageCatalogue(tessdata: Tessdata): LanguageRow[] {
  return QWEN_LANGUAGES.map((l) => {
    const codes = [l.iso6393, ...l.detectedAs];
    const scripts = scriptsOf(l);
    return {
      name: l.name,
      iso6393: l.iso6393,
      bcp47: l.bcp47,
      scripts,
      detectors: { cld2: codes.some((c) => cld2Knows(c, l.bcp47)), franc: codes.some((c) => FRANC_CODES.has(c)) },
      ocr: ocrModelForLanguage(tessdata, codes, scripts, l.bcp47 === 'zh-Hant' || l.iso6393 === 'yue'),
      rules: codes.map((c) => lexiconCode(c)).find((c) => c !== null) ?? null,
      heading: headingOf(l.iso6393),
    };
  });
}

export interface CatalogueSummary {
  languages: number;
  ocrInstalled: number;
  ocrLanguageModel: number;
  detected: number;
  rules: number;
  headingsRecognised: number;
  headingSamples: number;
}

export function summarise(rows: readonly LanguageRow[]): CatalogueSummary {
  return {
    languages: rows.length,
    ocrInstalled: rows.filter((r) => r.ocr?.installed).length,
    ocrLanguageModel: rows.filter((r) => r.ocr?.installed && r.ocr.kind === 'language').length,
    detected: rows.filter((r) => r.detectors.cld2 || r.detectors.franc).length,
    rules: rows.filter((r) => r.rules).length,
    headingsRecognised: rows.filter((r) => r.heading?.recognised).length,
    headingSamples: rows.filter((r) => r.heading).length,
  };
}

/** The catalogue as a Markdown table (README). */
export function catalogueMarkdown(rows: readonly LanguageRow[]): string {
  const yes = (b: boolean) => (b ? '✓' : '—');
  const lines = [
    '| language | ISO 639-3 | BCP-47 | script | CLD2 | franc | OCR model | rules triggers | article heading |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const ocr = r.ocr ? `${r.ocr.model} (${r.ocr.kind}${r.ocr.installed ? '' : ', not installed'})` : 'none';
    const heading = r.heading ? `${r.heading.sample} ${r.heading.recognised ? '✓' : '✗'}` : '—';
    lines.push(`| ${r.name} | ${r.iso6393} | ${r.bcp47} | ${r.scripts.join(', ')} | ${yes(r.detectors.cld2)} | ${yes(r.detectors.franc)} | ${ocr} | ${r.rules ?? '—'} | ${heading} |`);
  }
  return lines.join('\n');
}

/**
 * `obligato languages [--json]`: the catalogue for this machine (OCR "installed" reads TESSDATA_DIR).
 * JSON: {summary, languages: LanguageRow[]}.
 */
export function registerLanguagesCommand(program: Command): void {
  program
    .command('languages')
    .description("Qwen's 201 languages: codes, script, detectors, OCR model (installed?), rules triggers, article headings")
    .option('--json', 'print {summary, languages:[…]} as JSON')
    .option('--markdown', 'print the README table')
    .option('--readme', "rewrite the table in README.md (npm run languages:readme; run where npm run setup installed the models)")
    .action((flags: { json?: boolean; markdown?: boolean; readme?: boolean }) => {
      const rows = languageCatalogue(new Tessdata(defaultTessdataDir()));
      const summary = summarise(rows);
      if (flags.readme) {
        writeReadmeTable(path.join(import.meta.dirname, '..', '..', '..', 'README.md'), rows);
        process.stdout.write(`README.md: language table regenerated (${summary.languages} rows, OCR installed for ${summary.ocrInstalled})\n`);
        return;
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ summary, languages: rows }, null, 2)}\n`);
        return;
      }
      if (flags.markdown) {
        process.stdout.write(`${catalogueMarkdown(rows)}\n`);
        return;
      }
      const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
      for (const r of rows) {
        const detectors = [r.detectors.cld2 ? 'cld2' : '', r.detectors.franc ? 'franc' : ''].filter(Boolean).join('+') || '-';
        const ocr = r.ocr ? `${r.ocr.model}${r.ocr.installed ? '' : ' (missing: ' + r.ocr.package + ')'}` : 'none';
        const heading = r.heading ? `${r.heading.sample} ${r.heading.recognised ? 'ok' : 'NOT RECOGNISED'}` : '-';
        process.stdout.write(`${pad(r.iso6393, 4)} ${pad(r.bcp47, 8)} ${pad(r.name, 24)} ${pad(r.scripts.join('/'), 18)} ${pad(detectors, 11)} ${pad(ocr, 22)} ${pad(r.rules ?? '-', 4)} ${heading}\n`);
      }
      process.stdout.write(`\n${summary.languages} languages; OCR model installed for ${summary.ocrInstalled} (own language model: ${summary.ocrLanguageModel}); ` +
        `named by a detector: ${summary.detected}; rules triggers: ${summary.rules}; article headings recognised: ${summary.headingsRecognised} of ${summary.headingSamples} samples\n`);
    });
}

const README_START = '<!-- languages:start (generated by npm run languages:readme) -->';
const README_END = '<!-- languages:end -->';

/** Replaces the block between the README's language markers with the summary and the table. */
export function writeReadmeTable(readmePath: string, rows: readonly LanguageRow[]): void {
  const s = summarise(rows);
  const block = [
    README_START,
    `${s.languages} languages: an installed OCR model for ${s.ocrInstalled} (their own language model for ${s.ocrLanguageModel}, ` +
      `the script model for the rest), named by a detector (CLD2 or franc-all) for ${s.detected}, deontic triggers for ` +
      `${s.rules}, and ${s.headingsRecognised} of ${s.headingSamples} sample article headings recognised by the segmenter ` +
      '(✗: the language\'s "Article 5" is not yet a heading; —: no sample on file, the generic forms still apply).',
    '',
    '<details><summary>The table</summary>',
    '',
    catalogueMarkdown(rows),
    '',
    '</details>',
    README_END,
  ].join('\n');
  const readme = readFileSync(readmePath, 'utf8');
  const a = readme.indexOf(README_START);
  const b = readme.indexOf(README_END);
  if (a < 0 || b < a) throw new Error(`${readmePath} has no ${README_START} … ${README_END} block`);
  writeFileSync(readmePath, readme.slice(0, a) + block + readme.slice(b + README_END.length));
}
