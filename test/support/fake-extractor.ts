import type { Worker } from 'bullmq';
import type { AppContext } from '../../services/common/app-context.ts';
import { buildHandlers } from '../../services/common/handlers.ts';
import { startBullmqWorkers } from '../../services/queue/bullmq.ts';
import type { ExtractorChoice } from '../../workers/extract/create-extractor.ts';
import type { Extractor, ExtractorInfo, SegmentInput } from '../../workers/extract/extractor.ts';
import { parsePrefilterPolicy } from '../../workers/extract/prefilter.ts';

/**
 * A deterministic stand-in for the LLM engine: one obligation per sentence that contains
 * `trigger`, with token accounting (one token per character) so skipped segments record what they
 * saved. `calls` lists every input it was asked about, to prove which segments reached it.
 */
export function fakeLlm(info: Partial<ExtractorInfo> = {}, trigger = /\b(shall|must|may)\b/i): Extractor & { calls: SegmentInput[] } {
  const calls: SegmentInput[] = [];
  const chars = (input: SegmentInput) => input.sentences.join('\n').length;
  return {
    calls,
    info: { engine: 'llm', modelName: 'fake.gguf', modelSha256: 'a'.repeat(64), promptVersion: 'test', params: {}, ...info },
    tokens: { promptTokens: (input) => 100 + chars(input), sentenceTokens: (s) => s.length + 1, sentenceBudget: 100_000 },
    extractSegment(input) {
      calls.push(input);
      const obligations = input.sentences.flatMap((s, i) => (trigger.test(s) ? [{
        sentenceIds: [i], modality: 'obligation' as const, subject: 'the operator', action: 'act', object: null, condition: null,
        exceptions: null, deadline: null, penalty: null, crossReferences: [], subjectEn: 'the operator', actionEn: 'act',
        confidence: 0.9, span: null,
      }] : []));
      return Promise.resolve({ obligations, promptTokens: 100 + chars(input), completionTokens: 10 });
    },
    close: () => Promise.resolve(),
  };
}

export function choiceOf(extractor: Extractor, triage: Extractor | null = null): ExtractorChoice {
  return { extractor, concurrency: 2, documents: 1, notice: null, prefilter: parsePrefilterPolicy('none'), triage };
}

/** BullMQ workers for this process's roles, as `obligato serve --role …` starts them. */
export function startWorkers(ctx: AppContext, roles: { ingest: boolean; extract: ExtractorChoice | null }): Worker[] {
  return startBullmqWorkers(buildHandlers(ctx, roles), {
    redisUrl: ctx.config.redisUrl, prefix: ctx.config.redisPrefix, attempts: ctx.config.jobAttempts,
    concurrency: { ingest: 2, extract: 1 }, onFailure: ctx.onJobFailure,
  });
}
