import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { tinyQwenModelPath } from '../../test/support/tiny-qwen-gguf.ts';
import { corpusDir } from './builtin-sets.ts';

/**
 * `npm run eval:ci`: the eval harness as CI runs it. The rules engine on both built-in sets in
 * full, then the generated tiny random Qwen on small samples of both (it checks plumbing only:
 * model loading, grammar, parallel sequences, grounding and scoring, not quality). Fails when a
 * run fails, when any obligation is ungrounded, or when the rules engine falls below a floor set
 * under its measured Robaldo F1, so a regression in the trigger lexicons shows.
 */
const RULES_MIN_MACRO_F1 = 0.9;
if (!existsSync(corpusDir())) {
  // Both built-in sets live in the third-party corpus; without it there is nothing to score.
  process.stderr.write(`eval:ci: skipped: corpus not found at ${corpusDir()} (set OBLIGATO_CORPUS)\n`);
  process.exit(0);
}
const root = path.resolve(import.meta.dirname, '../..');
const dir = await mkdtemp(path.join(os.tmpdir(), 'obligato-eval-ci-'));
const failures: string[] = [];

interface Summary { grounding: { rate: number | null }; failures: { count: number }; labels: Record<string, { f1: number | null }> | null }

async function evalRun(name: string, args: string[]): Promise<Summary> {
  const out = path.join(dir, `${name}.json`);
  process.stderr.write(`eval:ci: ${name}: obligato eval ${args.join(' ')}\n`);
  execFileSync(process.execPath, ['--import', 'tsx', 'services/cli/main.ts', 'eval', ...args, '--out', out], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
  });
  return JSON.parse(await readFile(out, 'utf8')) as Summary;
}

function check(name: string, s: Summary): void {
  if (s.failures.count) failures.push(`${name}: ${s.failures.count} items failed`);
  if (s.grounding.rate !== null && s.grounding.rate < 1) failures.push(`${name}: grounding rate ${s.grounding.rate} < 1`);
}

try {
  const reports: Record<string, Summary> = {};
  reports['rules-robaldo'] = await evalRun('rules-robaldo', ['--engine', 'rules', '--set', 'robaldo']);
  reports['rules-gdpr'] = await evalRun('rules-gdpr', ['--engine', 'rules', '--set', 'gdpr']);
  const model = await tinyQwenModelPath(dir);
  const tiny = ['--engine', 'llm', '--model', model, '--threads', '1', '--sequences', '4', '--context-size', '8192', '--max-tokens', '512'];
  reports['tiny-robaldo'] = await evalRun('tiny-robaldo', [...tiny, '--set', 'robaldo', '--limit', '16']);
  reports['tiny-gdpr'] = await evalRun('tiny-gdpr', [...tiny, '--set', 'gdpr', '--limit', '1', '--languages', 'en,de,fr,el']);
  for (const [name, s] of Object.entries(reports)) check(name, s);
  const f1s = ['obligation', 'prohibition', 'permission'].map((l) => reports['rules-robaldo']!.labels?.[l]?.f1 ?? 0);
  const macro = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  if (macro < RULES_MIN_MACRO_F1) failures.push(`rules-robaldo: macro F1 ${macro.toFixed(3)} < ${RULES_MIN_MACRO_F1}`);
  for (const name of Object.keys(reports)) process.stdout.write(`${name}: ${await readFile(path.join(dir, `${name}.json`), 'utf8')}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (failures.length) {
  process.stderr.write(`eval:ci failed:\n  ${failures.join('\n  ')}\n`);
  process.exitCode = 1;
} else process.stderr.write('eval:ci: ok\n');
