import type { Bench, BenchRow } from './bench.ts';
import { createRulesExtractor } from '../workers/extract/engines/rules/rules-extractor.ts';
import { loadEvalSet } from '../workers/eval/builtin-sets.ts';
import { runEval } from '../workers/eval/run-eval.ts';

/**
 * The eval harness's headline numbers for the rules engine, kept beside the speed figures: Robaldo
 * per-label P/R/F1 and actor token-F1, GDPR cross-language consistency and grounding. The LLM's
 * numbers need a real model; the generated tiny model only checks plumbing (npm run eval:ci).
 */
const bench: Bench = {
  name: 'eval',
  async run() {
    const extractor = createRulesExtractor();
    const robaldo = await runEval({ set: await loadEvalSet('robaldo'), extractor, concurrency: 4, plumbingOnly: null });
    const gdpr = await runEval({ set: await loadEvalSet('gdpr'), extractor, concurrency: 4, plumbingOnly: null });
    const rows: BenchRow[] = [];
    for (const [label, prf] of Object.entries(robaldo.labels ?? {})) {
      if (!prf.support) continue;
      rows.push({
        name: `Robaldo ${label}: F1`, value: prf.f1 ?? 0, unit: '',
        note: `P ${prf.precision?.toFixed(3)} R ${prf.recall?.toFixed(3)}, ${prf.support} norms`,
      });
    }
    rows.push(
      { name: 'Robaldo modality accuracy', value: robaldo.modalityAccuracy ?? 0, unit: '', note: `${robaldo.items} norms (modal inserted by the harness; see eval notes)` },
      { name: 'Robaldo actor token-F1', value: robaldo.actorTokenF1?.mean ?? 0, unit: '' },
      { name: 'GDPR grounding rate', value: gdpr.grounding.rate ?? 0, unit: '', note: `${gdpr.grounding.obligations} obligations` },
      {
        name: 'GDPR cross-language consistency', value: gdpr.consistency?.agreement ?? 0, unit: '',
        note: `share of (article, language) pairs with the same obligation count as English; mean difference ${gdpr.consistency?.meanAbsDiff?.toFixed(2)} per article`,
      },
    );
    return {
      title: 'Evaluation: rules engine',
      description: '`npm run eval -- --engine rules --set robaldo|gdpr`, the same code path as the LLM engine. Robaldo holds annotations, not the statute text: each norm is rebuilt as actor + modal + action, so modality scores mostly show how the inserted modals are read; actor token-F1 is the informative figure.',
      rows,
    };
  },
};
export default bench;
