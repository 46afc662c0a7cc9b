import pLimit from 'p-limit';
import { splitSentences } from '../../services/ingest/segments/sentences.ts';
import { extractWindows } from '../extract/extract-handler.ts';
import type { Extractor, SegmentInput } from '../extract/extractor.ts';
import { groundObligation } from '../extract/grounding.ts';
import { parsePrefilterPolicy, prefilterSegment } from '../extract/prefilter.ts';
import { EVAL_LABELS, type EvalItem, type EvalSet } from './eval-set.ts';
import { gdprParagraphs } from './gdpr.ts';
import { consistency, perLabel, round, tokenF1, type Consistency, type Prf } from './metrics.ts';

export interface EvalOptions {
  set: EvalSet;
  extractor: Extractor;
  /** Items in flight (the LLM's parallel sequences). */
  concurrency: number;
  /** Set when the model cannot read law (a tiny random model): the report says results check plumbing only. */
  plumbingOnly: string | null;
  /** Languages the prefilter measurement applies to (PREFILTER_LANGUAGES syntax). */
  prefilter?: string;
}

export interface EvalReport {
  set: string;
  engine: string;
  model: string | null;
  modelSha256: string | null;
  promptVersion: string;
  plumbingOnly: string | null;
  notes: string[];
  items: number;
  failures: { count: number; first: string[] };
  labels: Record<string, Prf> | null;
  modalityAccuracy: number | null;
  actorTokenF1: { mean: number | null; items: number } | null;
  confusion: Record<string, Record<string, number>> | null;
  grounding: { obligations: number; grounded: number; rate: number | null; alignment: Record<string, number> };
  consistency: (Consistency & { pivot: string }) | null;
  prefilter: PrefilterReport;
  tokens: { prompt: number; completion: number };
  timeMs: number;
  itemsPerSecond: number;
}

export interface PrefilterReport {
  policy: string;
  /** Share of gold-norm items that the prefilter sends to the model (labelled sets). */
  recall: number | null;
  /** Share of items skipped, and of their size (model tokens when the engine has a tokenizer, else characters). */
  skippedItems: number | null;
  savedShare: number | null;
  unit: 'tokens' | 'chars';
  /** Multilingual sets: per language, paragraph-level recall against the English pivot and share skipped. */
  perLanguage?: Record<string, { pivotRecall: number | null; skippedParagraphs: number | null }>;
}

interface ItemOutcome {
  item: EvalItem;
  predicted: string;
  subject: string | null;
  norms: number;
  grounded: number;
  alignment: string[];
  promptTokens: number;
  completionTokens: number;
  error: string | null;
  needsModel: boolean;
  size: number;
}

function inputOf(item: EvalItem): { input: SegmentInput; spans: { start: number; end: number }[] } {
  const spans = splitSentences(item.text, item.lang);
  const usable = spans.length ? spans : [{ start: 0, end: item.text.length }];
  return {
    input: { citation: item.group ?? '', heading: null, language: item.lang, sentences: usable.map((s) => item.text.slice(s.start, s.end)) },
    spans: usable,
  };
}

async function evaluateItem(o: EvalOptions, item: EvalItem, policy: ReturnType<typeof parsePrefilterPolicy>): Promise<ItemOutcome> {
  const { input, spans } = inputOf(item);
  const needsModel = prefilterSegment(policy, item.lang, input.sentences).needsModel;
  const size = o.extractor.tokens ? o.extractor.tokens.promptTokens(input) : item.text.length;
  const base = { item, needsModel, size };
  try {
    const result = await extractWindows(o.extractor, input);
    const top = [...result.obligations].sort((a, b) => b.confidence - a.confidence)[0];
    const alignment: string[] = [];
    for (const ob of result.obligations) {
      const g = groundObligation(ob, { citation: input.citation, sentences: spans }, item.text, () => 1);
      if (g) alignment.push(g.alignment);
    }
    return {
      ...base, predicted: top?.modality ?? 'none', subject: top?.subject ?? null, norms: result.obligations.length,
      grounded: alignment.length, alignment, promptTokens: result.promptTokens, completionTokens: result.completionTokens, error: null,
    };
  } catch (error) {
    return {
      ...base, predicted: 'none', subject: null, norms: 0, grounded: 0, alignment: [], promptTokens: 0, completionTokens: 0,
      error: (error as Error).message,
    };
  }
}

