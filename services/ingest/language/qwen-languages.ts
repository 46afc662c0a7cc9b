/**
 * The languages Qwen models are documented to support, with ISO 639-3 and BCP-47 codes, so a
 * segment's detected language can be checked against what the extraction model reads.
 *
 * Sources (the list could not be fetched from qwen.ai here; see the report in issue 3):
 * - `qwen3`: the official Qwen3 release table, 119 languages and dialects
 *   (https://qwenlm.github.io/blog/qwen3/, repeated verbatim in the Qwen3-Embedding and Qwen3Guard
 *   model cards). Authoritative.
 * - `qwen3.5`: the additions in the Qwen3.5 release table (qwen.ai/blog?id=qwen3.5, "201
 *   languages and dialects"), taken from a third-party transcription of that table in a public
 *   repository, not from the blog itself: names are as transcribed, unverified against the source.
 *
 * Codes: ISO 639-3 of the individual language where the name is one (arb for Standard Arabic,
 * azj for North Azerbaijani), the macrolanguage code where the name is the macrolanguage. BCP-47
 * takes the ISO 639-1 tag where one covers the language and the 639-3 code otherwise (RFC 5646
 * §2.2.1); Chinese carries its script. `detectedAs` lists other codes detectors (franc-all,
 * CLD2) give for the same language, so their output can be looked up.
 */

export interface QwenLanguage {
  name: string;
  family: string;
  iso6393: string;
  bcp47: string;
  since: 'qwen3' | 'qwen3.5';
  detectedAs: readonly string[];
}

type Row = string; // "Name|iso6393|bcp47|alias,alias"

const QWEN3: Readonly<Record<string, readonly Row[]>> = {
  'Indo-European': [
    'English|eng|en', 'French|fra|fr', 'Portuguese|por|pt', 'German|deu|de', 'Romanian|ron|ro', 'Swedish|swe|sv',
    'Danish|dan|da', 'Bulgarian|bul|bg', 'Russian|rus|ru', 'Czech|ces|cs', 'Greek|ell|el', 'Ukrainian|ukr|uk',
    'Spanish|spa|es', 'Dutch|nld|nl', 'Slovak|slk|sk', 'Croatian|hrv|hr', 'Polish|pol|pl', 'Lithuanian|lit|lt',
    'Norwegian Bokmål|nob|nb|nor', 'Norwegian Nynorsk|nno|nn', 'Persian|fas|fa|pes', 'Slovenian|slv|sl', 'Gujarati|guj|gu',
    'Latvian|lav|lv|lvs', 'Italian|ita|it', 'Occitan|oci|oc', 'Nepali|nep|ne|npi', 'Marathi|mar|mr', 'Belarusian|bel|be',
    'Serbian|srp|sr', 'Luxembourgish|ltz|lb', 'Venetian|vec|vec', 'Assamese|asm|as', 'Welsh|cym|cy', 'Silesian|szl|szl',
    'Asturian|ast|ast', 'Chhattisgarhi|hne|hne', 'Awadhi|awa|awa', 'Maithili|mai|mai', 'Bhojpuri|bho|bho', 'Sindhi|snd|sd',
    'Irish|gle|ga', 'Faroese|fao|fo', 'Hindi|hin|hi', 'Punjabi|pan|pa|pnb', 'Bengali|ben|bn', 'Oriya|ory|or|ori', 'Tajik|tgk|tg',
    'Eastern Yiddish|ydd|ydd|yid', 'Lombard|lmo|lmo', 'Ligurian|lij|lij', 'Sicilian|scn|scn', 'Friulian|fur|fur',
    'Sardinian|srd|sc|src,sro', 'Galician|glg|gl', 'Catalan|cat|ca', 'Icelandic|isl|is', 'Tosk Albanian|als|als|sqi',
    'Limburgish|lim|li', 'Dari|prs|prs', 'Afrikaans|afr|af', 'Macedonian|mkd|mk', 'Sinhala|sin|si', 'Urdu|urd|ur',
    'Magahi|mag|mag', 'Bosnian|bos|bs', 'Armenian|hye|hy',
  ],
  'Sino-Tibetan': ['Simplified Chinese|cmn|zh-Hans|zho', 'Traditional Chinese|cmn|zh-Hant|zho', 'Cantonese|yue|yue', 'Burmese|mya|my'],
  'Afro-Asiatic': [
    'Arabic (Standard)|arb|ar|ara', 'Najdi Arabic|ars|ars', 'Levantine Arabic|apc|apc|ajp', 'Egyptian Arabic|arz|arz',
    'Moroccan Arabic|ary|ary', 'Mesopotamian Arabic|acm|acm', "Ta'izzi-Adeni Arabic|acq|acq", 'Tunisian Arabic|aeb|aeb',
    'Hebrew|heb|he', 'Maltese|mlt|mt',
  ],
  Austronesian: [
    'Indonesian|ind|id', 'Malay|zsm|ms|msa,zlm', 'Tagalog|tgl|tl|fil', 'Cebuano|ceb|ceb', 'Javanese|jav|jv', 'Sundanese|sun|su',
    'Minangkabau|min|min', 'Balinese|ban|ban', 'Banjar|bjn|bjn', 'Pangasinan|pag|pag', 'Iloko|ilo|ilo', 'Waray (Philippines)|war|war',
  ],
  Dravidian: ['Tamil|tam|ta', 'Telugu|tel|te', 'Kannada|kan|kn', 'Malayalam|mal|ml'],
  Turkic: ['Turkish|tur|tr', 'North Azerbaijani|azj|az|aze', 'Northern Uzbek|uzn|uz|uzb', 'Kazakh|kaz|kk', 'Bashkir|bak|ba', 'Tatar|tat|tt'],
  'Tai-Kadai': ['Thai|tha|th', 'Lao|lao|lo'],
  Uralic: ['Finnish|fin|fi', 'Estonian|est|et|ekk', 'Hungarian|hun|hu'],
  Austroasiatic: ['Vietnamese|vie|vi', 'Khmer|khm|km'],
  Other: [
    'Japanese|jpn|ja', 'Korean|kor|ko', 'Georgian|kat|ka', 'Basque|eus|eu', 'Haitian|hat|ht', 'Papiamento|pap|pap',
    'Kabuverdianu|kea|kea', 'Tok Pisin|tpi|tpi', 'Swahili|swa|sw|swh',
  ],
};

