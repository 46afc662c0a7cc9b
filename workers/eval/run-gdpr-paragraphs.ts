import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../schemas/config.ts';
import { createExtractor } from '../extract/create-extractor.ts';
import { corpusDir } from './builtin-sets.ts';
import { evaluateGdprParagraphs, loadParagraphLabels, markdownTable } from './gdpr-paragraphs.ts';

/**
 * `npm run eval:paragraphs [-- --engine llm --languages en,de --out report.json]`: the GDPR
 * paragraph set (hand labels projected to the 24 languages) through one engine; prints the
 * per-language Markdown table. The llm engine takes MODEL and the other settings from the env.
 */
const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'rules' },
    languages: { type: 'string' },
    out: { type: 'string' },
  },
});
const engine = values.engine === 'llm' ? 'llm' : 'rules';
const regulations = path.join(corpusDir(), 'regulations');
if (!existsSync(regulations)) {
  process.stderr.write(`eval:paragraphs: corpus not found at ${regulations} (set OBLIGATO_CORPUS)\n`);
  process.exit(process.env.CI ? 1 : 0);
}
const labels = await loadParagraphLabels();
const choice = await createExtractor(loadConfig(process.env), engine);
const started = performance.now();
try {
  const scores = await evaluateGdprParagraphs(choice.extractor, regulations, labels, values.languages?.split(','));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${markdownTable(scores)}\n\n${labels.size} labelled English paragraphs; engine ${engine}; ${seconds.toFixed(1)} s\n`);
  if (values.out) await writeFile(values.out, `${JSON.stringify({ engine, labelled: labels.size, seconds, scores }, null, 2)}\n`);
} finally {
  await choice.extractor.close();
}
