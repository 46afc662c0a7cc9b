import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { ExtractJob } from '../../schemas/jobs.ts';
import type { ExtractedObligation } from '../../schemas/obligation.ts';
import type { SegmentRow } from '../../schemas/tables.ts';
import { PermanentJobError } from '../../services/core/errors.ts';
import type { JobContext } from '../../services/core/jobs.ts';
import type { ExtractDocumentsPort, RunsPort, SegmentOutcome } from '../../services/core/ports.ts';
import { normalizeDeadline } from './deadline.ts';
import {
  AnswerCutOffError, costOf, isSplittable,
  type CallCost, type Extractor, type ExtractorInfo, type SegmentInput, type SegmentResult,
} from './extractor.ts';
import { groundObligation, pageLocator } from './grounding.ts';
import { isBindingKind, selectSegments } from './segment-filter.ts';
import { prefilterSegment, type PrefilterPolicy } from './prefilter.ts';
import { packInput, planPacks, shareTokens, unpackObligations } from './packs.ts';
import { mergeBySentenceIds, planWindows } from './windows.ts';

export interface ExtractHandlerDeps {
  documents: ExtractDocumentsPort;
  runs: RunsPort;
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
  if (triage) params.triage = { model: triage.info.modelName, sha256: triage.info.modelSha256, params: triage.info.params };
  const runtime: Record<string, unknown> = { ...info.runtime, ...(triage ? { triage: triage.info.runtime ?? {} } : {}) };
  return { ...info, params, runtime };
}

/**
 * Same engine, model, prompt and output-affecting params: same key, so a retried job resumes the
 * same run. Runtime knobs (threads, sequences, GPU layers) are not part of it: they change speed,
 * not answers, and are stored separately on the run.
 */
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
    if (!doc) throw new PermanentJobError(`Document ${job.documentId} no longer exists`, 'document_gone');
    if (doc.text === null) throw new PermanentJobError(`Document ${doc.id} has no text yet; ingest must run first`);
    const text = doc.text;
    const [segments, pages] = await Promise.all([documents.segments(doc.tenantId, doc.id), documents.pages(doc.tenantId, doc.id)]);
    const pageAt = pageLocator(pages);
    const startedAt = Date.now();
    await documents.setStatus(doc.tenantId, doc.id, 'extracting');
    const info = runInfoOf(extractor, deps.prefilter, deps.triage);
    const prefilter = extractor.tokens ? deps.prefilter : undefined;
    const run = await runs.startRun({
      tenantId: doc.tenantId, documentId: doc.id, runKey: runKeyOf(info), ...info, runtime: info.runtime ?? {},
      segmentsTotal: segments.length,
    });
    // Segments that failed in an earlier pass of this run are not finished: they are tried again.
    const finished = await runs.finishedSegmentIds(run);
    let done = finished.size;
    await documents.setProgress(doc.tenantId, doc.id, done, segments.length);
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

/** Adds up what every engine call of one segment or pack cost, failed calls included. */
export class CallMeter {
  promptTokens = 0;
  completionTokens = 0;
  calls = 0;

  /** One engine call: its tokens are counted whether it answers or throws. */
  async call(extractor: Extractor, input: SegmentInput): Promise<SegmentResult> {
    this.calls += 1;
    try {
      const result = await extractor.extractSegment(input);
      this.promptTokens += result.promptTokens;
      this.completionTokens += result.completionTokens;
      return result;
    } catch (error) {
      const cost = costOf(error);
      this.promptTokens += cost.promptTokens;
      this.completionTokens += cost.completionTokens;
      throw error;
    }
  }
}

type Member = { segment: SegmentRow; input: SegmentInput };
const weightOf = (m: Member) => m.input.sentences.reduce((a, s) => a + s.length, 0);

