import { describe, expect, it } from 'vitest';
import { cld2Detect } from '../services/ingest/language/cld2.ts';
import { parseLanguageHint, toBcp47 } from '../services/ingest/language/codes.ts';
import { detectLanguage, detectLanguageFranc } from '../services/ingest/language/detect-language.ts';
import { assessTextLayer, misplacedDevanagariSigns, reversedArabicScore } from '../services/ingest/text/text-layer-quality.ts';
import { describeWith, requireSystem } from './support/system-deps.ts';

describeWith(requireSystem('cld2'), 'combined language ID (CLD2 + franc-all)', () => {
  it('CLD2 separates Croatian from Bosnian/Serbian where franc cannot', () => {
    const hr = 'Voditelj obrade dužan je bez nepotrebnog odgađanja obavijestiti nadzorno tijelo o povredi osobnih podataka.';
    expect(cld2Detect(hr)!.languages[0]!.code).toBe('hrv');
    expect(detectLanguage(hr).code).toBe('hrv');
  });

  it("Croatian legal vocabulary wins where CLD2 says Bosnian; Bosnian/Serbian forms keep theirs", () => {
    const hr = 'Svaki ispitanik ima pravo podnijeti pritužbu nadzornom tijelu, posebno u državi članici u kojoj ima uobičajeno boravište, tijekom cijelog postupka.';
    expect(cld2Detect(hr)!.languages[0]!.code).toBe('bos');
    expect(detectLanguage(hr)).toMatchObject({ code: 'hrv', bcp47: 'hr' });
    const sr = 'Rukovalac je dužan da tokom obrade podataka o ličnosti ispuni obaveze iz tačke 1. ovog člana i o tome obavesti nadzorni organ.';
    expect(detectLanguage(sr).code).toBe('srp');
  });

  it('short texts: CLD2 answers where franc-all guesses a relative', () => {
    const pt = 'O responsável pelo tratamento notifica a autoridade de controlo.';
    expect(detectLanguage(pt)).toMatchObject({ code: 'por', bcp47: 'pt' });
    expect(detectLanguage(pt).candidates[0]!.code).toBe('por');
  });

  it('falls back to franc-all for languages CLD2 does not know, with a valid BCP-47 tag', () => {
    // Scots: CLD2 has it only unreliably; franc knows it. Either way the tag is well-formed.
    const g = detectLanguageFranc('Aw human beins is born free an equal in dignity an richts. They are gien wit an conscience.');
    expect(g.code).not.toBe('und');
    expect(g.bcp47).toMatch(/^[a-z]{2,3}$/);
  });

  it('too little text: a guess from the script at low confidence, und only without letters', () => {
    expect(detectLanguage('Art. 5').confidence).toBeLessThan(0.5);
    expect(detectLanguage('§ 5 (2)')).toMatchObject({ code: 'und', bcp47: 'und', confidence: 0 });
  });

  it('codes: two-letter tags where they exist, ISO 639-3 otherwise; hints in either form', () => {
    expect(['fil', 'haw', 'yue'].map(toBcp47)).toEqual(['tl', 'haw', 'yue']);
    expect(['swh', 'zlm', 'pes'].map(toBcp47)).toEqual(['sw', 'ms', 'fa']);
    expect(parseLanguageHint('sw')).toBe('swa');
    expect(parseLanguageHint('yo')).toBe('yor');
  });
});

describe('text-layer quality checks', () => {
  it('Devanagari in visual order is flagged; logical order is not', () => {
    expect(misplacedDevanagariSigns('शिक्षा का अधिकार है। कोई भी व्यक्ति').misplaced).toBe(0);
    expect(misplacedDevanagariSigns('िशक्षा का अिधकार है। काेई भी व्यिक्त').misplaced).toBeGreaterThan(2);
  });

  it('Arabic in reversed visual order is flagged', () => {
    const forward = 'المادة الأولى من القانون الاتحادي بشأن التعليم الإلزامي في الدولة والمدرسة الحكومية';
    const reversed = forward.split(' ').map((w) => [...w].reverse().join('')).join(' ');
    expect(reversedArabicScore(forward).reversed).toBe(0);
    expect(assessTextLayer(forward).ok).toBe(true);
    expect(assessTextLayer(reversed).reason).toMatch(/reversed visual order/);
  });

  it('garbage OCR layers, control codes and supplementary-plane mojibake are flagged', () => {
    const garbage = 'Cl>opMa no KHA 1152017 Hanorosas:tAeKnapai...IVIs:tno Hanory, ynnal.IVIBaeMoMy B CBS\'I3VI C npVIMeHeHVIeMynpo~ '.repeat(3);
    expect(assessTextLayer(garbage).reason).toMatch(/look like bad OCR/);
    expect(assessTextLayer('\u0002\u0003\u0004\u0005 Over\u0002view\u0006\u0007\u0008 of\u000e\u000f the\u0010\u0011\u0012\u0013').reason).toMatch(/control codes/);
    expect(assessTextLayer('𨉷趯軺糫 Ǎ蒭鍍伴俘緌鍍伴俘u勢渡袱糫').ok).toBe(false);
    expect(assessTextLayer('The provider shall notify the authority within 72 hours of becoming aware of it.').ok).toBe(true);
  });
});
