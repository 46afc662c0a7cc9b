import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { ExtractJob } from '../../schemas/jobs.ts';
import type { ExtractedObligation } from '../../schemas/obligation.ts';
import type { SegmentRow } from '../../schemas/tables.ts';
import type { DocumentsRepository } from '../../services/storage/documents-repository.ts';
import type { ExtractionRepository, SegmentOutcome } from '../../services/storage/extraction-repository.ts';
import type { JobContext } from '../../services/queue/job-queue.ts';
import { PermanentJobError } from '../../services/queue/run-job.ts';
import { normalizeDeadline } from './deadline.ts';
import {
  ContextOverflowError, type Extractor, type ExtractorInfo, type SegmentInput, type SegmentResult,
} from './extractor.ts';
import { groundObligation, pageLocator } from './grounding.ts';
import { isBindingKind, selectSegments } from './segment-filter.ts';
import { prefilterSegment, type PrefilterPolicy } from './prefilter.ts';
import { packInput, planPacks, shareTokens, unpackObligations } from './packs.ts';
import { mergeBySentenceIds, planWindows } from './windows.ts';

export interface ExtractHandlerDeps {
  documents: DocumentsRepository;
  runs: ExtractionRepository;
  extractor: Extractor;
  /** Segments in flight at once; for the LLM engine, its number of parallel sequences. */
  concurrency: number;
  /**
   * Keeps trigger-less segments away from engines with a token cost (the LLM). Ignored for the
   * rules engine, which is itself trigger-based and costs nothing.
   */
  prefilter?: PrefilterPolicy;
  /** A small model asked first; a segment where it finds no norm skips `extractor`. */
  triage?: Extractor | null;
}

/** The identity stored with the run: the engine's, plus the prefilter when it applies. */
export function runInfoOf(
  extractor: Extractor, prefilter: PrefilterPolicy | undefined, triage?: Extractor | null,
): ExtractorInfo {
  const info = extractor.info;
  const params: Record<string, unknown> = { ...info.params };
  if (prefilter && extractor.tokens) params.prefilter = prefilter.spec;
  if (triage) params.triage = { model: triage.info.modelName, sha256: triage.info.modelSha256 };
  return { ...info, params };
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
    const info = runInfoOf(extractor, deps.prefilter, deps.triage);
    const prefilter = extractor.tokens ? deps.prefilter : undefined;
    const run = await runs.startRun({
      tenantId: doc.tenantId, documentId: doc.id, runKey: runKeyOf(info), ...info,
      segmentsTotal: segments.length,
    });
    const finished = await runs.finishedSegmentIds(run.id);
    let done = finished.size;
    await ctx.reportProgress({ stage: 'extracting', done, total: segments.length });

    const limit = pLimit(Math.max(1, deps.concurrency));
    const contextOf = headingContext(segments);
    const todo = [...segments].sort((a, b) => a.ordinal - b.ordinal).filter((s) => !finished.has(s.id));
    // Only unfinished segments are planned, so a resumed run packs what is left and each pack's
    // segments are saved one by one as before.
    // Non-binding text (recitals, preamble, TOC …) is recorded as skipped and reaches no engine.
    const selection = selectSegments(todo, doc.includeRecitals);
    for (const outcome of selection.skipped) {
      await runs.saveSegment(run, outcome);
      done += 1;
    }
    const plan = planSegmentPacks(extractor, selection.extract, text, contextOf, prefilter);
    await Promise.all(plan.map((group) => limit(async () => {
      const outcomes = group.length === 1
        ? [await extractSegment(extractor, group[0]!, text, pageAt, contextOf.get(group[0]!.id) ?? null, prefilter, deps.triage ?? null)]
        : await extractPack(extractor, group, text, pageAt, contextOf, deps.triage ?? null);
      for (const outcome of outcomes) {
        await runs.saveSegment(run, outcome);
        done += 1;
        await ctx.reportProgress({ stage: 'extracting', done, total: segments.length });
      }
    })));

    await runs.finishRun(run, Date.now() - startedAt);
  };
}

/**
 * For each segment, the nearest earlier heading that is not its own (an article under a chapter),
 * so the model sees where a segment sits even when it is read alone.
 */
export function headingContext(segments: readonly SegmentRow[]): Map<string, string> {
  const out = new Map<string, string>();
  let previous: string | null = null;
  for (const s of [...segments].sort((a, b) => a.ordinal - b.ordinal)) {
    if (previous && previous !== s.heading) out.set(s.id, previous);
    if (s.heading) previous = s.heading;
  }
  return out;
}

function segmentInput(segment: SegmentRow, text: string, context: string | null): SegmentInput {
  const sentences = segment.sentences.map((s) => text.slice(s.start, s.end));
  return { citation: segment.citation, heading: segment.heading, context, language: segment.language, kind: segment.kind, sentences };
}

