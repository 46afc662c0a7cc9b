import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchSection } from './bench.ts';

/**
 * `npm run bench [-- name...]`: runs every bench/*.bench.ts (or the named ones) and rewrites
 * BENCHMARKS.md with the machine, the date and each row's ratio against its same-run reference.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = (await fs.readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();
const sections: BenchSection[] = [];
for (const file of files) {
  const mod = (await import(path.join(here, file))) as { default: Bench };
  if (wanted.length && !wanted.includes(mod.default.name)) continue;
  process.stderr.write(`bench: ${mod.default.name}\n`);
  sections.push(await mod.default.run());
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
const stamp = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.`;
const lines = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (`npm run bench -- <name>` re-measures one section and keeps the others); each section says when and on which machine it was measured.',
  'Every ratio compares against a reference measured in the same run on the same input (> 1 means Obligato is ahead).',
  '',
];
for (const s of sections) {
  lines.push(`## ${s.title}`, '', `_${stamp}_`, '', s.description, '', '| measure | value | reference | ratio | target | note |', '|---|---|---|---|---|---|');
  for (const r of s.rows) {
    lines.push(`| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.reference ? `${r.reference.name}: ${fmt(r.reference.value)} ${r.unit}` : ''} | ${r.ratio === undefined ? '' : `${fmt(r.ratio)}×`} | ${r.target ?? ''} | ${r.note ?? ''} |`);
  }
  lines.push('');
}
const out = path.join(here, '..', 'BENCHMARKS.md');
if (wanted.length) {
  // A partial run replaces only its own sections, keeping the others from the last full run.
  const previous = await fs.readFile(out, 'utf8').catch(() => '');
  const kept = previous.split(/\n(?=## )/).slice(1).filter((block) => !sections.some((s) => block.startsWith(`## ${s.title}\n`)));
  lines.push(...kept.map((b) => b.trimEnd()), '');
}
await fs.writeFile(out, lines.join('\n'));
process.stdout.write(lines.join('\n'));
