import { hasDeonticTrigger } from './engines/rules/deontic.ts';
import { lexiconCode } from './engines/rules/triggers.ts';

/**
 * Which segments may skip the LLM. The rules engine's deontic triggers decide: a segment of a
 * covered language with no trigger in any sentence is skipped. Recall differs by language (several
 * EU translations state duties in the plain present tense, with no modal verb), so the policy is
 * per language: `all`, `none`, or a comma list of codes, with `-code` to exclude one from `all`
 * (`all,-ell,-fin`). Languages without a trigger list always go to the LLM.
 */
export interface PrefilterPolicy {
  /** The spec as configured; stored in the run params because it changes results. */
  spec: string;
  /** True when segments in this language may be skipped on a missing trigger. */
  appliesTo(language: string | null): boolean;
}

export function parsePrefilterPolicy(spec: string): PrefilterPolicy {
  const parts = spec.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  let all = false;
  const include = new Set<string>();
  const exclude = new Set<string>();
  for (const part of parts) {
    if (part === 'all') all = true;
    else if (part === 'none' || part === 'off') all = false;
    else {
      const negative = part.startsWith('-');
      const code = lexiconCode(negative ? part.slice(1) : part);
      if (!code) throw new Error(`PREFILTER_LANGUAGES: "${part}" is not a language with a trigger list`);
      (negative ? exclude : include).add(code);
    }
  }
  const normalized = parts.length ? parts.join(',') : 'none';
  return {
    spec: normalized,
    appliesTo(language) {
      const code = lexiconCode(language);
      if (!code || exclude.has(code)) return false;
      return all || include.has(code);
    },
  };
}

export type PrefilterDecision =
  | { needsModel: true; reason: 'trigger' | 'language-not-filtered' }
  | { needsModel: false; reason: string };

/** Decides whether a segment goes to the LLM. Unknown language ('und', null) always does. */
export function prefilterSegment(policy: PrefilterPolicy, language: string | null, sentences: readonly string[]): PrefilterDecision {
  if (!policy.appliesTo(language)) return { needsModel: true, reason: 'language-not-filtered' };
  const code = lexiconCode(language);
  if (sentences.some((s) => hasDeonticTrigger(s, code))) return { needsModel: true, reason: 'trigger' };
  return { needsModel: false, reason: `prefilter: no deontic trigger (${code ?? 'und'})` };
}