const QWEN35_ADDED: Readonly<Record<string, readonly Row[]>> = {
  'Indo-European': [
    'Latgalian|ltg|ltg', 'Scottish Gaelic|gla|gd', 'Central Kurdish|ckb|ckb', 'Northern Kurdish|kmr|kmr|kur', 'Southern Pashto|pbu|ps|pus',
    'Sanskrit|san|sa', 'Dhundari|dhd|dhd', 'Marwari|mwr|mwr|rwr', 'Ahirani|ahr|ahr', 'Bagheli|bfy|bfy', 'Bagri|bgq|bgq',
    'Bundeli|bns|bns', 'Braj|bra|bra', 'Kumaoni|kfy|kfy', 'Kashmiri|kas|ks',
  ],
  'Sino-Tibetan': ['Standard Tibetan|bod|bo', 'Meitei|mni|mni'],
  'Afro-Asiatic': [
    'Gulf Arabic|afb|afb', 'Algerian Arabic|arq|arq', 'Sudanese Arabic|apd|apd', 'Libyan Arabic|ayl|ayl', 'Amharic|amh|am',
    'Tigrinya|tir|ti', 'Kabyle|kab|kab', 'Somali|som|so', 'West Central Oromo|gaz|om|orm', 'Hausa|hau|ha',
  ],
  Austronesian: [
    'Plateau Malagasy|plt|mg', 'Malagasy|mlg|mg', 'Buginese|bug|bug', 'Maori|mri|mi', 'Samoan|smo|sm', 'Hawaiian|haw|haw', 'Fijian|fij|fj',
  ],
  Turkic: ['Crimean Tatar|crh|crh', 'Kyrgyz|kir|ky', 'Turkmen|tuk|tk', 'Uyghur|uig|ug'],
  'Tai-Kadai': ['Shan|shn|shn'],
  Uralic: ['Meadow Mari|mhr|mhr|chm'],
  'Niger-Congo': [
    'Yoruba|yor|yo', 'Ewe|ewe|ee', 'Kinyarwanda|kin|rw', 'Lingala|lin|ln', 'Northern Sotho|nso|nso', 'Nyanja|nya|ny',
    'Shona|sna|sn', 'Southern Sotho|sot|st', 'Tswana|tsn|tn', 'Xhosa|xho|xh', 'Zulu|zul|zu', 'Luganda|lug|lg', 'Swati|ssw|ss',
    'Tsonga|tso|ts', 'Tumbuka|tum|tum', 'Venda|ven|ve', 'Chokwe|cjk|cjk', 'Luba-Kasai|lua|lua', 'Rundi|run|rn', 'Umbundu|umb|umb',
    'Kikuyu|kik|ki', 'Kongo|kon|kg|kng,ldi', 'Nigerian Fulfulde|fuv|fuv|ful', 'Wolof|wol|wo', 'Fon|fon|fon', 'Kabiyè|kbp|kbp',
    'Mossi|mos|mos', 'Akan|aka|ak', 'Twi|twi|tw', 'Bambara|bam|bm', 'Igbo|ibo|ig',
  ],
  Other: [
    'Central Aymara|ayr|ay|aym', 'Tulu|tcy|tcy', 'Nagamese|nag|nag', 'Nigerian Pidgin|pcm|pcm', 'Mauritian Creole|mfe|mfe',
    'Sango|sag|sg', 'Ayacucho Quechua|quy|quy|que,quz', 'Halh Mongolian|khk|mn|mon', 'Southwestern Dinka|dik|dik|din',
    'Nuer|nus|nus', 'Guarani|grn|gn|gug',
  ],
};

function rows(table: Readonly<Record<string, readonly Row[]>>, since: QwenLanguage['since']): QwenLanguage[] {
  return Object.entries(table).flatMap(([family, list]) => list.map((row) => {
    const [name, iso6393, bcp47, aliases] = row.split('|') as [string, string, string, string | undefined];
    return { name, family, iso6393, bcp47, since, detectedAs: aliases ? aliases.split(',') : [] };
  }));
}

export const QWEN_LANGUAGES: readonly QwenLanguage[] = [...rows(QWEN3, 'qwen3'), ...rows(QWEN35_ADDED, 'qwen3.5')];

/** Detection code → the Qwen language, first entry wins (cmn → Simplified Chinese, mg-family → Plateau Malagasy). */
const BY_CODE: ReadonlyMap<string, QwenLanguage> = (() => {
  const map = new Map<string, QwenLanguage>();
  for (const l of QWEN_LANGUAGES) for (const code of [l.iso6393, ...l.detectedAs]) if (!map.has(code)) map.set(code, l);
  return map;
})();

/** The Qwen language a detected ISO 639-3 code stands for, or null (not a documented Qwen language, or 'und'). */
export function qwenLanguageForCode(code: string): QwenLanguage | null {
  return BY_CODE.get(code) ?? null;
}
