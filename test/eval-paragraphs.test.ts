import { describe, expect, it } from 'vitest';
import { loadParagraphLabels, prf, scoreParagraphs, splitParagraphs } from '../workers/eval/gdpr-paragraphs.ts';
import type { Modality } from '../schemas/obligation.ts';

describe('GDPR paragraph set', () => {
  it('has at least 300 hand-labelled paragraphs keyed article.paragraph, each label a modality', async () => {
    const labels = await loadParagraphLabels();
    expect(labels.size).toBeGreaterThanOrEqual(300);
    expect(labels.get('9.1')).toEqual(new Set(['prohibition']));
    expect(labels.get('4.1')).toEqual(new Set());
    expect(labels.get('33.1')).toEqual(new Set(['obligation']));
    // Every article 1-99 is covered.
    expect(new Set([...labels.keys()].map((k) => Number(k.split('.')[0]))).size).toBe(99);
  });

  it('splits both numbering styles and leaves an unnumbered article whole', () => {
    expect(splitParagraphs('1.\nFirst (a)\nx.\n2.\nSecond.')).toEqual(['First (a)\nx.', 'Second.']);
    expect(splitParagraphs('(1)\nErster.\na)\nPunkt;\n(2)\nZweiter.')).toEqual(['Erster.\na)\nPunkt;', 'Zweiter.']);
    expect(splitParagraphs('For the purposes of this Regulation:\n(1)\n‘personal data’ means')).toEqual(['For the purposes of this Regulation:\n(1)\n‘personal data’ means']);
  });

  it('scores modality sets per paragraph', () => {
    const s = (...m: Modality[]) => new Set<Modality>(m);
    const score = scoreParagraphs('eng', [
      { gold: s('obligation', 'prohibition'), predicted: s('obligation') },
      { gold: s(), predicted: s('permission') },
      { gold: s('permission'), predicted: s('permission') },
      { gold: s('exemption'), predicted: s() },
      { gold: s(), predicted: s() },
    ], 2);
    expect(score.paragraphs).toBe(5);
    expect(score.unaligned).toBe(2);
    expect(score.anyNorm).toEqual(prf(2, 1, 1));
    expect(score.byModality.obligation).toEqual({ precision: 1, recall: 1, tp: 1, fp: 0, fn: 0 });
    expect(score.byModality.prohibition).toEqual({ precision: null, recall: 0, tp: 0, fp: 0, fn: 1 });
    expect(score.byModality.permission).toEqual({ precision: 0.5, recall: 1, tp: 1, fp: 1, fn: 0 });
    expect(score.micro).toEqual({ precision: 0.667, recall: 0.5, tp: 2, fp: 1, fn: 2 });
  });
});
