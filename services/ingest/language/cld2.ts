import { createRequire } from 'node:module';
import { ISO639_1_TO_3 } from './iso639.ts';

/**
 * CLD2 (Google's Compact Language Detector 2, npm `cld`): ~80 languages, fast and strong on
 * short texts. The package's JS wrapper is async only; its native binding also has a synchronous
 * `detect`, used here so language ID stays a plain function. Absent binding (no compiler where
 * it was installed): `cld2Available` is false and callers fall back to franc.
 */

interface Cld2Raw {
  reliable: boolean;
  textBytes: number;
  languages: Array<{ name: string; code: string; percent: number; score: number }>;
}
interface Cld2Binding {
  /** Names of the languages CLD2 can report, and name → CLD2 code for all it knows of. */
  DETECTED_LANGUAGES: string[];
  LANGUAGES: Record<string, string>;
  detect(text: string, isPlainText: boolean, languageHint: string, encodingHint: string, tldHint: string, httpHint: string, bestEffort: boolean): Cld2Raw;
}

const binding: Cld2Binding | null = (() => {
  try {
    return createRequire(import.meta.url)('cld/build/Release/cld.node') as Cld2Binding;
  } catch {
    return null;
  }
})();

export const cld2Available = binding !== null;

export interface Cld2Result {
  reliable: boolean;
  /** ISO 639-3 code and share of the text (0-1), best first. */
  languages: Array<{ code: string; share: number }>;
}

/** CLD2 codes that are not ISO 639-1, or whose 639-1 code means something else to CLD2. */
const CLD2_SPECIAL: Readonly<Record<string, string>> = {
  iw: 'heb', jw: 'jav', 'zh-Hant': 'cmn', 'sr-ME': 'srp', 'xx-Qaai': '', fil: 'fil', haw: 'haw', ceb: 'ceb', hmn: 'hmn',
  chr: 'chr', syr: 'syr', mfe: 'mfe', crs: 'crs', lif: 'lif', nso: 'nso', sco: 'sco', tlh: 'tlh', war: 'war', zzb: '',
  zzp: '', zza: 'zza', ckb: 'ckb',
};

const toIso3 = (code: string): string => CLD2_SPECIAL[code] ?? ISO639_1_TO_3[code] ?? (code.length === 3 ? code : '');

/** ISO 639-3 codes CLD2 can answer with: any other language it can only mistake for a relative. */
const KNOWN: ReadonlySet<string> = new Set(binding ? binding.DETECTED_LANGUAGES.map((name) => toIso3(binding.LANGUAGES[name] ?? '')).filter(Boolean) : []);

/** Whether CLD2 could have named this language (franc's individual-language codes included). */
export function cld2Knows(iso3: string, bcp47: string): boolean {
  return KNOWN.has(iso3) || KNOWN.has(ISO639_1_TO_3[bcp47] ?? '');
}

export function cld2Detect(text: string): Cld2Result | null {
  if (!binding) return null;
  let raw: Cld2Raw;
  try {
    raw = binding.detect(text, true, '', '', '', '', false);
  } catch {
    return null;
  }
  const languages = raw.languages
    .map((l) => ({ code: toIso3(l.code), share: l.percent / 100 }))
    .filter((l) => l.code !== '' && l.share > 0);
  return { reliable: raw.reliable, languages };
}
