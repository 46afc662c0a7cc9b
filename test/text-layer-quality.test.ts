import { describe, expect, it } from 'vitest';
import { assessTextLayer, misplacedDevanagariSigns, reversedArabicScore } from '../services/ingest/text/text-layer-quality.ts';

/**
 * The text-layer checks on hand-built strings, each threshold probed on both sides of its
 * boundary. Pure functions: no PDF, no OCR, no traineddata needed.
 */

/** `n` Devanagari syllables "का" (consonant + vowel sign AA): n signs, all in logical order. */
const wellFormedHindi = (n: number) => Array.from({ length: n }, () => 'का').join(' ');
/** `n` vowel signs starting a word (visual order, as a broken text layer gives them). */
const misplacedSigns = (n: number) => Array.from({ length: n }, () => 'ाक').join(' ');

describe('Devanagari vowel signs out of logical order', () => {
  it('counts signs and misplaced signs', () => {
    expect(misplacedDevanagariSigns('The operator shall act.')).toEqual({ signs: 0, misplaced: 0 });
    expect(misplacedDevanagariSigns('शिक्षा का अधिकार है। कोई भी व्यक्ति')).toEqual({ signs: 9, misplaced: 0 });
    // pdf.js glyph order: short i before its consonant, o split into e + aa.
    expect(misplacedDevanagariSigns('िशक्षा का अिधकार है। काेई भी व्यिक्त')).toEqual({ signs: 10, misplaced: 3 });
    // A sign after a nukta is in order.
    expect(misplacedDevanagariSigns('ज़ि ड़ी').misplaced).toBe(0);
  });

  it('a well-formed Hindi layer passes', () => {
    expect(assessTextLayer(wellFormedHindi(100))).toEqual({ ok: true, reason: 'text layer present' });
    expect(assessTextLayer('नियंत्रक को बहत्तर घंटे के भीतर प्राधिकरण को सूचित करना होगा। कोई भी व्यक्ति शिक्षा का अधिकार रखता है।').ok).toBe(true);
  });

  it('a layer in glyph order is rejected with its reason', () => {
    const verdict = assessTextLayer('िनयंत्रक काे बहत्तर घंटे के भीतर प्रािधकरण काे सूिचत करना हाेगा। काेई भी व्यिक्त िशक्षा का अिधकार रखता है।');
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toMatch(/^text layer garbled: \d+ of \d+ Devanagari vowel signs out of logical order$/);
  });

  it('3% misplaced is tolerated, more is not', () => {
    // 97 + 3 = 100 signs, 3 misplaced: exactly 3%.
    expect(assessTextLayer(`${wellFormedHindi(97)} ${misplacedSigns(3)}`).ok).toBe(true);
    // 96 + 4 = 100 signs, 4 misplaced.
    expect(assessTextLayer(`${wellFormedHindi(96)} ${misplacedSigns(4)}`)).toEqual({
      ok: false, reason: 'text layer garbled: 4 of 100 Devanagari vowel signs out of logical order',
    });
  });

  it('needs five signs before judging', () => {
    expect(assessTextLayer(misplacedSigns(4)).ok).toBe(true);
    expect(assessTextLayer(misplacedSigns(5)).reason).toBe('text layer garbled: 5 of 5 Devanagari vowel signs out of logical order');
  });
});

describe('Arabic in reversed visual order', () => {
  const forward = (n: number) => Array.from({ length: n }, () => 'الكتاب').join(' ');
  const reversed = (n: number) => Array.from({ length: n }, () => 'ةكتب').join(' ');

  it('scores word shapes', () => {
    expect(reversedArabicScore('الكتاب مدرسة')).toEqual({ forward: 2, reversed: 0 });
    expect(reversedArabicScore('باتكلا ةسردم')).toEqual({ forward: 0, reversed: 2 });
    expect(reversedArabicScore('ال لا')).toEqual({ forward: 0, reversed: 0 });
    // The article only counts at a word's start and in words over three letters; "لا" only at the end.
    expect(reversedArabicScore('مالكه الم')).toEqual({ forward: 0, reversed: 0 });
    expect(reversedArabicScore('لاعب ملا')).toEqual({ forward: 0, reversed: 0 });
    expect(reversedArabicScore('المدرسة')).toEqual({ forward: 2, reversed: 0 });
  });

  it('rejects when reversed shapes are five or more and over twice the forward ones', () => {
    expect(assessTextLayer(reversed(4)).ok).toBe(true);
    expect(assessTextLayer(reversed(5))).toEqual({
      ok: false, reason: 'text layer garbled: Arabic in reversed visual order (5 reversed vs 0 forward word shapes)',
    });
    expect(assessTextLayer(`${reversed(6)} ${forward(3)}`).ok).toBe(true);
    expect(assessTextLayer(`${reversed(7)} ${forward(3)}`).ok).toBe(false);
  });
});

