/** One benchmark section: measured rows plus the reference measured in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The reference measured in the same run on the same input, when there is one. */
  reference?: { name: string; value: number };
  /** value / reference.value, oriented so that > 1 means Obligato is faster/better. */
  ratio?: number;
  target?: string;
  note?: string;
}

export interface BenchSection {
  title: string;
  description: string;
  rows: BenchRow[];
}

export type Bench = { name: string; run: () => Promise<BenchSection> };
