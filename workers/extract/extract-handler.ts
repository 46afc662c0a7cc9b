import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { ExtractJob } from '../../schemas/jobs.ts';
import type { SegmentRow } from '../../schemas/tables.ts';
import type { DocumentsRepository } from '../../services/storage/documents-repository.ts';
import type { ExtractionRepository, SegmentOutcome } from '../../services/storage/extraction-repository.ts';
import type { JobContext } from '../../services/queue/job-queue.ts';
import { PermanentJobError } from '../../services/queue/run-job.ts';
import { normalizeDeadline } from './deadline.ts';
import { ContextOverflowError, type Extractor, type ExtractorInfo, type SegmentResult } from './extractor.ts';
import { groundObligation, pageLocator } from './grounding.ts';

export interface ExtractHandlerDeps {
  documents: DocumentsRepository;
  runs: ExtractionRepository;
  extractor: Extractor;
  /** Segments in flight at once; for the LLM engine, its number of parallel sequences. */
  concurrency: number;
}

/** Same engine, model, prompt and params: same key, so a retried job resumes the same run. */
export function runKeyOf(info: ExtractorInfo): string {
  const identity = JSON.stringify([info.engine, info.modelSha256, info.promptVersion, info.params]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/**
 * Extracts obligations segment by segment. Each finished segment is committed with its
 * obligations, so a killed worker resumes where it stopped; a segment that fails records its
 * reason and the rest of the document carries on.
 */
export function createExtractHandler(deps: ExtractHandlerDeps) {
  const { documents, runs, extractor } = deps;
  return async function extract(job: ExtractJob, ctx: JobContext): Promise<void> {
    const doc = await documents.get(job.tenantId, job.documentId);
    if (!doc) throw new PermanentJobError(`Document ${job.documentId} no longer exists`);
    if (doc.text === null) throw new PermanentJobError(`Document ${doc.id} has no text yet; ingest must run first`);
    const text = doc.text;
    const [segments, pages] = await Promise.all([documents.segments(doc.id), documents.pages(doc.id)]);
    const pageAt = pageLocator(pages);
    const startedAt = Date.now();
    await documents.setStatus(doc.id, 'extracting');
    const run = await runs.startRun({
      tenantId: doc.tenantId, documentId: doc.id, runKey: runKeyOf(extractor.info), ...extractor.info,
      segmentsTotal: segments.length,
    });
    const finished = await runs.finishedSegmentIds(run.id);
    let done = finished.size;
    await ctx.reportProgress({ stage: 'extracting', done, total: segments.length });

    const limit = pLimit(Math.max(1, deps.concurrency));
    await Promise.all(segments.filter((s) => !finished.has(s.id)).map((segment) => limit(async () => {
      const outcome = await extractSegment(extractor, segment, text, pageAt);
      await runs.saveSegment(run, outcome);
      done += 1;
      await ctx.reportProgress({ stage: 'extracting', done, total: segments.length });
    })));

    await runs.finishRun(run, Date.now() - startedAt);
  };
}

async function extractSegment(
  extractor: Extractor, segment: SegmentRow, text: string, pageAt: (offset: number) => number,
): Promise<SegmentOutcome> {
  const started = Date.now();
  const sentences = segment.sentences.map((s) => text.slice(s.start, s.end));
  const base = { segmentId: segment.id, promptTokens: 0, completionTokens: 0 };
  if (!sentences.length) return { ...base, status: 'skipped', durationMs: 0, obligations: [] };
  try {
    const result = await extractSplitting(extractor, segment, sentences, 0);
    const obligations = result.obligations.flatMap((o, ordinal) => {
      const span = groundObligation(o, segment, text, pageAt);
      if (!span) return [];
      const deadline = normalizeDeadline(o.deadline);
      return [{
        ordinal, engine: extractor.info.engine, modality: o.modality, subject: o.subject, action: o.action,
        object: o.object, condition: o.condition, exceptions: o.exceptions, deadlineText: o.deadline,
        deadlineIso: deadline.iso, deadlineTrigger: deadline.trigger, penalty: o.penalty,
        citation: segment.citation, crossReferences: o.crossReferences, ...span, alignment: 'sentence',
        language: segment.language, subjectEn: o.subjectEn, actionEn: o.actionEn, confidence: o.confidence,
      }];
    });
    return { ...base, status: 'done', promptTokens: result.promptTokens, completionTokens: result.completionTokens,
      durationMs: Date.now() - started, obligations };
  } catch (error) {
    return { ...base, status: 'failed', error: (error as Error).message, durationMs: Date.now() - started, obligations: [] };
  }
}

/**
 * Runs the engine on sentences[offset..]; when the prompt overflows the context, halves the
 * sentence list (sentence boundaries are the only safe cut) and maps ids back to the segment.
 */
async function extractSplitting(
  extractor: Extractor, segment: SegmentRow, sentences: string[], offset: number,
): Promise<SegmentResult> {
  try {
    const result = await extractor.extractSegment({
      citation: segment.citation, heading: segment.heading, language: segment.language, sentences,
    });
    return {
      ...result,
      obligations: result.obligations.map((o) => ({ ...o, sentenceIds: o.sentenceIds.map((id) => id + offset) })),
    };
  } catch (error) {
    if (!(error instanceof ContextOverflowError) || sentences.length < 2) throw error;
    const middle = Math.ceil(sentences.length / 2);
    const left = await extractSplitting(extractor, segment, sentences.slice(0, middle), offset);
    const right = await extractSplitting(extractor, segment, sentences.slice(middle), offset + middle);
    return {
      obligations: [...left.obligations, ...right.obligations],
      promptTokens: left.promptTokens + right.promptTokens,
      completionTokens: left.completionTokens + right.completionTokens,
    };
  }
}
