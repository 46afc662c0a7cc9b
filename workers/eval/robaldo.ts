import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EvalItem, EvalLabel, EvalSet } from './eval-set.ts';

/**
 * The Robaldo set holds annotations ("IT IS OBLIGATORY / FOR <actor> / TO <action> / WHEN ...")
 * of 745 norms in four UK Acts, not the statute sentences they came from. The harness renders
 * each annotation back into one English sentence, "<actor> <modal> <action>, <connector>
 * <condition>.", with the modal verb chosen by the harness from a fixed list per label (rotated
 * by position, so every phrasing is exercised). The actor and action wording is the statute's;
 * the modal is not: it is the gold label written back as a verb, so a modality score here would
 * measure reading the label. The set is kept for actor token-F1 only (modalityFromLabel); the
 * modality evaluation is the GDPR paragraph set (gdpr-paragraphs.ts), whose text carries no label.
 * The set has no `none` items, so it cannot measure how many segments a prefilter saves.
 */
const MODALS: Readonly<Record<Exclude<EvalLabel, 'none'>, readonly string[]>> = {
  obligation: ['must', 'shall', 'is required to'],
  permission: ['may', 'is entitled to', 'may'],
  prohibition: ['must not', 'shall not', 'may not'],
};
const HEADER: Readonly<Record<string, Exclude<EvalLabel, 'none'>>> = {
  'IT IS OBLIGATORY': 'obligation', 'IT IS PERMITTED': 'permission', 'IT IS PROHIBITED': 'prohibition',
};
const CONNECTORS: readonly [RegExp, string][] = [
  [/^WHEN\/IF\/WHERE\b/, 'where'], [/^UNLESS\b/, 'unless'], [/^SUBJECT TO\b/, 'subject to'],
  [/^ONLY IF\b/, 'only if'], [/^BEFORE\b/, 'before'], [/^AFTER\b/, 'after'], [/^SUBJECT\b/, 'subject to'], [/^ONLY\b/, 'only if'],
];

export interface RobaldoNorm { label: Exclude<EvalLabel, 'none'>; actor: string; action: string; conditions: string[]; act: string }

/** Parses one annotation file; files mix LF and CRLF. */
export function parseRobaldo(text: string, act: string): RobaldoNorm[] {
  const norms: RobaldoNorm[] = [];
  // Norms are separated by dashed lines; a few blocks lack the separator, so a header also starts one.
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n-{5,}\n?|\n(?=IT IS (?:OBLIGATORY|PERMITTED|PROHIBITED))/)) {
    const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
    const label = HEADER[lines[0] ?? ''];
    if (!label) continue;
    let field: 'actor' | 'action' | number | null = null;
    const norm: RobaldoNorm = { label, actor: '', action: '', conditions: [], act };
    for (const line of lines.slice(1)) {
      const connector = CONNECTORS.find(([re]) => re.test(line));
      if (/^for\b/i.test(line) && field === null) {
        field = 'actor';
        norm.actor = line.replace(/^for\s*/i, '');
      } else if (/^TO\b/.test(line) && field !== null && !norm.action) {
        field = 'action';
        norm.action = line.replace(/^TO\b\s*/, '');
      } else if (connector && field !== null) {
        norm.conditions.push(`${connector[1]} ${line.replace(connector[0], '').trim()}`);
        field = norm.conditions.length - 1;
      } else if (field === 'actor') norm.actor += ` ${line}`;
      else if (field === 'action') norm.action += ` ${line}`;
      else if (typeof field === 'number') norm.conditions[field] += ` ${line}`;
    }
    if (norm.actor && norm.action) norms.push(norm);
  }
  return norms;
}

/** "<actor> <modal> <action>, <conditions>." with the trailing full stop normalised. */
export function renderNorm(norm: RobaldoNorm, index: number): string {
  const modals = MODALS[norm.label];
  const modal = modals[index % modals.length]!;
  const strip = (s: string) => s.trim().replace(/[.;]+$/, '');
  const action = strip(norm.action);
  // "TO, by regulations, amend" keeps its comma: "may, by regulations, amend".
  const joined = action.startsWith(',') ? `${modal}${action}` : `${modal} ${action}`;
  const actor = strip(norm.actor);
  const conditions = norm.conditions.map(strip).filter(Boolean);
  return `${actor.charAt(0).toUpperCase()}${actor.slice(1)} ${joined}${conditions.length ? `, ${conditions.join(', ')}` : ''}.`;
}

export async function loadRobaldoSet(dir: string): Promise<EvalSet> {
  const items: EvalItem[] = [];
  const acts = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  for (const act of acts) {
    const files = (await readdir(path.join(dir, act))).filter((f) => f.endsWith('.txt')).sort();
    for (const file of files) {
      for (const norm of parseRobaldo(await readFile(path.join(dir, act, file), 'utf8'), act)) {
        items.push({ lang: 'eng', label: norm.label, text: renderNorm(norm, items.length), actor: norm.actor, group: act });
      }
    }
  }
  if (!items.length) throw new Error(`No Robaldo annotations under ${dir}`);
  return {
    name: 'robaldo',
    items,
    modalityFromLabel: true,
    notes: [
      'Modality is not scored on this set: the modal verb of each item is written from its gold label. See npm run eval:paragraphs for modality precision and recall.',
      'Robaldo holds annotations, not statute sentences: each item is rendered "<actor> <modal> <action>, <condition>." with a modal chosen by the harness (must/shall/is required to; may/is entitled to; must not/shall not/may not).',
      'Prefilter recall is near 1 by construction; actor token-F1 is the measure this set gives.',
      `${items.length} of the 745 annotations parse into an actor and an action; the others lack a TO field.`,
      'No items are labelled none, so precision only reflects confusion between modalities and the set cannot measure tokens saved by the prefilter.',
    ],
  };
}