/**
 * Plans the calls: with a pack budget (llm engine, LLM_PACK_TOKENS > 0), consecutive segments
 * that will reach the model share one call while their text fits the budget; every other segment
 * (no sentences, prefiltered, too long for a pack, or no budget) is a group of its own.
 */
export function planSegmentPacks(
  extractor: Extractor, segments: readonly SegmentRow[], text: string, contextOf: ReadonlyMap<string, string>,
  prefilter: PrefilterPolicy | undefined,
): SegmentRow[][] {
  const tokens = extractor.tokens;
  const budget = tokens?.packBudget ?? 0;
  if (!tokens || budget <= 0) return segments.map((s) => [s]);
  // A segment's text cost is its prompt minus the prompt of an empty segment: its header and
  // sentence lines, counted with the model's tokenizer.
  const empty = tokens.promptTokens({ citation: '', heading: null, language: null, sentences: [] });
  const groups: SegmentRow[][] = [];
  const candidates: SegmentRow[] = [];
  const costs: number[] = [];
  for (const segment of segments) {
    const input = segmentInput(segment, text, contextOf.get(segment.id) ?? null);
    const reachesModel = input.sentences.length > 0
      && (!prefilter || prefilterSegment(prefilter, segment.language, input.sentences).needsModel);
    if (!reachesModel) {
      groups.push([segment]);
      continue;
    }
    candidates.push(segment);
    costs.push(Math.max(0, tokens.promptTokens(input) - empty));
  }
  for (const pack of planPacks(costs, budget)) groups.push(pack.map((i) => candidates[i]!));
  return groups;
}

/** An engine obligation grounded in its segment's text, as stored; null when it cites nothing usable. */
function storedObligation(
  extractor: Extractor, o: ExtractedObligation, segment: SegmentRow, text: string, pageAt: (offset: number) => number,
): SegmentOutcome['obligations'][number] | null {
  const span = groundObligation(o, segment, text, pageAt);
  if (!span) return null;
  const deadline = normalizeDeadline(o.deadline);
  return {
    engine: extractor.info.engine, modality: o.modality, subject: o.subject, action: o.action,
    object: o.object, condition: o.condition, exceptions: o.exceptions, deadlineText: o.deadline,
    deadlineIso: deadline.iso, deadlineTrigger: deadline.trigger, penalty: o.penalty,
    crossReferences: o.crossReferences, binding: isBindingKind(segment.kind), ...span,
    language: segment.language, subjectEn: o.subjectEn, actionEn: o.actionEn, confidence: o.confidence,
    ordinal: 0,
  };
}

function storedObligations(
  extractor: Extractor, obligations: readonly ExtractedObligation[], segment: SegmentRow, text: string, pageAt: (offset: number) => number,
): SegmentOutcome['obligations'] {
  return obligations.flatMap((o) => storedObligation(extractor, o, segment, text, pageAt) ?? [])
    .map((o, ordinal) => ({ ...o, ordinal }));
}

/**
 * Several short segments in one call (triage first, when configured, on the same pack). Results
 * are mapped back per segment; tokens and time are shared in proportion to each segment's text.
 * When the packed call fails for any reason (unusable answer, overflow), each segment is retried
 * on its own, so a pack never fails segments that would have succeeded alone.
 */
async function extractPack(
  extractor: Extractor, group: readonly SegmentRow[], text: string, pageAt: (offset: number) => number,
  contextOf: ReadonlyMap<string, string>, triage: Extractor | null,
): Promise<SegmentOutcome[]> {
  const started = Date.now();
  const members = group.map((segment) => ({ segment, input: segmentInput(segment, text, contextOf.get(segment.id) ?? null) }));
  const weight = (m: (typeof members)[number]) => m.input.sentences.reduce((a, s) => a + s.length, 0);
  try {
    const outcomes = new Map<string, SegmentOutcome>();
    const triageTokens = new Map<string, { promptTokens: number; completionTokens: number }>();
    let active = members;
    if (triage) {
      const packed = packInput(members.map((m) => m.input));
      const verdict = await triage.extractSegment(packed);
      const found = unpackObligations(verdict.obligations, packed);
      const p = shareTokens(verdict.promptTokens, members.map(weight));
      const c = shareTokens(verdict.completionTokens, members.map(weight));
      members.forEach((m, k) => triageTokens.set(m.segment.id, { promptTokens: p[k]!, completionTokens: c[k]! }));
      active = members.filter((_, k) => found[k]!.length > 0);
      for (const m of members.filter((_, k) => !found[k]!.length)) {
        outcomes.set(m.segment.id, {
          segmentId: m.segment.id, ...triageTokens.get(m.segment.id)!, status: 'skipped',
          skipReason: 'triage: no norm found by the triage model', tokensSaved: extractor.tokens?.promptTokens(m.input) ?? 0,
          durationMs: 0, obligations: [],
        });
      }
    }
    if (active.length) {
      const packed = packInput(active.map((m) => m.input));
      const result = await extractor.extractSegment(packed);
      const perSegment = unpackObligations(result.obligations, packed);
      const p = shareTokens(result.promptTokens, active.map(weight));
      const c = shareTokens(result.completionTokens, active.map(weight));
      active.forEach((m, k) => {
        const t = triageTokens.get(m.segment.id) ?? { promptTokens: 0, completionTokens: 0 };
        outcomes.set(m.segment.id, {
          segmentId: m.segment.id, status: 'done', promptTokens: p[k]! + t.promptTokens, completionTokens: c[k]! + t.completionTokens,
          durationMs: 0, obligations: storedObligations(extractor, perSegment[k]!, m.segment, text, pageAt),
        });
      });
    }
    const durations = shareTokens(Date.now() - started, members.map(weight));
    return members.map((m, k) => ({ ...outcomes.get(m.segment.id)!, durationMs: durations[k]! }));
  } catch {
    const out: SegmentOutcome[] = [];
    for (const m of members) {
      out.push(await extractSegment(extractor, m.segment, text, pageAt, m.input.context ?? null, undefined, triage));
    }
    return out;
  }
}

