import fs from 'node:fs/promises';
import path from 'node:path';
import type { Bench, BenchRow } from './bench.ts';
import { MUTATION_GROUPS } from '../stryker.config.mjs';

/**
 * Mutation score of the core modules, read from the StrykerJS reports `npm run mutate` leaves in
 * reports/mutation/<group>.json (this section does not run Stryker: that takes tens of minutes on
 * two cores). Score = detected (killed or timed out) / valid mutants (detected, survived, no
 * coverage); survivors are listed per file by line and mutator.
 */
interface Mutant { status: string; mutatorName: string; location: { start: { line: number } } }
interface Report { files: Record<string, { mutants: Mutant[] }> }

const root = path.resolve(import.meta.dirname, '..');

const bench: Bench = {
  name: 'mutation',
  async run() {
    const rows: BenchRow[] = [];
    let detected = 0;
    let valid = 0;
    const dates: string[] = [];
    for (const group of Object.keys(MUTATION_GROUPS)) {
      const file = path.join(root, 'reports', 'mutation', `${group}.json`);
      const report = await fs.readFile(file, 'utf8').then((t) => JSON.parse(t) as Report).catch(() => null);
      if (!report) {
        rows.push({ name: `${group}: not measured`, value: 0, unit: '%', note: `no ${path.relative(root, file)}; run npm run mutate -- ${group}` });
        continue;
      }
      dates.push((await fs.stat(file)).mtime.toISOString().slice(0, 16).replace('T', ' '));
      for (const [name, { mutants }] of Object.entries(report.files)) {
        const count = (...s: string[]) => mutants.filter((m) => s.includes(m.status)).length;
        const d = count('Killed', 'Timeout');
        const v = d + count('Survived', 'NoCoverage');
        detected += d;
        valid += v;
        const survivors = mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
          .map((m) => `L${m.location.start.line} ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no coverage)' : ''}`);
        rows.push({
          name: `${group}: ${name}`, value: v ? Math.round((1000 * d) / v) / 10 : 0, unit: '%', target: '≥ 80%',
          note: `${d} / ${v} detected${survivors.length ? `; survivors: ${survivors.join(', ')}` : ''}`,
        });
      }
    }
    rows.unshift({ name: 'all core modules measured', value: valid ? Math.round((1000 * detected) / valid) / 10 : 0, unit: '%', target: '≥ 80%', note: `${detected} / ${valid} mutants detected` });
    return {
      title: 'Mutation testing: core modules',
      description: [
        `StrykerJS 9.6.1 with the vitest runner (\`npm run mutate\`, groups and their tests in \`stryker.config.mjs\`), reports written ${dates.length ? `${dates.sort()[0]} – ${dates.sort().at(-1)} UTC` : 'never'}. Score = killed or timed-out mutants / valid mutants (survived and uncovered count against it; static and ignored mutants are left out).`,
        'Survivors judged equivalent (no input can tell them apart): guards that only skip work whose result is the same without them (a Devanagari-free text has no Devanagari signs, an empty list has nothing to share, zero Han characters cannot exceed 5%, the "< 2 letters" shortcut before checks that need two letters); `?? fallback` operands where the left side is never undefined (`split()[0]`); `/\\s+/` vs `/\\s/` on text whose empty tokens are filtered anyway; loop bounds where reading past the end yields NaN and stops the loop the same way; case folding done twice (`toLowerCase` vs `toUpperCase` on both sides of a comparison); window plans where the "everything fits" early return and the loop produce the same single window.',
      ].join('\n'),
      rows,
    };
  },
};
export default bench;
