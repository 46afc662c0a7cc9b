#!/usr/bin/env node
// `npm run mutate [-- <group>...] [-- --changed <git-rev>] [-- --break <score>]`
// Mutation testing of the core modules with StrykerJS, one group at a time (stryker.config.mjs
// lists the groups: their files and the tests that exercise them). Each group keeps its own
// incremental file under reports/stryker-incremental/, so a rerun only tests mutants whose code or
// tests changed. --changed <rev> runs only the groups whose files or tests differ from <rev> (CI:
// the previous commit) and does nothing when none do. Prints the score per file and in total;
// with --break N exits 1 when the total of the groups run is below N%.
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MUTATION_GROUPS } from '../stryker.config.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { changed: { type: 'string' }, break: { type: 'string' } },
});

const fileOf = (entry) => entry.replace(/:\d+-\d+$/, '');
let groups = positionals.length ? positionals : Object.keys(MUTATION_GROUPS);
for (const g of groups) if (!MUTATION_GROUPS[g]) throw new Error(`Unknown group ${g}: ${Object.keys(MUTATION_GROUPS).join(', ')}`);

if (values.changed) {
  let changed;
  try {
    changed = new Set(execFileSync('git', ['diff', '--name-only', values.changed, 'HEAD'], { encoding: 'utf8' }).split('\n').filter(Boolean));
  } catch {
    console.log(`mutate: cannot diff against ${values.changed} (shallow clone or first commit); running every group`);
    changed = null;
  }
  if (changed) {
    groups = groups.filter((g) => [...MUTATION_GROUPS[g].mutate.map(fileOf), ...MUTATION_GROUPS[g].tests].some((f) => changed.has(f)));
    if (!groups.length) {
      console.log(`mutate: no core module or its tests changed since ${values.changed}; skipped`);
      process.exit(0);
    }
  }
}

/** Stryker's mutation score: detected (killed, timed out) over valid mutants. */
function tally(report) {
  const rows = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const count = (...s) => mutants.filter((m) => s.includes(m.status)).length;
    const detected = count('Killed', 'Timeout');
    const valid = detected + count('Survived', 'NoCoverage');
    rows.push({ file, detected, valid, survived: mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage') });
  }
  return rows;
}

const all = [];
for (const g of groups) {
  console.log(`\nmutate: group ${g} (${MUTATION_GROUPS[g].mutate.join(', ')})`);
  const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, MUTATE_GROUP: g } });
  if (run.status !== 0) {
    console.error(`mutate: stryker failed for group ${g} (exit ${run.status})`);
    process.exit(run.status ?? 1);
  }
  const file = `reports/mutation/${g}.json`;
  if (existsSync(file)) all.push(...tally(JSON.parse(readFileSync(file, 'utf8'))).map((r) => ({ ...r, group: g })));
}

const pct = (d, v) => (v ? ((100 * d) / v).toFixed(1) : '–');
console.log('\n| group | file | score | detected / valid |\n|---|---|---|---|');
for (const r of all) console.log(`| ${r.group} | ${r.file} | ${pct(r.detected, r.valid)}% | ${r.detected} / ${r.valid} |`);
const detected = all.reduce((a, r) => a + r.detected, 0);
const valid = all.reduce((a, r) => a + r.valid, 0);
console.log(`\nmutate: total ${pct(detected, valid)}% (${detected} / ${valid}) over ${all.length} files`);
const floor = values.break ? Number(values.break) : null;
if (floor !== null && valid && (100 * detected) / valid < floor) {
  console.error(`mutate: score below ${floor}%`);
  process.exit(1);
}
