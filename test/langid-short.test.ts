/**
 * Short texts (headings, labels, table cells): the script decides where only one language writes
 * it, distinctive letters and spellings decide close languages, and below the trigram floor the
 * answer comes from the script with its candidates rather than `und`.
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../services/ingest/language/detect-language.ts';
import { dominantScript } from '../services/ingest/language/scripts.ts';

const code = (t: string) => detectLanguage(t).code;

describe('short-text language ID', () => {
  it.each([
    ['ਧਾਰਾ', 'pan'], ['වගන්තිය', 'sin'], ['제5조', 'kor'], ['Άρθρο', 'ell'], ['მუხლი', 'kat'], ['Հոդված', 'hye'],
    ['மாற்றம்', 'tam'], ['సెక్షన్', 'tel'], ['ವಿಭಾಗ', 'kan'], ['വകുപ്പ്', 'mal'], ['કલમ', 'guj'], ['ଧାରା', 'ory'],
    ['มาตรา', 'tha'], ['ມາດຕາ', 'lao'], ['មាត្រា', 'khm'], ['དོན་ཚན', 'bod'], ['ก', 'tha'],
  ])('%s: a script one language writes decides (→ %s)', (text, lang) => {
    const g = detectLanguage(text);
    expect(g.code).toBe(lang);
    expect(g.confidence).toBeGreaterThan(0.5);
  });

  it('Han alone is Chinese, with kana Japanese, with Hangul Korean — at any length', () => {
    expect(code('第五条')).toBe('cmn');
    expect(code('个人信息')).toBe('cmn');
    expect(code('第五条の二')).toBe('jpn');
    expect(code('個人情報保護法第三条に')).toBe('jpn');
    expect(code('개인정보 보호법 제5조')).toBe('kor');
    expect(detectLanguage('第五条').candidates.map((c) => c.code)).toContain('yue');
  });

  it('letters only one language of a shared script writes decide short texts', () => {
    expect(code('ਪੰਜਾਬ ਸਰਕਾਰ')).toBe('pan');
    expect(code('অসমৰ চৰকাৰ')).toBe('asm'); // ৰ: Assamese only
    expect(code('বাংলাদেশ সরকার')).toBe('ben');
    expect(code('حکومت پاکستان کے قوانین')).toBe('urd'); // ے: Urdu only
    expect(code('دولت ایران')).toBe('fas');
    expect(code('Україна і її')).toBe('ukr');
    expect(code('Закон Җөмһүрият')).toBe('tat');
  });

  it('below the trigram floor: the script main language with the candidates it allows, never und for letters', () => {
    const g = detectLanguage('Art. 5');
    expect(g.code).not.toBe('und');
    expect(g.confidence).toBeLessThan(0.5);
    const ar = detectLanguage('المادة ٥');
    expect(ar.code).toBe('arb');
    expect(ar.candidates.map((c) => c.code)).toEqual(expect.arrayContaining(['arb', 'fas', 'urd']));
    expect(detectLanguage('5.1 — 12/2024')).toMatchObject({ code: 'und', confidence: 0 });
  });

  it('Bosnian, Croatian and Serbian: distinctive spellings decide, else the macrolanguage with the three as candidates', () => {
    expect(code('Svako ima pravo na obrazovanje u skladu sa uslovima koje propisuje zakon')).toBe('srp'); // ekavian "uslov"
    expect(code('Svako ima pravo na poslije toga mjesto prije svega u vrijeme rata')).toBe('bos'); // jekavian, not Croatian
    expect(code('Svatko ima pravo na obrazovanje sukladno točki 3. i tijekom postupka')).toBe('hrv');
    const hedged = detectLanguage('Pravo na obrazovanje');
    if (hedged.code === 'hbs') expect(hedged.candidates.map((c) => c.code).sort()).toEqual(['bos', 'hrv', 'srp']);
    else expect(['hrv', 'bos', 'srp']).toContain(hedged.code);
    expect(code('Член 5. Секој човек има право на образование во Република')).toBe('mkd'); // ќ/во: Macedonian
    expect(code('Всеки човек има право на образование в България')).toBe('bul'); // ъ, no ј
  });

  it('relatives CLD2 cannot name are decided by franc-all among the host and its relatives', () => {
    expect(code('Olgeta man na meri i bon fri na i gat')).toBe('tpi');
    expect(code('O responsável pelo tratamento notifica a autoridade de controlo.')).toBe('por');
  });

  it('dominant script of mixed text', () => {
    expect(dominantScript('Article 5 — 第五条 個人情報')?.script).toBe('Latin');
    expect(dominantScript('第五条 個人情報の保護に関する法律')?.script).toBe('Japanese');
    expect(dominantScript('12.3')).toBeNull();
  });
});
