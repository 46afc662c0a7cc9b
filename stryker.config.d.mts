/** Types of stryker.config.mjs for TypeScript importers (bench/mutation.bench.ts, scripts). */
export declare const MUTATION_GROUPS: Readonly<Record<string, { mutate: readonly string[]; tests: readonly string[] }>>;
declare const config: Record<string, unknown>;
export default config;
