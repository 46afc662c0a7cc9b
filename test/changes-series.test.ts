import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeriesChanges, SeriesList } from '../schemas/api.ts';
import { diffObligations, tokens } from '../services/changes/diff-obligations.ts';
import { apiClient } from './support/api-client.ts';
import { makeTextPdf } from './support/make-pdf.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

/** Two versions of a fictional regulation: one obligation per article, so every change is known. */
const V1 = [
  ['Coastal Drone Regulation 2025', '', 'Article 1', 'The operator shall register each drone with the coastal authority.',
    'Article 2', 'The operator shall report incidents to the authority within 72 hours.',
    'Article 3', 'The pilot may fly over beaches outside the bathing season.',
    'Article 4', 'The operator shall keep flight logs for two years.'],
];
const V2 = [
  ['Coastal Drone Regulation 2026', '', 'Article 1', 'The operator shall register each drone with the coastal authority.',
    // Deadline tightened under the same citation.
    'Article 2', 'The operator shall report incidents to the authority within 24 hours.',
    // Permission turned into a prohibition.
    'Article 3', 'The pilot must not fly over beaches outside the bathing season.',
    // Article 4 removed; the log duty moved to Article 6 unchanged in substance; Article 5 is new.
    'Article 5', 'The manufacturer shall fit every drone with a remote identification beacon.',
    'Article 6', 'The operator shall keep flight logs for two years.'],
];

let env: TestEnv;
let stack: TestStack;

describe('series change tracking', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    stack = await startTestStack(env, 'rules');
  });
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  it('reports added, removed, changed and moved obligations between two generated PDF versions', async () => {
    const api = apiClient(stack.baseUrl);
    const v1 = await api.upload(await makeTextPdf(V1), 'drones-2025.pdf', { series: 'DRONES' });
    expect((await api.settled(v1.id)).status).toBe('done');
    expect((await api.json('/v1/series/DRONES/changes')).status).toBe(409);
    const v2 = await api.upload(await makeTextPdf(V2), 'drones-2026.pdf', { series: 'DRONES' });
    expect((await api.settled(v2.id)).status).toBe('done');

    const res = await api.json('/v1/series/DRONES/changes');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const diff = SeriesChanges.parse(res.body);
    expect(diff.from.id).toBe(v1.id);
    expect(diff.to.id).toBe(v2.id);
    expect(diff.summary).toEqual({ added: 1, removed: 0, changed: 3, unchanged: 1 });

    const at = (citation: string) => diff.changes.find((c) => c.citation === citation)!;
    expect(at('Article 1').kind).toBe('unchanged');
    expect(at('Article 2').kind).toBe('changed');
    expect(at('Article 2').fields.map((f) => f.field)).toContain('deadline');
    const deadline = at('Article 2').fields.find((f) => f.field === 'deadline')!;
    expect(deadline.before).toContain('72');
    expect(deadline.after).toContain('24');
    expect(at('Article 3').fields.find((f) => f.field === 'modality')).toEqual({ field: 'modality', before: 'permission', after: 'prohibition' });
    expect(at('Article 5').kind).toBe('added');
    // The log duty is aligned by its sentence across the renumbering, so only its citation changed.
    expect(at('Article 6')).toMatchObject({ kind: 'changed', matchedBy: 'sentence' });
    expect(at('Article 6').fields).toEqual([{ field: 'citation', before: 'Article 4', after: 'Article 6' }]);

    // Explicit range, reversed: what was added is now removed.
    const back = SeriesChanges.parse((await api.json(`/v1/series/DRONES/changes?from=${v2.id}&to=${v1.id}`)).body);
    expect(back.summary).toMatchObject({ added: 0, removed: 1 });

    const series = SeriesList.parse((await api.json('/v1/series')).body);
    expect(series.items).toEqual([{ name: 'DRONES', versions: [expect.objectContaining({ id: v1.id }), expect.objectContaining({ id: v2.id })] }]);
    expect((await api.json('/v1/series/NOPE/changes')).status).toBe(404);
    expect((await api.json(`/v1/series/DRONES/changes?to=${crypto.randomUUID()}`)).status).toBe(400);
  });
});

describe('diffObligations', () => {
  it('tokenises scripts without spaces into bigrams so Chinese sentences can align', () => {
    expect([...tokens('运营者应当')]).toEqual(['运营', '营者', '者应', '应当']);
  });

  it('does not pair unrelated obligations under different citations', () => {
    const base = {
      documentId: crypto.randomUUID(), engine: 'rules' as const, modelName: null, object: null, condition: null, exceptions: null,
      deadline: { text: null, iso: null, trigger: null }, penalty: null, crossReferences: [], sentenceIds: [0], page: 1,
      language: 'eng', subjectEn: null, actionEn: null, confidence: 0.8, start: 0, end: 10, citationKey: null, leadIn: null, binding: true,
    };
    const a = { ...base, id: crypto.randomUUID(), modality: 'obligation' as const, subject: 'operator', action: 'keep logs', citation: 'Article 1', quote: 'The operator shall keep logs.' };
    const b = { ...base, id: crypto.randomUUID(), modality: 'obligation' as const, subject: 'pilot', action: 'carry a licence', citation: 'Article 9', quote: 'A pilot shall carry a licence at all times.' };
    expect(diffObligations([a], [b]).map((c) => c.kind).sort()).toEqual(['added', 'removed']);
  });
});
