import { describe, expect, it } from 'vitest';
import { LanguageGuess } from '../schemas/text.ts';
import { parseLanguageHint, toBcp47 } from '../services/ingest/language/codes.ts';
import { detectLanguage, languageOfPart } from '../services/ingest/language/detect-language.ts';

const SAMPLES: Array<[string, string, string]> = [
  ['eng', 'en', 'The controller shall implement appropriate technical and organisational measures to ensure a level of security appropriate to the risk.'],
  ['fra', 'fr', 'Le responsable du traitement met en œuvre les mesures techniques et organisationnelles appropriées afin de garantir un niveau de sécurité adapté au risque.'],
  ['deu', 'de', 'Der Verantwortliche trifft geeignete technische und organisatorische Maßnahmen, um ein dem Risiko angemessenes Schutzniveau zu gewährleisten.'],
  ['spa', 'es', 'El responsable del tratamiento aplicará medidas técnicas y organizativas apropiadas para garantizar un nivel de seguridad adecuado al riesgo.'],
  ['ita', 'it', 'Il titolare del trattamento mette in atto misure tecniche e organizzative adeguate per garantire un livello di sicurezza adeguato al rischio.'],
  ['rus', 'ru', 'Оператор обязан принимать необходимые правовые, организационные и технические меры для защиты персональных данных от неправомерного доступа.'],
  ['cmn', 'zh', '处理个人信息应当遵循合法、正当、必要和诚信原则，不得通过误导、欺诈、胁迫等方式处理个人信息。'],
  ['jpn', 'ja', '個人情報取扱事業者は、個人情報を取り扱うに当たっては、その利用の目的をできる限り特定しなければならない。'],
  ['kor', 'ko', '개인정보처리자는 개인정보의 처리 목적을 명확하게 하여야 하고 그 목적에 필요한 범위에서 최소한의 개인정보만을 적법하고 정당하게 수집하여야 한다.'],
  ['arb', 'ar', 'يجب على جهة التحكم أن تتخذ الإجراءات والوسائل التنظيمية والإدارية والتقنية اللازمة لضمان المحافظة على البيانات الشخصية.'],
  ['hin', 'hi', 'प्रत्येक व्यक्ति को विचार और अभिव्यक्ति की स्वतंत्रता का अधिकार है और इस अधिकार में बिना हस्तक्षेप के कोई राय रखना शामिल है।'],
];

describe('detectLanguage', () => {
  it.each(SAMPLES)('detects %s', (code, bcp47, text) => {
    const guess = detectLanguage(text);
    expect(LanguageGuess.safeParse(guess).success).toBe(true);
    expect(guess.code).toBe(code);
    expect(guess.bcp47).toBe(bcp47);
    expect(guess.confidence).toBeGreaterThan(0.5);
    expect(guess.confidence).toBeLessThanOrEqual(1);
    expect(guess.candidates[0]?.code).toBe(code);
    expect(guess.candidates.length).toBeLessThanOrEqual(5);
  });

  it('says und with confidence 0 for text without letters; a few letters get a low-confidence answer from their script', () => {
    const few = detectLanguage('Article 5');
    expect(few.code).not.toBe('und');
    expect(few.confidence).toBeLessThan(0.5);
    expect(few.candidates.length).toBeGreaterThan(1);
    expect(detectLanguage('12.3.4 — 2024/679 (EU) §§ 5–7').confidence).toBeLessThan(0.5);
    expect(detectLanguage('12.3.4 — 2024/679 §§ 5–7')).toMatchObject({ code: 'und', confidence: 0 });
    expect(detectLanguage('')).toMatchObject({ code: 'und', confidence: 0 });
  });

  it('reads Japanese with kana as jpn even when kanji dominate', () => {
    // Mostly kanji with a few kana: franc alone would say cmn.
    const guess = detectLanguage('個人情報保護委員会規則第三条第一項第二号に規定する個人識別符号の取扱いは、法令に定める基準による');
    expect(guess.code).toBe('jpn');
    expect(guess.bcp47).toBe('ja');
  });

  it('is less confident on short text than on long text of the same language', () => {
    const short = detectLanguage('The controller shall notify the authority.');
    const long = detectLanguage(SAMPLES[0]![2].repeat(3));
    expect(short.code).toBe('eng');
    expect(short.confidence).toBeLessThan(long.confidence);
  });

  it('samples long documents across their length', () => {
    const english = SAMPLES[0]![2];
    const french = SAMPLES[1]![2];
    // franc alone only reads the first 2048 characters, which here are English.
    const doc = `${english}\n\n`.repeat(12) + `${french}\n\n`.repeat(60);
    expect(detectLanguage(doc).code).toBe('fra');
  });
});

describe('languageOfPart', () => {
  it('inherits for short parts and overrides on a clear guess', () => {
    expect(languageOfPart('Article 5', 'fra')).toBe('fra');
    expect(languageOfPart('', 'fra')).toBeNull();
    expect(languageOfPart(SAMPLES[2]![2], 'fra')).toBe('deu');
    expect(languageOfPart(SAMPLES[2]![2], null)).toBe('deu');
  });
});

describe('language codes', () => {
  it('maps ISO 639-3 to BCP-47, including the 24 EU languages', () => {
    const eu = ['bul', 'ces', 'dan', 'deu', 'ell', 'eng', 'spa', 'est', 'fin', 'fra', 'gle', 'hrv', 'hun', 'ita', 'lit', 'lav', 'mlt', 'nld', 'pol', 'por', 'ron', 'slk', 'slv', 'swe'];
    expect(eu.map(toBcp47)).toEqual(['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv']);
    expect(['cmn', 'jpn', 'arb', 'ara', 'rus', 'hin', 'ekk', 'lvs'].map(toBcp47)).toEqual(['zh', 'ja', 'ar', 'ar', 'ru', 'hi', 'et', 'lv']);
    // No two-letter code: BCP-47 uses the ISO 639-3 code itself.
    expect(toBcp47('sco')).toBe('sco');
    expect(toBcp47('constructor')).toBe('und');
  });

  it('parses hints in either system', () => {
    expect(parseLanguageHint('fr')).toBe('fra');
    expect(parseLanguageHint('zh-Hant-TW')).toBe('cmn');
    expect(parseLanguageHint('AR')).toBe('arb');
    expect(parseLanguageHint('deu')).toBe('deu');
    expect(parseLanguageHint('xx')).toBeNull();
    expect(parseLanguageHint('')).toBeNull();
    expect(parseLanguageHint(null)).toBeNull();
  });
});
