import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Where tesseract traineddata lives and which models are installed. OCR never downloads:
 * tesseract.js falls back to a CDN when a file is missing and that failure happens outside any
 * promise we hold, so every model is checked on disk before a worker is asked to load it.
 */

/** Debian's tesseract-ocr-* packages install here (languages and scripts side by side). */
export const DEBIAN_TESSDATA = '/usr/share/tesseract-ocr/5/tessdata';

export function defaultTessdataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TESSDATA_DIR || env.TESSDATA_PREFIX || DEBIAN_TESSDATA;
}

/** The set of model names ("eng", "Latin", "osd") whose `<name>.traineddata` is on disk. */
export class Tessdata {
  readonly dir: string;
  readonly models: ReadonlySet<string>;

  constructor(dir: string) {
    this.dir = dir;
    const names = new Set<string>();
    for (const base of [dir, path.join(dir, 'script')]) {
      if (!existsSync(base)) continue;
      for (const f of readdirSync(base)) if (f.endsWith('.traineddata')) names.add(f.slice(0, -'.traineddata'.length));
    }
    this.models = names;
  }

  has(model: string): boolean {
    return this.models.has(model) && existsSync(this.fileOf(model));
  }

  fileOf(model: string): string {
    const top = path.join(this.dir, `${model}.traineddata`);
    return existsSync(top) ? top : path.join(this.dir, 'script', `${model}.traineddata`);
  }

  /** tesseract.js reads `${langPath}/${model}.traineddata`: the folder the file is really in. */
  langPathOf(model: string): string {
    return path.dirname(this.fileOf(model));
  }
}

/** Script model name → the ISO 15924 code Debian names its package by (tesseract-ocr-script-<code>). */
export const SCRIPT_MODEL_PACKAGE_CODE: Readonly<Record<string, string>> = {
  Arabic: 'arab', Armenian: 'armn', Bengali: 'beng', Canadian_Aboriginal: 'cans', Cherokee: 'cher', Cyrillic: 'cyrl',
  Devanagari: 'deva', Ethiopic: 'ethi', Fraktur: 'frak', Georgian: 'geor', Greek: 'grek', Gujarati: 'gujr', Gurmukhi: 'guru',
  Hangul: 'hang', HanS: 'hans', HanT: 'hant', Hebrew: 'hebr', Japanese: 'jpan', Khmer: 'khmr', Kannada: 'knda', Lao: 'laoo',
  Latin: 'latn', Malayalam: 'mlym', Myanmar: 'mymr', Oriya: 'orya', Sinhala: 'sinh', Syriac: 'syrc', Tamil: 'taml',
  Telugu: 'telu', Thaana: 'thaa', Thai: 'thai', Tibetan: 'tibt', Vietnamese: 'viet',
};