/** Runs an engine over an eval set and scores it. */
export async function runEval(o: EvalOptions): Promise<EvalReport> {
  const started = performance.now();
  const policy = parsePrefilterPolicy(o.prefilter ?? 'all');
  const limit = pLimit(Math.max(1, o.concurrency));
  const outcomes = await Promise.all(o.set.items.map((item) => limit(() => evaluateItem(o, item, policy))));
  const timeMs = performance.now() - started;

  const labelled = outcomes.filter((x) => x.item.label !== null);
  // A set whose text carries its label (Robaldo's harness-chosen modals) reports no modality scores.
  const scored = o.set.modalityFromLabel ? [] : labelled;
  const pairs = scored.map((x) => ({ gold: x.item.label!, predicted: x.predicted }));
  const norms = pairs.filter((p) => p.gold !== 'none' && p.predicted !== 'none');
  const withActor = labelled.filter((x) => x.item.actor && x.item.label !== 'none');
  const confusion: Record<string, Record<string, number>> = {};
  for (const p of pairs) {
    confusion[p.gold] ??= {};
    confusion[p.gold]![p.predicted] = (confusion[p.gold]![p.predicted] ?? 0) + 1;
  }
  const alignment: Record<string, number> = {};
  for (const a of outcomes.flatMap((x) => x.alignment)) alignment[a] = (alignment[a] ?? 0) + 1;
  const totalNorms = outcomes.reduce((a, x) => a + x.norms, 0);
  const grounded = outcomes.reduce((a, x) => a + x.grounded, 0);
  const langs = new Set(outcomes.map((x) => x.item.lang));
  const grouped = outcomes.filter((x) => x.item.group);
  const pivot = langs.has('eng') ? 'eng' : [...langs][0]!;
  const failures = outcomes.filter((x) => x.error);

  return {
    set: o.set.name,
    engine: o.extractor.info.engine,
    model: o.extractor.info.modelName,
    modelSha256: o.extractor.info.modelSha256,
    promptVersion: o.extractor.info.promptVersion,
    plumbingOnly: o.plumbingOnly,
    notes: o.set.notes,
    items: outcomes.length,
    failures: { count: failures.length, first: failures.slice(0, 3).map((x) => x.error!) },
    labels: scored.length ? perLabel(pairs, EVAL_LABELS) : null,
    modalityAccuracy: scored.length ? round(norms.length ? norms.filter((p) => p.gold === p.predicted).length / norms.length : null) : null,
    actorTokenF1: withActor.length
      ? { mean: round(withActor.reduce((a, x) => a + (x.subject ? tokenF1(x.item.actor!, x.subject) : 0), 0) / withActor.length), items: withActor.length }
      : null,
    confusion: scored.length ? confusion : null,
    grounding: { obligations: totalNorms, grounded, rate: round(totalNorms ? grounded / totalNorms : null), alignment },
    consistency: langs.size > 1 && grouped.length
      ? { pivot, ...consistency(grouped.map((x) => ({ group: x.item.group!, lang: x.item.lang, count: x.norms })), pivot) }
      : null,
    prefilter: prefilterReport(outcomes, policy.spec, o.extractor.tokens ? 'tokens' : 'chars', langs.size > 1 ? pivot : null, policy),
    tokens: { prompt: outcomes.reduce((a, x) => a + x.promptTokens, 0), completion: outcomes.reduce((a, x) => a + x.completionTokens, 0) },
    timeMs: Math.round(timeMs),
    itemsPerSecond: round(outcomes.length / (timeMs / 1000))!,
  };
}

function prefilterReport(
  outcomes: readonly ItemOutcome[], spec: string, unit: 'tokens' | 'chars', pivot: string | null,
  policy: ReturnType<typeof parsePrefilterPolicy>,
): PrefilterReport {
  const gold = outcomes.filter((x) => x.item.label !== null && x.item.label !== 'none');
  const total = outcomes.reduce((a, x) => a + x.size, 0);
  const saved = outcomes.filter((x) => !x.needsModel).reduce((a, x) => a + x.size, 0);
  const report: PrefilterReport = {
    policy: spec,
    recall: round(gold.length ? gold.filter((x) => x.needsModel).length / gold.length : null),
    skippedItems: round(outcomes.length ? outcomes.filter((x) => !x.needsModel).length / outcomes.length : null),
    savedShare: round(total ? saved / total : null),
    unit,
  };
  if (pivot) report.perLanguage = pivotRecall(outcomes.map((x) => x.item), pivot, policy);
  return report;
}

/**
 * Paragraph-level prefilter recall per language with a pivot language as reference: the pivot's
 * paragraphs that have a trigger are taken as norm-bearing, and a language's same-numbered
 * paragraph should have one too. Articles whose paragraph counts differ are left out.
 */
function pivotRecall(items: readonly EvalItem[], pivot: string, policy: ReturnType<typeof parsePrefilterPolicy>): PrefilterReport['perLanguage'] {
  const pivotByGroup = new Map(items.filter((i) => i.lang === pivot && i.group).map((i) => [i.group!, gdprParagraphs(i.text)]));
  const stats = new Map<string, { hit: number; expected: number; skipped: number; paragraphs: number }>();
  for (const item of items) {
    const ref = item.group ? pivotByGroup.get(item.group) : undefined;
    if (!ref) continue;
    const paragraphs = gdprParagraphs(item.text);
    const s = stats.get(item.lang) ?? { hit: 0, expected: 0, skipped: 0, paragraphs: 0 };
    stats.set(item.lang, s);
    const needs = paragraphs.map((p) => prefilterSegment(policy, item.lang, inputOf({ ...item, text: p }).input.sentences).needsModel);
    s.paragraphs += paragraphs.length;
    s.skipped += needs.filter((n) => !n).length;
    if (paragraphs.length !== ref.length) continue;
    ref.forEach((p, k) => {
      if (!prefilterSegment(parsePrefilterPolicy('all'), pivot, inputOf({ ...item, lang: pivot, text: p }).input.sentences).needsModel) return;
      s.expected++;
      if (needs[k]) s.hit++;
    });
  }
  const out: NonNullable<PrefilterReport['perLanguage']> = {};
  for (const [lang, s] of [...stats].sort(([a], [b]) => a.localeCompare(b))) {
    out[lang] = { pivotRecall: round(s.expected ? s.hit / s.expected : null), skippedParagraphs: round(s.paragraphs ? s.skipped / s.paragraphs : null) };
  }
  return out;
}