/** Adds a cost shared by weight to each member's outcome (a failed pack call's tokens). */
function addShared(outcomes: SegmentOutcome[], members: readonly Member[], cost: CallCost): SegmentOutcome[] {
  if (!cost.promptTokens && !cost.completionTokens) return outcomes;
  const p = shareTokens(cost.promptTokens, members.map(weightOf));
  const c = shareTokens(cost.completionTokens, members.map(weightOf));
  const index = new Map(members.map((m, k) => [m.segment.id, k]));
  return outcomes.map((o) => {
    const k = index.get(o.segmentId);
    return k === undefined ? o : { ...o, promptTokens: o.promptTokens + p[k]!, completionTokens: o.completionTokens + c[k]! };
  });
}

/**
 * Several short segments in one call (triage first, when configured, on the same pack). Results
 * are mapped back per segment; tokens and time are shared in proportion to each segment's text.
 * When the packed call fails (answer cut off, prompt overflow, unusable answer), the pack is
 * halved and each half tried again, recursively down to single segments, which then go through
 * the window and sentence splitting of `extractSegment`. The failed call's tokens stay on the
 * segments it was made for, so run totals count every call.
 */
async function extractPack(
  extractor: Extractor, group: readonly SegmentRow[], text: string, pageAt: (offset: number) => number,
  contextOf: ReadonlyMap<string, string>, triage: Extractor | null,
): Promise<SegmentOutcome[]> {
  const members = group.map((segment) => ({ segment, input: segmentInput(segment, text, contextOf.get(segment.id) ?? null) }));
  const started = Date.now();
  const outcomes = new Map<string, SegmentOutcome>();
  const triageTokens = new Map<string, CallCost>();
  let active: Member[] = members;
  if (triage) {
    const meter = new CallMeter();
    const packed = packInput(members.map((m) => m.input));
    let found: ExtractedObligation[][] | null = null;
    try {
      const verdict = await meter.call(triage, packed);
      found = unpackObligations(verdict.obligations, packed);
    } catch {
      // A failed triage call lets every segment through to the extractor: triage only saves work.
    }
    const p = shareTokens(meter.promptTokens, members.map(weightOf));
    const c = shareTokens(meter.completionTokens, members.map(weightOf));
    members.forEach((m, k) => triageTokens.set(m.segment.id, { promptTokens: p[k]!, completionTokens: c[k]! }));
    if (found) {
      const none = found;
      active = members.filter((_, k) => none[k]!.length > 0);
      for (const m of members.filter((_, k) => !none[k]!.length)) {
        outcomes.set(m.segment.id, {
          segmentId: m.segment.id, ...triageTokens.get(m.segment.id)!, status: 'skipped',
          skipReason: 'triage: no norm found by the triage model', tokensSaved: extractor.tokens?.promptTokens(m.input) ?? 0,
          durationMs: 0, obligations: [],
        });
      }
    }
  }
  const withTriage = (o: SegmentOutcome): SegmentOutcome => {
    const t = triageTokens.get(o.segmentId);
    return t ? { ...o, promptTokens: o.promptTokens + t.promptTokens, completionTokens: o.completionTokens + t.completionTokens } : o;
  };
  if (active.length) {
    for (const o of await extractMembers(extractor, active, text, pageAt)) outcomes.set(o.segmentId, withTriage(o));
  }
  const durations = shareTokens(Date.now() - started, members.map(weightOf));
  return members.map((m, k) => {
    const o = outcomes.get(m.segment.id)!;
    // Split members timed themselves; a pack answered in one call shares its time.
    return o.durationMs > 0 ? o : { ...o, durationMs: durations[k]! };
  });
}