async function extractSegment(
  extractor: Extractor, segment: SegmentRow, text: string, pageAt: (offset: number) => number,
  context: string | null, prefilter: PrefilterPolicy | undefined, triage: Extractor | null,
): Promise<SegmentOutcome> {
  const started = Date.now();
  const input = segmentInput(segment, text, context);
  const { sentences } = input;
  const base = { segmentId: segment.id, promptTokens: 0, completionTokens: 0 };
  if (!sentences.length) return { ...base, status: 'skipped', skipReason: 'no sentences', durationMs: 0, obligations: [] };
  if (prefilter) {
    const decision = prefilterSegment(prefilter, segment.language, sentences);
    if (!decision.needsModel) {
      return {
        ...base, status: 'skipped', skipReason: decision.reason, tokensSaved: extractor.tokens?.promptTokens(input) ?? 0,
        durationMs: Date.now() - started, obligations: [],
      };
    }
  }
  try {
    let triageTokens = { promptTokens: 0, completionTokens: 0 };
    if (triage) {
      const verdict = await extractWindows(triage, input);
      triageTokens = { promptTokens: verdict.promptTokens, completionTokens: verdict.completionTokens };
      if (!verdict.obligations.length) {
        return {
          ...base, ...triageTokens, status: 'skipped', skipReason: 'triage: no norm found by the triage model',
          tokensSaved: extractor.tokens?.promptTokens(input) ?? 0, durationMs: Date.now() - started, obligations: [],
        };
      }
    }
    const result = await extractWindows(extractor, input);
    const obligations = storedObligations(extractor, result.obligations, segment, text, pageAt);
    return { ...base, status: 'done', promptTokens: result.promptTokens + triageTokens.promptTokens,
      completionTokens: result.completionTokens + triageTokens.completionTokens, durationMs: Date.now() - started, obligations };
  } catch (error) {
    return { ...base, status: 'failed', error: (error as Error).message, durationMs: Date.now() - started, obligations: [] };
  }
}

/**
 * Reads a segment in token-bounded windows (one when it fits), maps window sentence ids back to
 * the segment and merges what overlapping windows both reported.
 */
export async function extractWindows(extractor: Extractor, input: SegmentInput): Promise<SegmentResult> {
  const windows = planWindows(input.sentences, extractor.tokens);
  const results: SegmentResult[] = [];
  for (const w of windows) results.push(await extractSplitting(extractor, input, w.sentences, w.offset));
  return {
    obligations: windows.length > 1 ? mergeBySentenceIds(results.flatMap((r) => r.obligations)) : results[0]!.obligations,
    promptTokens: results.reduce((a, r) => a + r.promptTokens, 0),
    completionTokens: results.reduce((a, r) => a + r.completionTokens, 0),
  };
}

/**
 * Runs the engine on sentences[offset..]; when the prompt still overflows the context (the
 * window plan is an estimate), halves the sentence list and maps ids back to the segment.
 */
async function extractSplitting(
  extractor: Extractor, input: SegmentInput, sentences: string[], offset: number,
): Promise<SegmentResult> {
  try {
    const result = await extractor.extractSegment({ ...input, sentences });
    return {
      ...result,
      obligations: result.obligations.map((o) => ({ ...o, sentenceIds: o.sentenceIds.map((id) => id + offset) })),
    };
  } catch (error) {
    if (!(error instanceof ContextOverflowError) || sentences.length < 2) throw error;
    const middle = Math.ceil(sentences.length / 2);
    const left = await extractSplitting(extractor, input, sentences.slice(0, middle), offset);
    const right = await extractSplitting(extractor, input, sentences.slice(middle), offset + middle);
    return {
      obligations: [...left.obligations, ...right.obligations],
      promptTokens: left.promptTokens + right.promptTokens,
      completionTokens: left.completionTokens + right.completionTokens,
    };
  }
}
