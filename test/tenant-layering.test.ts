import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering that makes tenant scoping provable, checked on the source: SQL only in
 * services/storage, every repository method names its tenant (or takes a row/query that carries
 * it), and imports only point down — workers and services share ports in services/core, and no
 * lower layer imports the API, the CLI or the composition root.
 */
const ROOT = path.join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)))
    .filter((f) => !f.includes('/web/') && !f.includes('node_modules'));
}

/** Relative imports (static, dynamic, re-exports) of a file, as repository paths. */
function importsOf(file: string): { spec: string; target: string }[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g)].map((m) => m[1]!);
  return specs.map((spec) => ({
    spec, target: spec.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec)) : spec,
  }));
}

/** Which folders each layer may import (besides itself and npm packages). First match wins. */
const LAYERS: { from: string; may: string[]; why: string }[] = [
  { from: 'schemas/', may: [], why: 'shapes only' },
  { from: 'services/core/', may: ['schemas/'], why: 'ports: jobs, errors, repository interfaces' },
  // Metrics read job statistics from storage; the /metrics plugin takes the context (type only).
  { from: 'services/observability/', may: ['schemas/', 'services/core/', 'services/storage/', 'services/common/'], why: 'logging and metrics' },
  { from: 'services/storage/', may: ['schemas/', 'services/core/'], why: 'the only SQL' },
  { from: 'services/queue/', may: ['schemas/', 'services/core/', 'services/storage/', 'services/observability/'], why: 'queue adapters and the reconciler' },
  { from: 'services/ingest/', may: ['schemas/', 'services/core/'], why: 'the text stage: ports only' },
  // Besides ports, extraction may use the text stage's pure structure functions (sentences, list
  // structure): they do no I/O, and services/ingest never imports workers/.
  { from: 'workers/extract/', may: ['schemas/', 'services/core/', 'services/ingest/segments/'], why: 'the extraction stage: ports and pure text structure' },
  // The evaluation harness runs the text stage's sentence splitter and the tiny test model.
  { from: 'workers/eval/', may: ['schemas/', 'services/core/', 'workers/extract/', 'services/ingest/segments/', 'test/support/'], why: 'offline evaluation' },
  { from: 'services/changes/', may: ['schemas/', 'services/core/'], why: 'diffs of views' },
  { from: 'services/exports/', may: ['schemas/', 'services/core/'], why: 'file formats' },
  { from: 'services/auth/', may: ['schemas/', 'services/core/', 'services/storage/'], why: 'API keys' },
  { from: 'services/documents/', may: ['schemas/', 'services/core/', 'services/storage/', 'services/ingest/', 'services/changes/'], why: 'document use cases' },
  { from: 'services/batch/', may: ['schemas/', 'services/core/', 'services/storage/', 'services/documents/'], why: 'batch runs' },
  {
    from: 'services/common/',
    may: ['schemas/', 'services/core/', 'services/storage/', 'services/queue/', 'services/ingest/', 'services/documents/', 'services/auth/', 'services/observability/', 'workers/extract/'],
    why: 'the composition root',
  },
  {
    from: 'services/schedule/',
    may: ['schemas/', 'services/core/', 'services/batch/', 'services/common/', 'services/queue/', 'services/observability/'],
    why: 'the nightly inbox',
  },
  {
    from: 'services/api/',
    may: ['schemas/', 'services/core/', 'services/storage/', 'services/queue/', 'services/documents/', 'services/auth/', 'services/changes/', 'services/exports/', 'services/common/', 'services/observability/'],
    why: 'HTTP adapter',
  },
];

const layerOf = (file: string) => LAYERS.find((l) => file.startsWith(l.from));

describe('layering', () => {
  const files = [...sources('schemas'), ...sources('services'), ...sources('workers')];

  it('scans the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('services/storage/documents-repository.ts');
  });

  it('imports point only down the layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      if (!layer) continue; // services/cli: the entry point may use everything
      for (const { spec, target } of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        if (target.startsWith(layer.from) || layer.may.some((m) => target.startsWith(m))) continue;
        violations.push(`${file} -> ${target} (${layer.from} is ${layer.why}; may import ${layer.may.join(', ') || 'nothing'})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('speaks SQL only in services/storage (and declares tables in schemas/tables.ts)', () => {
    const sqlModules = /^(drizzle-orm|pg|@electric-sql\/pglite)(\/|$)/;
    const offenders = files.filter((f) => !f.startsWith('services/storage/') && f !== 'schemas/tables.ts')
      .filter((f) => importsOf(f).some((i) => sqlModules.test(i.spec)) || /\bsql`/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('names the tenant in every repository method', () => {
    /** Parameter types that carry tenantId (rows and query objects). */
    const CARRIERS = ['NewDocument', 'DocumentRow', 'ExtractionRunRow', 'RunIdentity', 'DocumentListQuery', 'ObligationQuery', 'SearchQuery', "'tenantId'"];
    /** Cross-tenant on purpose, each with its reason in the repository. */
    const CROSS_TENANT = new Set([
      'DocumentsRepository.shaInUse', // yes/no on a shared content-addressed blob
      'ApiKeysRepository.byPrefix', // how a presented key finds its row (and so its tenant)
      'ApiKeysRepository.revoke', // operator command by key id or prefix
      'ApiKeysRepository.touch', // last_used_at of the key just authenticated
    ]);
    const repositories = sources('services/storage').filter((f) => /-repository\.ts$|obligation-search\.ts$/.test(f));
    expect(repositories.length).toBeGreaterThanOrEqual(5);
    const unscoped: string[] = [];
    let methods = 0;
    for (const file of repositories) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const cls of text.matchAll(/export class (\w+)[^{]*\{([\s\S]*?)\n\}/g)) {
        for (const m of cls[2]!.matchAll(/^ {2}async \*?(\w+)\(([^)]*)\)/gm)) {
          methods += 1;
          const [name, params] = [m[1]!, m[2]!];
          if (/\btenantId\b/.test(params) || CARRIERS.some((c) => params.includes(c))) continue;
          if (!CROSS_TENANT.has(`${cls[1]}.${name}`)) unscoped.push(`${file}: ${cls[1]}.${name}(${params})`);
        }
      }
    }
    expect(methods).toBeGreaterThan(20);
    expect(unscoped).toEqual([]);
  });
});
