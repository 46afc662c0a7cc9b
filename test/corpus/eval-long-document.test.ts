import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentText } from '../../schemas/text.ts';
import { createEmbeddedContext, type AppContext } from '../../services/common/app-context.ts';
import { segmentDocument } from '../../services/ingest/segments/segment-document.ts';
import type { InlineJobQueue } from '../../services/queue/inline-queue.ts';
import { createExtractor, type ExtractorChoice } from '../../workers/extract/create-extractor.ts';
import { createExtractHandler } from '../../workers/extract/extract-handler.ts';
import { PROMPT_VERSION } from '../../workers/extract/engines/llm/prompt.ts';
import { createTestEnv, type TestEnv } from '../support/test-env.ts';
import { tinyQwenModelPath } from '../support/tiny-qwen-gguf.ts';

/**
 * A generated 60-page, 300-segment document through the LLM path with parallel sequences and the
 * tiny random Qwen. Slow (minutes on 2 cores), so it lives in the slow suite (`npm run test:corpus`);
 * it needs Postgres but no corpus files. The text pipeline is represented by its own segmenter over
 * generated pages, so the test does not depend on PDF parsing.
 */
const PAGES = 60;
const ARTICLES_PER_PAGE = 5;
const LONG_ARTICLE = 7;

function generateDocument(): DocumentText {
  let text = '';
  const pages: DocumentText['pages'] = [];
  let article = 0;
  for (let p = 1; p <= PAGES; p++) {
    const start = text.length;
    if (p % 10 === 1) text += `Chapter ${Math.ceil(p / 10)} Duties of operators\n\n`;
    for (let a = 0; a < ARTICLES_PER_PAGE; a++) {
      article++;
      const body = article === LONG_ARTICLE
        // Long enough (~6,000 tokens with the byte-level vocabulary) to need several windows.
        ? Array.from({ length: 90 }, (_, i) => `The operator shall record item ${i + 1} of the register without delay.`).join(' ')
        : `The operator shall keep register ${article} for five years. The operator must not disclose register ${article} to third parties. The authority may inspect it at any time.`;
      text += `Article ${article}\n${body}\n\n`;
    }
    pages.push({ n: p, source: 'plain', reason: 'generated', ocrConfidence: null, start, end: text.length, language: 'eng' });
  }
  const language = { code: 'eng', bcp47: 'en', confidence: 1, candidates: [] };
  return { text, language, pages, segments: segmentDocument(text, pages, language) };
}

let env: TestEnv;
let ctx: AppContext<InlineJobQueue>;
let choice: ExtractorChoice;

beforeAll(async () => {
  env = await createTestEnv();
  ctx = await createEmbeddedContext(env.config, { databaseUrl: env.config.databaseUrl });
  const model = await tinyQwenModelPath(env.dir);
  choice = await createExtractor({
    ...env.config, model, llmThreads: 1, llmSequences: 8, llmContextSize: 16_384, llmMaxTokens: 512, gpuLayers: 0, prefilterLanguages: 'none',
  }, 'llm');
});
afterAll(async () => {
  await choice?.extractor.close();
  await ctx?.close();
  await env?.cleanup();
});

describe('a 60-page, 300-segment document through the LLM path', () => {
  it('stores only grounded obligations and records model, prompt, tokens and time', async () => {
    const generated = generateDocument();
    expect(generated.segments).toHaveLength(PAGES * ARTICLES_PER_PAGE);
    const { document } = await ctx.documents.createOrGet({
      tenantId: 't', sha256: 'a'.repeat(64), filename: 'long.txt', mime: 'text/plain', sizeBytes: generated.text.length, series: null, languageHint: null,
    });
    await ctx.documents.saveText(document, generated);
    const handler = createExtractHandler({
      documents: ctx.documents, runs: ctx.runs, extractor: choice.extractor, concurrency: choice.concurrency, prefilter: choice.prefilter,
    });
    const started = Date.now();
    await handler({ tenantId: 't', documentId: document.id }, { reportProgress: () => Promise.resolve() } as never);
    const elapsed = Date.now() - started;

    const doc = await ctx.documents.get('t', document.id);
    expect(doc?.status).toBe('done');
    const run = (await ctx.runs.getRun(doc!.tenantId, doc!.currentRunId!))!;
    expect(run).toMatchObject({ engine: 'llm', promptVersion: PROMPT_VERSION, segmentsTotal: 300, segmentsDone: 300, segmentsFailed: 0 });
    expect(run.modelSha256).toMatch(/^[0-9a-f]{64}$/);
    // Sequences are a runtime knob, recorded apart from the output-affecting run params.
    expect(run.runtime).toMatchObject({ sequences: 8 });
    expect(run.params).not.toHaveProperty('sequences');
    expect(run.params.packTokens).toBeGreaterThan(0);
    expect(run.promptTokens).toBeGreaterThan(300 * 100);
    expect(run.completionTokens).toBeGreaterThan(300);
    expect(run.durationMs).toBeGreaterThan(0);

    type Row = { quote: string; quote_start: number; quote_end: number; page: number; citation: string; text: string };
    const result: unknown = await ctx.database.db.execute(sql`
      select o.quote, o.quote_start, o.quote_end, o.page, o.citation, d.text
      from obligations o join documents d on d.id = o.document_id where o.document_id = ${document.id}`);
    const { rows } = result as { rows: Row[] };
    // The tiny model answers one norm per call, and short articles are packed several to a call
    // (LLM_PACK_TOKENS), so there are fewer obligations than segments: measured 52 for 300.
    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.filter((r) => r.text.slice(r.quote_start, r.quote_end) !== r.quote)).toEqual([]);
    // Obligations come from the whole document, first pages to last pack.
    expect(Math.min(...rows.map((r) => r.page))).toBe(1);
    expect(Math.max(...rows.map((r) => r.page))).toBeGreaterThanOrEqual(PAGES - 3);
    // The long article went through several windows; its merged obligations cite it.
    expect(rows.some((r) => r.citation.endsWith(`Article ${LONG_ARTICLE}`))).toBe(true);
    console.log(`60 pages / 300 segments: ${elapsed} ms, ${rows.length} obligations, prompt ${run.promptTokens} + completion ${run.completionTokens} tokens`);
  }, 1_800_000); // ~4-8 min on 2 cores, with the rest of the corpus suite running beside it.
});