/** One call for all members; on failure, halves (a single member goes to `extractSegment`). */
async function extractMembers(
  extractor: Extractor, members: readonly Member[], text: string, pageAt: (offset: number) => number,
): Promise<SegmentOutcome[]> {
  if (members.length === 1) {
    const [m] = members;
    return [await extractSegment(extractor, m!.segment, text, pageAt, m!.input.context ?? null, undefined, null)];
  }
  const meter = new CallMeter();
  const packed = packInput(members.map((m) => m.input));
  try {
    const result = await meter.call(extractor, packed);
    const perSegment = unpackObligations(result.obligations, packed);
    const p = shareTokens(result.promptTokens, members.map(weightOf));
    const c = shareTokens(result.completionTokens, members.map(weightOf));
    return members.map((m, k) => ({
      segmentId: m.segment.id, status: 'done' as const, promptTokens: p[k]!, completionTokens: c[k]!,
      durationMs: 0, obligations: storedObligations(extractor, perSegment[k]!, m.segment, text, pageAt),
    }));
  } catch {
    const middle = Math.ceil(members.length / 2);
    const halves = [
      ...await extractMembers(extractor, members.slice(0, middle), text, pageAt),
      ...await extractMembers(extractor, members.slice(middle), text, pageAt),
    ];
    return addShared(halves, members, meter);
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
  const meter = new CallMeter();
  const spent = () => ({ promptTokens: meter.promptTokens, completionTokens: meter.completionTokens });
  try {
    if (triage) {
      const verdict = await extractWindows(triage, input, meter);
      if (!verdict.obligations.length) {
        return {
          ...base, ...spent(), status: 'skipped', skipReason: 'triage: no norm found by the triage model',
          tokensSaved: extractor.tokens?.promptTokens(input) ?? 0, durationMs: Date.now() - started, obligations: [],
        };
      }
    }
    const result = await extractWindows(extractor, input, meter);
    const obligations = storedObligations(extractor, result.obligations, segment, text, pageAt);
    return { ...base, ...spent(), status: 'done', durationMs: Math.max(1, Date.now() - started), obligations };
  } catch (error) {
    return { ...base, ...spent(), status: 'failed', error: (error as Error).message, durationMs: Math.max(1, Date.now() - started), obligations: [] };
  }
}

/**
 * Reads a segment in token-bounded windows (one when it fits), maps window sentence ids back to
 * the segment and merges what overlapping windows both reported. Every call's tokens go to
 * `meter` (a fresh one when none is given), failed calls included.
 */
export async function extractWindows(extractor: Extractor, input: SegmentInput, meter = new CallMeter()): Promise<SegmentResult> {
  const windows = planWindows(input.sentences, extractor.tokens);
  const before = { promptTokens: meter.promptTokens, completionTokens: meter.completionTokens };
  const obligations: ExtractedObligation[] = [];
  for (const w of windows) obligations.push(...await extractSplitting(extractor, input, w.sentences, w.offset, meter));
  return {
    obligations: windows.length > 1 ? mergeBySentenceIds(obligations) : obligations,
    promptTokens: meter.promptTokens - before.promptTokens,
    completionTokens: meter.completionTokens - before.completionTokens,
  };
}

/**
 * Runs the engine on sentences[offset..]. When the prompt overflows the context (the window plan
 * is an estimate) or the answer is cut off at its budget (more norms than one answer holds), the
 * sentence list is halved and each half asked on its own, recursively down to one sentence;
 * repeating the same call under greedy decoding would fail the same way. Ids map back to the
 * segment. One sentence that still does not fit fails the segment with the reason.
 */
async function extractSplitting(
  extractor: Extractor, input: SegmentInput, sentences: string[], offset: number, meter: CallMeter,
): Promise<ExtractedObligation[]> {
  try {
    const result = await meter.call(extractor, { ...input, sentences });
    return result.obligations.map((o) => ({ ...o, sentenceIds: o.sentenceIds.map((id) => id + offset) }));
  } catch (error) {
    if (!isSplittable(error)) throw error;
    if (sentences.length < 2) {
      const what = error instanceof AnswerCutOffError ? 'the answer for one sentence does not fit the answer budget'
        : 'the prompt for one sentence does not fit the context';
      throw new Error(`Segment "${input.citation || '(no citation)'}" sentence ${offset}: ${what} (${(error as Error).message})`);
    }
    const middle = Math.ceil(sentences.length / 2);
    const left = await extractSplitting(extractor, input, sentences.slice(0, middle), offset, meter);
    const right = await extractSplitting(extractor, input, sentences.slice(middle), offset + middle, meter);
    return [...left, ...right];
  }
}