describe('encoding failures', () => {
  it('no letters at all: no text layer', () => {
    expect(assessTextLayer('')).toEqual({ ok: false, reason: 'no text layer' });
    expect(assessTextLayer('12 34 — 56')).toEqual({ ok: false, reason: 'no text layer' });
  });

  it('control codes: ten or more, and over 2% of the text', () => {
    const ctl = (n: number) => '\u0001'.repeat(n);
    expect(assessTextLayer(`abc${ctl(9)}`).ok).toBe(true);
    expect(assessTextLayer(`abc${ctl(10)}`).reason).toBe('text layer garbled: 10 control codes (broken font encoding)');
    // 490 letters + 10 codes = 500 characters: exactly 2%.
    expect(assessTextLayer(`${'a'.repeat(490)}${ctl(10)}`).ok).toBe(true);
    expect(assessTextLayer(`${'a'.repeat(489)}${ctl(10)}`).ok).toBe(false);
    // Tabs and newlines are not control-code symptoms.
    expect(assessTextLayer(`abc${'\t\n'.repeat(20)}def`).ok).toBe(true);
  });

  it('unmapped glyphs: five or more, and over 5% of the letters', () => {
    expect(assessTextLayer(`abcd ${'\uFFFD'.repeat(4)}`).ok).toBe(true);
    expect(assessTextLayer(`abcd ${'\uFFFD'.repeat(5)}`).reason).toBe('text layer garbled: 5 unmapped glyphs (U+FFFD / private use)');
    expect(assessTextLayer(`abcd ${'\uE000'.repeat(5)}`).ok).toBe(false);
    expect(assessTextLayer(`${'a'.repeat(100)} ${'\uFFFD'.repeat(5)}`).ok).toBe(true);
    expect(assessTextLayer(`${'a'.repeat(99)} ${'\uFFFD'.repeat(5)}`).ok).toBe(false);
  });

  it('CJK mojibake: supplementary-plane ideographs over 5% of the Han', () => {
    expect(assessTextLayer('中'.repeat(40)).ok).toBe(true);
    // 19 + 1 = 20 ideographs, one rare: exactly 5%.
    expect(assessTextLayer(`${'中'.repeat(19)}𠀀`).ok).toBe(true);
    expect(assessTextLayer(`${'中'.repeat(18)}𠀀`)).toEqual({
      ok: false, reason: 'text layer garbled: CJK mojibake (1 of 19 ideographs from the supplementary planes)',
    });
  });
});

describe('garbled words (bad OCR layers)', () => {
  const words = (good: number, bad: number) => [...Array.from({ length: good }, () => 'word'), ...Array.from({ length: bad }, () => 'ab1cd')].join(' ');

  it('flags tokens glued to digits or symbols, inner capitals and mixed scripts; plain words never', () => {
    for (const bad of ['Cl>opMa', 'V1HH', 'CyMMa', 'ab1cd', 'pаssword' /* Cyrillic а */]) {
      expect(assessTextLayer(words(0, 0) + Array.from({ length: 3 }, () => bad).join(' ')).ok, bad).toBe(false);
    }
    for (const bad of ['ab<<cd', 'ab12cd', 'a1b']) {
      expect(assessTextLayer(Array.from({ length: 3 }, () => bad).join(' ')).ok, bad).toBe(false);
    }
    // List markers, brand-style capitals after a first lower-case letter are not garbage.
    for (const good of ['Operator', 'shall,', 'notify.', 'GDPR', 'e-mail', '(a)', 'iPhone']) {
      expect(assessTextLayer(Array.from({ length: 3 }, () => good).join(' ')).ok, good).toBe(true);
    }
  });

  it('twenty or more words: over 20% garbled is rejected', () => {
    expect(assessTextLayer(words(16, 4)).ok).toBe(true);
    // Words under three characters and tokens without letters are not counted.
    expect(assessTextLayer(`${words(15, 5)}${' of'.repeat(10)}${' 123'.repeat(10)}`).ok).toBe(false);
    expect(assessTextLayer(words(15, 5))).toEqual({
      ok: false, reason: 'text layer garbled: 5 of 20 words look like bad OCR or broken encoding',
    });
  });

  it('fewer than twenty words: over half, and at least two, garbled is rejected', () => {
    expect(assessTextLayer(words(2, 2)).ok).toBe(true);
    expect(assessTextLayer(words(1, 2)).reason).toBe('text layer garbled: 2 of 3 words look like bad OCR or broken encoding');
    expect(assessTextLayer(words(0, 1)).ok).toBe(true);
    expect(assessTextLayer('ab1cd ab1cd 123 456').ok).toBe(false);
  });
});
