/** Word-level diff (LCS) for two short texts, as runs of kept, removed and inserted words. */
export type Run = { op: 'same' | 'del' | 'ins'; text: string };

export function wordDiff(before: string, after: string): Run[] {
  const a = before.split(/(\s+)/);
  const b = after.split(/(\s+)/);
  // Sentences are short; a full LCS table is cheap and gives the most readable result.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const runs: Run[] = [];
  const push = (op: Run['op'], text: string) => {
    const last = runs[runs.length - 1];
    if (last?.op === op) last.text += text;
    else runs.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { push('same', a[i]!); i++; j++; } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('del', a[i++]!);
    else push('ins', b[j++]!);
  }
  while (i < a.length) push('del', a[i++]!);
  while (j < b.length) push('ins', b[j++]!);
  return runs;
}
