import { describe, expect, it } from 'vitest';
import { FEW_SHOTS } from '../workers/extract/engines/llm/prompt.ts';
import { groundObligation } from '../workers/extract/grounding.ts';
import { findNormalized, normalizeForMatch } from '../workers/extract/normalize-span.ts';

const text = [
  'Intro.',
  '運営者は、事故の発生を知った時から七十二時間以内に報告しなければならない。',
  'The operator shall, within 72 hours, notify the “competent” authority 🚢👩‍👩‍👧 of the incident.',
  'नियंत्रक को बहत्तर घंटे के भीतर प्राधिकरण को सूचित करना होगा।',
  'Last one.',
].join(' ');
const spans = (...parts: string[]) => parts.map((p) => {
  const start = text.indexOf(p);
  if (start < 0) throw new Error(`fixture: ${p} not in text`);
  return { start, end: start + p.length };
});
const sentences = text.split(/(?<=[.。।])\s/);
const segment = { citation: 'Article 1', sentences: spans(...sentences) };

/** True when `offset` is not between the two halves of a surrogate pair. */
const onCodePoint = (s: string, offset: number) =>
  offset <= 0 || offset >= s.length || !(/[\uD800-\uDBFF]/.test(s[offset - 1]!) && /[\uDC00-\uDFFF]/.test(s[offset]!));

function ground(sentenceIds: number[], span: string | null) {
  const g = groundObligation({ sentenceIds, span }, segment, text, () => 1);
  if (!g) throw new Error('not grounded');
  // The quote itself is compared with the expected text in each test; here, that the offsets
  // locate it (the first place after the cited sentence's start where it occurs).
  expect(text.indexOf(g.quote, segment.sentences[g.sentenceIds[0]!]!.start)).toBe(g.quoteStart);
  expect(onCodePoint(text, g.quoteStart) && onCodePoint(text, g.quoteEnd)).toBe(true);
  return g;
}

describe('verbatim sub-span grounding', () => {
  it('keeps an exact sub-span of the cited sentence', () => {
    const g = ground([2], 'notify the “competent” authority');
    expect(g).toMatchObject({ alignment: 'exact', quote: 'notify the “competent” authority' });
  });

  it('matches after normalisation and stores the document text, not the engine string', () => {
    const g = ground([2], 'The Operator shall,  within 72 hours,\nnotify the "competent" authority');
    expect(g.alignment).toBe('normalized');
    expect(g.quote).toBe('The operator shall, within 72 hours, notify the “competent” authority');
  });

  it('falls back to the cited sentence when the span is not in it', () => {
    const g = ground([2], 'the controller shall pay a fine');
    expect(g).toMatchObject({ alignment: 'fallback', quote: sentences[2] });
    // A span from another, uncited sentence is not accepted either.
    expect(ground([2], 'Last one').alignment).toBe('fallback');
  });

  it('treats a null or blank span as sentence alignment', () => {
    expect(ground([1], null).alignment).toBe('sentence');
    expect(ground([1], '   ').alignment).toBe('sentence');
  });

  it('cuts CJK, emoji ZWJ sequences and Devanagari only at grapheme boundaries', () => {
    expect(ground([1], '七十二時間以内に報告しなければならない')).toMatchObject({ alignment: 'exact', quote: '七十二時間以内に報告しなければならない' });
    // The family emoji is one grapheme of 8 UTF-16 units; a span ending inside it widens to all of it.
    const family = ground([2], 'authority 🚢👩');
    expect(family.quote).toBe('“competent” authority 🚢👩‍👩‍👧'.slice('“competent” '.length));
    expect(family.alignment).toBe('normalized');
    // "सूचित" ends in a vowel sign; a span that stops at the consonant widens to the whole syllable.
    const hindi = ground([3], 'प्राधिकरण को सूच');
    expect(hindi.quote).toBe('प्राधिकरण को सूचि');
  });

  it('accepts a span across several cited sentences', () => {
    const g = ground([1, 2], 'ならない。 The operator shall');
    expect(g.quote).toBe('ならない。 The operator shall');
    expect(g.sentenceIds).toEqual([1, 2]);
  });

  it('every few-shot span is an exact substring of its cited sentence', () => {
    for (const shot of FEW_SHOTS) {
      for (const o of shot.output.obligations) {
        if (o.span === null) continue;
        expect(o.sentenceIds.map((id) => shot.input.sentences[id]).join(' ')).toContain(o.span);
      }
    }
  });
});

describe('normalisation map', () => {
  it('maps every normalised unit back to a source grapheme', () => {
    const source = 'Ａ  “B”\u00AD—c\u200B 🚢';
    const n = normalizeForMatch(source);
    expect(n.text).toBe('a "b"-c 🚢');
    expect(n.starts).toHaveLength(n.text.length);
    expect(findNormalized(source, '"B"-C')).toEqual({ start: 3, end: source.indexOf('c') + 1 });
    expect(findNormalized(source, 'zzz')).toBeNull();
    expect(findNormalized(source, ' ')).toBeNull();
  });
});
