import path from 'node:path';
import type { Bench, BenchRow } from './bench.ts';
import { createRulesExtractor } from '../workers/extract/engines/rules/rules-extractor.ts';
import { corpusDir, loadEvalSet } from '../workers/eval/builtin-sets.ts';
import { evaluateGdprParagraphs, loadParagraphLabels, markdownTable } from '../workers/eval/gdpr-paragraphs.ts';
import { runEval } from '../workers/eval/run-eval.ts';

/**
 * The eval harness's numbers for the rules engine, kept beside the speed figures. Modality: the
 * GDPR paragraph set (hand labels from the English text, projected to the 24 languages by
 * paragraph number; the text read carries no label), per-language precision and recall. Robaldo
 * gives actor token-F1 only: its modal verbs are written by the harness from the gold label, so a
 * modality score there would read the label. GDPR articles: grounding and cross-language
 * consistency. The LLM's numbers need a real model; the generated tiny model only checks plumbing.
 */
const bench: Bench = {
  name: 'eval',
  async run() {
    const extractor = createRulesExtractor();
    const labels = await loadParagraphLabels();
    const paragraphs = await evaluateGdprParagraphs(extractor, path.join(corpusDir(), 'regulations'), labels);
    const robaldo = await runEval({ set: await loadEvalSet('robaldo'), extractor, concurrency: 4, plumbingOnly: null });
    const gdpr = await runEval({ set: await loadEvalSet('gdpr'), extractor, concurrency: 4, plumbingOnly: null });
    const f1 = (p: { precision: number | null; recall: number | null }) =>
      (p.precision && p.recall ? (2 * p.precision * p.recall) / (p.precision + p.recall) : 0);
    const sorted = [...paragraphs].sort((a, b) => f1(a.micro) - f1(b.micro));
    const mean = paragraphs.reduce((a, s) => a + f1(s.micro), 0) / paragraphs.length;
    const rows: BenchRow[] = [
      {
        name: 'GDPR paragraphs: micro F1, mean of 24 languages', value: Math.round(mean * 1000) / 1000, unit: '',
        note: `lowest ${sorted[0]!.lang} ${f1(sorted[0]!.micro).toFixed(3)}, highest ${sorted.at(-1)!.lang} ${f1(sorted.at(-1)!.micro).toFixed(3)}; ${labels.size} labelled paragraphs`,
      },
      { name: 'Robaldo actor token-F1', value: robaldo.actorTokenF1?.mean ?? 0, unit: '', note: `${robaldo.actorTokenF1?.items ?? 0} norms; subject found vs annotated actor` },
      { name: 'GDPR grounding rate', value: gdpr.grounding.rate ?? 0, unit: '', note: `${gdpr.grounding.obligations} obligations` },
      {
        name: 'GDPR cross-language consistency', value: gdpr.consistency?.agreement ?? 0, unit: '',
        note: `share of (article, language) pairs with the same obligation count as English; mean difference ${gdpr.consistency?.meanAbsDiff?.toFixed(2)} per article`,
      },
    ];
    return {
      title: 'Evaluation: rules engine',
      description: [
        '`npm run eval:paragraphs`: modality at paragraph level. 389 numbered GDPR paragraphs labelled by hand from the English text (obligation / prohibition / permission / exemption / none, `workers/eval/sets/gdpr-paragraph-labels.json`; one annotator, guidelines in the file), projected to the 24 official translations by article and paragraph number. A paragraph is predicted to state a modality when the engine extracts at least one obligation of it there. Precision / recall in %; "any norm" asks only whether the paragraph states a norm.',
        '',
        markdownTable(paragraphs),
        '',
        'Robaldo (`npm run eval -- --set robaldo`) is used for actor token-F1 only: it holds annotations, and the harness writes each norm\'s modal verb from its gold label, so its modality scores would measure reading the label and are not reported.',
      ].join('\n'),
      rows,
    };
  },
};
export default bench;
