import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** Gold labels of the eval format; `none` marks a passage that states no norm. */
export const EVAL_LABELS = ['obligation', 'prohibition', 'permission', 'none'] as const;
export const EvalLabel = z.enum(EVAL_LABELS);
export type EvalLabel = z.infer<typeof EvalLabel>;

/** One line of a JSONL eval set: a sentence or passage with its gold label (and addressee). */
export const EvalItem = z.object({
  lang: z.string().min(2),
  /** Null in unlabelled sets (GDPR), which measure cross-language consistency only. */
  label: EvalLabel.nullable().default(null),
  text: z.string().min(1),
  actor: z.string().optional(),
  /** Items with the same group say the same thing in different languages (a GDPR article). */
  group: z.string().optional(),
});
export type EvalItem = z.infer<typeof EvalItem>;

export interface EvalSet {
  name: string;
  items: EvalItem[];
  /** What the set can and cannot measure; printed with the results. */
  notes: string[];
  /**
   * The harness wrote each item's modal verb from its gold label (Robaldo): modality scores would
   * measure reading that verb back, so they are not reported; actor F1 still is.
   */
  modalityFromLabel?: boolean;
}

export async function loadJsonlSet(file: string): Promise<EvalSet> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const items: EvalItem[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: invalid JSON (${(error as Error).message})`);
    }
    const parsed = EvalItem.safeParse(json);
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    items.push(parsed.data);
  });
  if (!items.length) throw new Error(`${file}: no items`);
  return { name: file, items, notes: [] };
}
