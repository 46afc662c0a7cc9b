import type { Bench, BenchRow } from './bench.ts';
import { createRulesExtractor } from '../workers/extract/engines/rules/rules-extractor.ts';
import { loadEvalSet } from '../workers/eval/builtin-sets.ts';
import { runEval } from '../workers/eval/run-eval.ts';

/**
 * Prefilter: share of GDPR paragraphs kept away from the LLM and the recall that costs, per
 * language, against the English pivot; the reference is sending everything to the LLM (0 saved,
 * recall 1). Robaldo is not: its modal verbs are written by the harness, so its recall is 1 by
 * construction and measures nothing.
 */
const bench: Bench = {
  name: 'prefilter',
  async run() {
    const extractor = createRulesExtractor();
    const gdpr = await runEval({ set: await loadEvalSet('gdpr'), extractor, concurrency: 4, plumbingOnly: null, prefilter: 'all' });
    const rows: BenchRow[] = [];
    for (const [lang, s] of Object.entries(gdpr.prefilter.perLanguage ?? {})) {
      rows.push({
        name: `GDPR ${lang}: paragraphs skipped`, value: (s.skippedParagraphs ?? 0) * 100, unit: '%',
        note: `recall vs English pivot ${s.pivotRecall ?? 'n/a'}`, target: '>= 50% saved at >= 0.98 recall',
      });
    }
    return {
      title: 'Prefilter (deontic triggers) tokens saved and recall',
      description: 'Share of GDPR numbered paragraphs without a deontic trigger (skipped) and the share of English-trigger paragraphs whose translation also has one (recall). Statute paragraphs are norm-dense, so little can be saved on GDPR.',
      rows,
    };
  },
};
export default bench;
