import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadJsonlSet, type EvalItem, type EvalSet } from './eval-set.ts';
import { loadGdprSet } from './gdpr.ts';
import { loadRobaldoSet } from './robaldo.ts';

export const BUILTIN_SETS = ['robaldo', 'gdpr'] as const;

/** The third-party corpus, read in place: OBLIGATO_CORPUS, else ../shared/corpus beside the repository. */
export function corpusDir(): string {
  return path.resolve(import.meta.dirname, '../..', process.env.OBLIGATO_CORPUS ?? '../shared/corpus');
}

export interface SetOptions {
  /** Keep this many items, evenly spread (per language for multilingual grouped sets). */
  limit?: number;
  /** GDPR only: restrict to these languages (ISO 639-1 or 639-3). */
  languages?: string[];
}

/** A built-in set by name, or a JSONL file by path. */
export async function loadEvalSet(nameOrPath: string, opts: SetOptions = {}): Promise<EvalSet> {
  let set: EvalSet;
  if (nameOrPath === 'robaldo') set = await loadRobaldoSet(requireDir('labelled', 'robaldo-uk-regulative-norms'));
  else if (nameOrPath === 'gdpr') set = await loadGdprSet(requireDir('regulations'), opts.languages);
  else if (existsSync(nameOrPath)) set = await loadJsonlSet(nameOrPath);
  else throw new Error(`Unknown eval set "${nameOrPath}": use ${BUILTIN_SETS.join(' | ')} or a path to a .jsonl file`);
  return opts.limit ? { ...set, items: sample(set.items, opts.limit) } : set;
}

function requireDir(...parts: string[]): string {
  const dir = path.join(corpusDir(), ...parts);
  if (!existsSync(dir)) throw new Error(`Corpus directory ${dir} not found (set OBLIGATO_CORPUS)`);
  return dir;
}

/**
 * Evenly spaced items, so a limited run still covers every Act or article range. Grouped
 * multilingual sets keep the same groups in every language, so consistency stays comparable.
 */
export function sample(items: readonly EvalItem[], limit: number): EvalItem[] {
  const spread = <T>(xs: readonly T[]) => (xs.length <= limit ? [...xs] : Array.from({ length: limit }, (_, i) => xs[Math.floor((i * xs.length) / limit)]!));
  const multilingual = new Set(items.map((i) => i.lang)).size > 1 && items.every((i) => i.group);
  if (!multilingual) return spread(items);
  const groups = spread([...new Set(items.map((i) => i.group!))]);
  const keep = new Set(groups);
  return items.filter((i) => keep.has(i.group!));
}
