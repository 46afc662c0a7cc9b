import { describe, expect, it } from 'vitest';
import type { ExtractedObligation } from '../schemas/obligation.ts';
import type { SegmentRow } from '../schemas/tables.ts';
import type { SegmentOutcome } from '../services/storage/extraction-repository.ts';
import { createExtractHandler } from '../workers/extract/extract-handler.ts';
import type { Extractor, SegmentInput, TokenAccounting } from '../workers/extract/extractor.ts';
import { parsePrefilterPolicy, prefilterSegment } from '../workers/extract/prefilter.ts';
import { mergeBySentenceIds, planWindows } from '../workers/extract/windows.ts';

describe('prefilter policy', () => {
  it('parses all / none / lists / exclusions and never filters uncovered languages', () => {
    const all = parsePrefilterPolicy('all,-ell');
    expect(all.appliesTo('eng')).toBe(true);
    expect(all.appliesTo('en')).toBe(true);
    expect(all.appliesTo('ell')).toBe(false);
    expect(all.appliesTo('und')).toBe(false);
    expect(all.appliesTo(null)).toBe(false);
    expect(all.appliesTo('xho')).toBe(false);
    const some = parsePrefilterPolicy('deu, fr');
    expect([some.appliesTo('deu'), some.appliesTo('fra'), some.appliesTo('eng')]).toEqual([true, true, false]);
    expect(parsePrefilterPolicy('none').appliesTo('eng')).toBe(false);
    expect(() => parsePrefilterPolicy('all,-klingon')).toThrow(/not a language with a trigger list/);
  });

  it('skips only covered segments without a trigger', () => {
    const p = parsePrefilterPolicy('all');
    expect(prefilterSegment(p, 'eng', ['The operator shall act.']).needsModel).toBe(true);
    expect(prefilterSegment(p, 'eng', ['This Regulation lays down rules.'])).toMatchObject({ needsModel: false });
    expect(prefilterSegment(p, 'und', ['This Regulation lays down rules.']).needsModel).toBe(true);
    expect(prefilterSegment(parsePrefilterPolicy('none'), 'eng', ['No duty here.']).needsModel).toBe(true);
  });
});

/** Counts one token per character; budget set per test. */
const charTokens = (budget: number): TokenAccounting => ({
  promptTokens: (i) => 100 + i.sentences.join('').length,
  sentenceTokens: (s) => s.length,
  sentenceBudget: budget,
});

const obligation = (ids: number[], confidence: number, subjectEn = 'x'): ExtractedObligation => ({
  sentenceIds: ids, modality: 'obligation', subject: 's', action: 'a', object: null, condition: null, exceptions: null,
  deadline: null, penalty: null, crossReferences: [], subjectEn, actionEn: 'a', confidence, span: null,
});

describe('token windows', () => {
  it('keeps a fitting segment whole and cuts a long one at sentence boundaries with overlap', () => {
    const s = ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee'];
    expect(planWindows(s, charTokens(100))).toEqual([{ offset: 0, sentences: s }]);
    const w = planWindows(s, charTokens(8));
    expect(w.map((x) => [x.offset, x.sentences.length])).toEqual([[0, 2], [1, 2], [2, 2], [3, 2]]);
    // Every sentence is covered, and no window exceeds the budget.
    expect(new Set(w.flatMap((x) => x.sentences))).toEqual(new Set(s));
    for (const x of w) expect(x.sentences.join('').length).toBeLessThanOrEqual(8);
    // A single sentence over budget still gets its own window (the engine then reports overflow).
    expect(planWindows(['x'.repeat(20), 'y'], charTokens(8)).map((x) => x.sentences.length)).toEqual([1, 1]);
  });

  it('merges duplicates from overlapping windows by sentence ids, keeping the confident one', () => {
    const merged = mergeBySentenceIds([obligation([1], 0.4), obligation([2], 0.9), obligation([1], 0.8), obligation([1], 0.5, 'other')]);
    expect(merged.map((o) => [o.sentenceIds[0], o.confidence, o.subjectEn])).toEqual([[1, 0.8, 'x'], [1, 0.5, 'other'], [2, 0.9, 'x']]);
  });
});

describe('extract handler with prefilter', () => {
  it('records trigger-less segments as skipped with the tokens saved, and sends the rest to the engine', async () => {
    const text = 'The operator shall keep records. This chapter describes scope. Der Betreiber muss melden.';
    const seg = (id: string, ordinal: number, start: number, end: number, language: string): SegmentRow => ({
      id, tenantId: 't', documentId: 'd', ordinal, citation: `A${ordinal}`, citationKey: null, kind: 'article', heading: ordinal === 0 ? 'Chapter I' : null,
      text: text.slice(start, end), start, end, pageStart: 1, pageEnd: 1, language, sentences: [{ start, end }],
    });
    const segments = [seg('s0', 0, 0, 32, 'eng'), seg('s1', 1, 33, 62, 'eng'), seg('s2', 2, 63, text.length, 'xyz')];
    const seen: SegmentInput[] = [];
    const extractor: Extractor = {
      info: { engine: 'llm', modelName: 'm', modelSha256: null, promptVersion: 'p', params: {} },
      tokens: charTokens(1000),
      extractSegment(input) {
        seen.push(input);
        return Promise.resolve({ obligations: [obligation([0], 0.9)], promptTokens: 7, completionTokens: 3 });
      },
      close: () => Promise.resolve(),
    };
    const saved: SegmentOutcome[] = [];
    const run = { id: 'r', tenantId: 't', documentId: 'd', params: {} };
    const handler = createExtractHandler({
      documents: {
        get: () => Promise.resolve({ id: 'd', tenantId: 't', text }),
        segments: () => Promise.resolve(segments), pages: () => Promise.resolve([{ n: 1, start: 0 }]),
        setStatus: () => Promise.resolve(), setProgress: () => Promise.resolve(),
      } as never,
      runs: {
        startRun: (r: { params: Record<string, unknown> }) => { run.params = r.params; return Promise.resolve(run); },
        finishedSegmentIds: () => Promise.resolve(new Set()),
        saveSegment: (_r: unknown, o: SegmentOutcome) => { saved.push(o); return Promise.resolve(true); },
        finishRun: () => Promise.resolve(run),
      } as never,
      extractor, concurrency: 2, prefilter: parsePrefilterPolicy('all'),
    });
    await handler({ tenantId: 't', documentId: 'd' }, { reportProgress: () => Promise.resolve() } as never);
    const bySegment = new Map(saved.map((o) => [o.segmentId, o]));
    expect(bySegment.get('s1')).toMatchObject({ status: 'skipped', tokensSaved: 100 + 29, obligations: [] });
    expect(bySegment.get('s1')?.skipReason).toMatch(/no deontic trigger \(eng\)/);
    // English with a trigger and an uncovered language both reach the engine.
    expect(bySegment.get('s0')).toMatchObject({ status: 'done', promptTokens: 7 });
    expect(bySegment.get('s2')).toMatchObject({ status: 'done' });
    expect(seen.map((i) => i.citation).sort()).toEqual(['A0', 'A2']);
    // The segment after "Chapter I" carries it as context; the prefilter is part of the run identity.
    expect(seen.find((i) => i.citation === 'A2')?.context).toBe('Chapter I');
    expect(run.params).toMatchObject({ prefilter: 'all' });
  });
});
