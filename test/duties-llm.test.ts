import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSegments, segments } from '../schemas/tables.ts';
import { buildHandlers } from '../services/common/handlers.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import { segmentGrammarSchema } from '../workers/extract/engines/llm/json-schema.ts';
import { createLlmExtractor } from '../workers/extract/engines/llm/llm-extractor.ts';
import { disposeLlamaRuntime } from '../workers/extract/engines/llm/model-runtime.ts';
import { buildUserMessage } from '../workers/extract/engines/llm/prompt.ts';
import type { Extractor } from '../workers/extract/extractor.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { choiceOf } from './support/fake-extractor.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

/**
 * Plumbing of issue 9 on the LLM engine with a tiny random Qwen model (its answers mean nothing):
 * the grammar carries leadInSentenceId, the prompt names the segment kind, recitals never reach
 * the model (no call, no tokens), and any lead-in the model names is stored as a verbatim sentence
 * of the item's own segment.
 */
const ACT = `REGULATION (EU) 2099/2 OF THE EUROPEAN PARLIAMENT

Whereas:

(1) Member States should ensure that operators keep records of their activities.

(2) The controller should notify breaches without delay.

HAVE ADOPTED THIS REGULATION:

Article 1
Records

1. The operator shall keep the following records:
(a) the name of each customer;
(b) the date of each sale.

2. The operator must not sell the records.
`;

const world = useEmbeddedTestContext();
let dir: string;
let extractor: Extractor;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'obligato-'));
  const model = await tinyQwenModelPath(dir);
  extractor = await createLlmExtractor({ model, gpu: false, gpuLayers: 0, threads: 1, contextSize: 16384, maxTokens: 512, sequences: 1 });
}, 120_000);

afterAll(async () => {
  await extractor?.close();
  await disposeLlamaRuntime();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('LLM engine plumbing for structure, lists and binding text', () => {
  it('asks for leadInSentenceId in the grammar and names the segment kind in the prompt', () => {
    const grammar = JSON.stringify(segmentGrammarSchema(3));
    expect(grammar).toContain('"leadInSentenceId"');
    const message = buildUserMessage({ citation: 'Article 1', heading: 'Records', language: 'eng', kind: 'article', sentences: ['x'] });
    expect(message.split('\n')).toContain('Kind: article');
  });

  it('never sends recitals to the model and stores lead-ins as sentences of the same segment', async () => {
    const { ctx } = world;
    ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract: choiceOf(extractor) });
    const { document } = await submitDocument(ctx, { tenantId: 't', bytes: Buffer.from(ACT), filename: 'act-llm.txt' });
    await ctx.queue.drain();
    const doc = (await ctx.documents.get('t', document.id))!;
    expect(doc.status, doc.error ?? '').toBe('done');
    const segs = await ctx.database.db.select().from(segments).where(eq(segments.documentId, doc.id));
    const outcomes = await ctx.database.db.select().from(runSegments).where(eq(runSegments.runId, doc.currentRunId!));
    const kindOf = new Map(segs.map((s) => [s.id, s.kind]));
    const recitalOutcomes = outcomes.filter((o) => kindOf.get(o.segmentId) === 'recital');
    expect(recitalOutcomes).toHaveLength(2);
    for (const o of recitalOutcomes) {
      expect(o.status).toBe('skipped');
      expect(o.skipReason).toBe('non-binding: recital');
      expect(o.promptTokens).toBe(0);
    }
    // Every non-binding segment (recitals, preamble) is skipped without a call; the binding ones are read.
    for (const o of outcomes) {
      const binding = !['recital', 'preamble', 'footnote', 'signature', 'toc'].includes(kindOf.get(o.segmentId) ?? '');
      expect(o.status === 'skipped' && o.promptTokens === 0, `${kindOf.get(o.segmentId)}`).toBe(!binding);
    }
    expect(outcomes.filter((o) => o.status === 'done').length).toBeGreaterThan(0);

    const rows = await ctx.obligations.forDocument('t', doc.id);
    for (const r of rows) {
      expect(r.binding).toBe(true);
      if (r.leadInStart === null) continue;
      const seg = segs.find((s) => s.id === r.segmentId)!;
      // The lead-in is one whole sentence of the item's segment, before the item.
      expect(seg.sentences.some((s) => s.start === r.leadInStart && s.end === r.leadInEnd)).toBe(true);
      expect(r.leadInEnd!).toBeLessThanOrEqual(r.quoteStart);
    }
  }, 300_000);
});
