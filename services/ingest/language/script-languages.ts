import { isWellKnownLanguage } from './codes.ts';
import { LANGUAGES_BY_SCRIPT, type Script, type ScriptCount } from './scripts.ts';

/**
 * What the writing system alone says about a text's language. Most scripts Qwen's languages use
 * belong to one of them (Gurmukhi: Punjabi, Sinhala, Hangul: Korean, kana: Japanese, Greek,
 * Georgian, Armenian, Thai, Lao, Khmer, Tibetan, Tamil, Telugu, Malayalam, Gujarati, Oriya),
 * so one letter decides; where a script is shared, letters only one of its languages uses decide
 * (Assamese ৰ ৱ, Shan ႁ ၵ, Yiddish ײ װ, Urdu ے ٹ, Ukrainian ї є ґ, …), else the script's main
 * language is the answer with the others as candidates. Letter lists: the languages' alphabets
 * (Unicode code charts and the national orthographies).
 */

/** Where one script is shared: a letter that only one of its languages writes → that language. Checked in order. */
const DISTINCTIVE_LETTERS: Readonly<Partial<Record<Script, ReadonlyArray<[RegExp, string]>>>> = {
  Bengali: [[/[ৰৱ]/iu, 'asm']],
  // Shan consonants U+1075-U+1081 (ၵ ၶ ၷ ၸ ၹ ၺ ၻ ၼ ၽ ၾ ၿ ႀ ႁ).
  Myanmar: [[/[\u1075-\u1081]/u, 'shn']],
  Hebrew: [[/[װױײ]|א[\u05B7\u05B8]|פֿ/iu, 'ydd']],
  Kannada: [],
  Ethiopic: [],
  Arabic: [
    [/[ٻڄڃڇڏڌڍڊٽٿڦڪڱڳ]/iu, 'snd'],
    [/[ڵڕێ]/iu, 'ckb'],
    [/[ۇۈۋې]/iu, 'uig'],
    [/[ټډړږښګڼ]/iu, 'pbu'],
    [/[ےٹڈڑںھ]/iu, 'urd'],
    [/[پچژگی]/iu, 'fas'],
  ],
  Cyrillic: [
    [/[ҙҫҡ]/iu, 'bak'],
    [/[ӣӯҳҷ]/iu, 'tgk'],
    [/[җ]/iu, 'tat'],
    [/[әғқұ]/iu, 'kaz'],
    [/[ң]/iu, 'kir'],
    [/[ӧӱ]/iu, 'mhr'],
    [/[ђћџ]/iu, 'srp'],
    [/[ѓќѕ]/iu, 'mkd'],
    [/[јљњ]/iu, 'srp'],
    [/[ў]/iu, 'bel'],
    [/[їєґ]/iu, 'ukr'],
    [/[өү]/iu, 'khk'],
    [/[ыэё]/iu, 'rus'],
    [/ъ/iu, 'bul'],
  ],
};

/** The language a shared script stands for when nothing else says (the most written in legislation). */
const MAIN_LANGUAGE: Readonly<Partial<Record<Script, string>>> = {
  Latin: 'eng', Cyrillic: 'rus', Arabic: 'arb', Devanagari: 'hin', Bengali: 'ben', Hebrew: 'heb', Han: 'cmn',
  Myanmar: 'mya', Ethiopic: 'amh', Kannada: 'kan', Gurmukhi: 'pan',
};

export interface ScriptAnswer {
  code: string;
  /** The languages the script allows, the answer first. */
  candidates: string[];
  /** True when the script (or a distinctive letter) names the language by itself. */
  decided: boolean;
}

export function languagesOfScript(script: Script): readonly string[] {
  if (script === 'Korean') return ['kor'];
  if (script === 'Japanese') return ['jpn'];
  return LANGUAGES_BY_SCRIPT.get(script) ?? [];
}

/** What the dominant script says: decided, or the script's main language with its candidates. */
export function languageFromScript(text: string, dominant: ScriptCount): ScriptAnswer | null {
  const langs = languagesOfScript(dominant.script);
  if (!langs.length) return null;
  // Han alone is Chinese: Cantonese is written in the same characters (the UDHR's yue text is standard written Chinese).
  if (langs.length === 1 || dominant.script === 'Han') return { code: langs[0]!, candidates: [...langs], decided: true };
  for (const [re, code] of DISTINCTIVE_LETTERS[dominant.script] ?? []) {
    if (re.test(text)) return { code, candidates: [code, ...langs.filter((l) => l !== code)], decided: true };
  }
  const main = MAIN_LANGUAGE[dominant.script] ?? langs[0]!;
  // Well-known languages (those of most legislation) first among the other candidates.
  const others = langs.filter((l) => l !== main).sort((a, b) => Number(isWellKnownLanguage(b)) - Number(isWellKnownLanguage(a)));
  return { code: main, candidates: [main, ...others], decided: DECIDED_BY_MAIN.has(dominant.script) };
}

/**
 * Scripts whose other languages have letters of their own (checked above) or are seldom written
 * (Tulu in Kannada script, Meitei in Bengali): without those letters the main language is the
 * answer, as surely as for a single-language script.
 */
const DECIDED_BY_MAIN: ReadonlySet<Script> = new Set(['Kannada', 'Myanmar', 'Hebrew', 'Bengali']);