/** The Debian package that installs a model ("Latin" → tesseract-ocr-script-latn, "chi_sim" → tesseract-ocr-chi-sim). */
export function debianPackageForModel(model: string): string {
  const script = SCRIPT_MODEL_PACKAGE_CODE[model];
  return script ? `tesseract-ocr-script-${script}` : `tesseract-ocr-${model.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * Detection codes (ISO 639-3, franc/CLD2 style) → tesseract language model names where they
 * differ. Tesseract mostly uses ISO 639-2/3 codes, with macrolanguage or B-codes here and there.
 */
const ISO3_TO_TESSERACT: Readonly<Record<string, string>> = {
  cmn: 'chi_sim', zho: 'chi_sim', yue: 'chi_tra', arb: 'ara', pes: 'fas', prs: 'fas', ekk: 'est', lvs: 'lav', zlm: 'msa',
  zsm: 'msa', ind: 'ind', npi: 'nep', khk: 'mon', uzn: 'uzb', azj: 'aze', swh: 'swa', als: 'sqi', nob: 'nor', nno: 'nor',
  tgl: 'fil', ydd: 'yid', kmr: 'kmr', gaz: 'orm', pbu: 'pus', plt: 'mlg', quz: 'que', quy: 'que', ory: 'ori', fuv: 'ful',
};

export function tesseractModelForLanguage(iso3: string): string {
  return ISO3_TO_TESSERACT[iso3] ?? iso3;
}

/**
 * OSD script names (tesseract's unicharset script names) → script model names. Japanese text is
 * reported as Han, Hiragana or Katakana depending on the page; kana alone means Japanese.
 */
const OSD_SCRIPT_TO_MODEL: Readonly<Record<string, string>> = {
  Latin: 'Latin', Cyrillic: 'Cyrillic', Greek: 'Greek', Arabic: 'Arabic', Hebrew: 'Hebrew', Devanagari: 'Devanagari',
  Bengali: 'Bengali', Gujarati: 'Gujarati', Gurmukhi: 'Gurmukhi', Kannada: 'Kannada', Malayalam: 'Malayalam',
  Oriya: 'Oriya', Tamil: 'Tamil', Telugu: 'Telugu', Sinhala: 'Sinhala', Thai: 'Thai', Lao: 'Lao', Khmer: 'Khmer',
  Myanmar: 'Myanmar', Georgian: 'Georgian', Armenian: 'Armenian', Ethiopic: 'Ethiopic', Tibetan: 'Tibetan',
  Han: 'HanS', Hangul: 'Hangul', Hiragana: 'Japanese', Katakana: 'Japanese', Japanese: 'Japanese', Thaana: 'Thaana',
  Syriac: 'Syriac', Cherokee: 'Cherokee', Canadian_Aboriginal: 'Canadian_Aboriginal',
};

export function scriptModelForOsd(script: string | null | undefined): string | null {
  return script ? OSD_SCRIPT_TO_MODEL[script] ?? null : null;
}

/** When a script model is not installed, the language model that covers that script best. */
const SCRIPT_FALLBACK_LANGUAGE: Readonly<Record<string, string>> = {
  Latin: 'eng', Cyrillic: 'rus', Greek: 'ell', Arabic: 'ara', Hebrew: 'heb', Devanagari: 'hin', HanS: 'chi_sim',
  Hangul: 'kor', Japanese: 'jpn', Thai: 'tha', Georgian: 'kat', Armenian: 'hye', Bengali: 'ben', Tamil: 'tam',
};

/**
 * Scripts whose language model reads better than the script model. Debian's script/Thai puts a
 * space between every Thai character (CER 86% on a generated PDPA page vs 3% for tha, both at
 * confidence > 90, so the confidence-based second pass would not catch it). Lao, Khmer and
 * Myanmar: each script is one language's here, and on generated pages (see test/ocr-sea.test.ts)
 * the language model read as well or better — Lao CER 12% vs 19% for script/Lao (which also
 * dropped the word spaces), Khmer equal, Myanmar see the test.
 */
const LANGUAGE_MODEL_FIRST: Readonly<Record<string, string>> = { Thai: 'tha', Lao: 'lao', Khmer: 'khm', Myanmar: 'mya' };

/** The script model, else its fallback language model, or null when neither is installed. */
function installedScriptModel(data: Tessdata, scriptModel: string): string | null {
  if (data.has(scriptModel)) return scriptModel;
  const fallback = SCRIPT_FALLBACK_LANGUAGE[scriptModel];
  return fallback && data.has(fallback) ? fallback : null;
}

/** The best installed model to read a page of this script, or null when none is installed. */
export function installedModelForScript(data: Tessdata, scriptModel: string): string | null {
  const preferred = LANGUAGE_MODEL_FIRST[scriptModel];
  return preferred && data.has(preferred) ? preferred : installedScriptModel(data, scriptModel);
}

/**
 * Script model → the Unicode scripts its letters belong to, for judging a probe's output: a model
 * that reads an image of another script still emits its own letters, but far fewer of them on
 * pages that are mostly digits or punctuation, so the share of its own letters is a second check.
 */
const SCRIPT_MODEL_LETTERS: Readonly<Record<string, readonly string[]>> = {
  Latin: ['Latin'], Cyrillic: ['Cyrillic'], Greek: ['Greek'], Arabic: ['Arabic'], Hebrew: ['Hebrew'], Devanagari: ['Devanagari'],
  Bengali: ['Bengali'], Gujarati: ['Gujarati'], Gurmukhi: ['Gurmukhi'], Kannada: ['Kannada'], Malayalam: ['Malayalam'],
  Oriya: ['Oriya'], Tamil: ['Tamil'], Telugu: ['Telugu'], Sinhala: ['Sinhala'], Thai: ['Thai'], Lao: ['Lao'], Khmer: ['Khmer'],
  Myanmar: ['Myanmar'], Georgian: ['Georgian'], Armenian: ['Armenian'], Ethiopic: ['Ethiopic'], Tibetan: ['Tibetan'],
  HanS: ['Han'], Hangul: ['Hangul', 'Han'], Japanese: ['Han', 'Hiragana', 'Katakana'], Thaana: ['Thaana'], Syriac: ['Syriac'],
  Cherokee: ['Cherokee'], Canadian_Aboriginal: ['Canadian_Aboriginal'],
};

export interface ScriptCandidate {
  /** Script model name ("Arabic"), also what the route reports. */
  script: string;
  /**
   * The installed model that probes for it: the script model, else its fallback language model.
   * Script models are the better judges (tha reads Devanagari lines at confidence 54-69,
   * script/Thai at 19-59, while Devanagari scores 55-93).
   */
  model: string;
  /** The installed model that then reads a page of this script (installedModelForScript). */
  reader: string;
  /** Matches one letter of the script's own Unicode scripts. */
  letter: RegExp;
}

/**
 * Every script that some installed model can read, once each (HanS and Japanese stay apart: they
 * are different models and the better-scoring one wins), Latin first so it wins ties.
 */
export function installedScriptCandidates(data: Tessdata): ScriptCandidate[] {
  const out: ScriptCandidate[] = [];
  const seen = new Set<string>();
  for (const [script, unicode] of Object.entries(SCRIPT_MODEL_LETTERS)) {
    const model = installedScriptModel(data, script);
    const reader = installedModelForScript(data, script);
    if (!model || !reader || seen.has(model)) continue;
    seen.add(model);
    out.push({ script, model, reader, letter: new RegExp(unicode.map((u) => `\\p{Script=${u}}`).join('|'), 'u') });
  }
  return out;
}

/** Language models Debian 12 ships as tesseract-ocr-<name> (apt-cache search tesseract-ocr-), historic and vertical ones left out. */
export const DEBIAN_LANGUAGE_MODELS: ReadonlySet<string> = new Set([
  'afr', 'amh', 'ara', 'asm', 'aze', 'aze_cyrl', 'bel', 'ben', 'bod', 'bos', 'bre', 'bul', 'cat', 'ceb',
  'ces', 'chi_sim', 'chi_tra', 'chr', 'cos', 'cym', 'dan', 'deu', 'div', 'dzo', 'ell', 'eng', 'enm', 'epo',
  'est', 'eus', 'fao', 'fas', 'fil', 'fin', 'fra', 'frk', 'frm', 'fry', 'gla', 'gle', 'glg', 'grc', 'guj',
  'hat', 'heb', 'hin', 'hrv', 'hun', 'hye', 'iku', 'ind', 'isl', 'ita', 'jav', 'jpn', 'kan', 'kat', 'kaz',
  'khm', 'kir', 'kmr', 'kor', 'lao', 'lat', 'lav', 'lit', 'ltz', 'mal', 'mar', 'mkd', 'mlt', 'mon', 'mri',
  'msa', 'mya', 'nep', 'nld', 'nor', 'oci', 'ori', 'pan', 'pol', 'por', 'pus', 'que', 'ron', 'rus', 'san',
  'sin', 'slk', 'slv', 'snd', 'spa', 'sqi', 'srp', 'srp_latn', 'sun', 'swa', 'swe', 'syr', 'tam', 'tat',
  'tel', 'tgk', 'tha', 'tir', 'ton', 'tur', 'uig', 'ukr', 'urd', 'uzb', 'uzb_cyrl', 'vie', 'yid', 'yor',
]);

/** Writing system (services/ingest/language/scripts.ts names) → the tesseract script model for it. */
const WRITING_SYSTEM_MODEL: Readonly<Record<string, string>> = {
  Han: 'HanS', Japanese: 'Japanese', Korean: 'Hangul', Tifinagh: '', Meetei_Mayek: '', Ol_Chiki: '',
};

export interface LanguageOcrModel {
  /** Model name, e.g. "tur" or "Latin". */
  model: string;
  kind: 'language' | 'script';
  /** The Debian package that installs it (tesseract-ocr-tur, tesseract-ocr-script-latn). */
  package: string;
  installed: boolean;
}

/**
 * The model that reads a language best: its own language model when installed, else the model of
 * its script, else the first of those that exists at all (not installed); null when tesseract has
 * no model for the language or its script. `codes`: the language's ISO 639-3 code and aliases;
 * `traditional`: Chinese in traditional characters (chi_tra, HanT).
 */
export function ocrModelForLanguage(
  data: Tessdata,
  codes: readonly string[],
  scripts: readonly string[],
  traditional = false,
): LanguageOcrModel | null {
  const languageModels = [...new Set([...(traditional ? ['chi_tra'] : []), ...codes.map(tesseractModelForLanguage)])].filter((m) => DEBIAN_LANGUAGE_MODELS.has(m) || data.has(m));
  const scriptModels = scripts
    .map((s) => (s === 'Han' && traditional ? 'HanT' : WRITING_SYSTEM_MODEL[s] ?? s))
    .filter((m) => m && (SCRIPT_MODEL_PACKAGE_CODE[m] !== undefined));
  const options: LanguageOcrModel[] = [
    ...languageModels.map((model) => ({ model, kind: 'language' as const, package: debianPackageForModel(model), installed: data.has(model) })),
    ...scriptModels.map((model) => ({ model, kind: 'script' as const, package: debianPackageForModel(model), installed: data.has(model) })),
  ];
  return options.find((o) => o.installed) ?? options[0] ?? null;
}
