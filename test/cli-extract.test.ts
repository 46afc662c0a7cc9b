import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../schemas/config.ts';
import type { ExtractReport } from '../services/cli/commands/extract.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

let env: TestEnv;

describe('obligato extract (no services: PGlite + in-process queue)', () => {
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('prints grounded obligations for the bundled samples as JSON, with no DATABASE_URL or REDIS_URL used', async () => {
    const { stdout, stderr } = await run('node', ['bin/obligato.mjs', 'extract', 'samples', '--json'], {
      cwd: ROOT,
      // Pointing the service URLs at closed ports proves the command never touches them.
      env: { ...process.env, DATA_DIR: env.dir, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stderr).toMatch(/No MODEL configured: using the rules engine/);
    const report = JSON.parse(stdout) as ExtractReport;
    expect(report.documents.map((d) => path.basename(d.file))).toEqual([
      'harbour-data-regulation.en.txt', 'harbour-data-regulation.fr.txt', 'harbour-data-regulation.zh.txt',
    ]);
    expect(report.documents.map((d) => d.language)).toEqual(['eng', 'fra', 'cmn']);
    const texts = await textsById(report);
    for (const doc of report.documents) {
      expect(doc.status, doc.error ?? '').toBe('done');
      expect(doc.obligations.length).toBeGreaterThanOrEqual(3);
      const modalities = new Set(doc.obligations.map((o) => o.modality));
      expect(modalities).toContain('obligation');
      expect(modalities).toContain('prohibition');
      expect(modalities).toContain('permission');
      // Against the sample file as written on disk, not a slice of the stored offsets; the rules
      // engine quotes whole sentences, so each keeps its closing punctuation.
      const written = readFileSync(path.join(ROOT, 'samples', path.basename(doc.file)), 'utf8');
      for (const o of doc.obligations) {
        expect(written).toContain(o.quote);
        expect(o.quote).toMatch(/[.;:。；：]$/u);
        expect(texts.get(doc.id)!.includes(o.quote)).toBe(true);
      }
    }
    const zh = report.documents[2]!;
    expect(zh.obligations.find((o) => o.modality === 'prohibition')?.citation).toBe('第三条');
  });

  it('is idempotent: a second run reuses the stored documents and adds no rows', async () => {
    const first = await extractSamples();
    const second = await extractSamples();
    expect(second.documents.map((d) => d.id)).toEqual(first.documents.map((d) => d.id));
    expect(second.documents.map((d) => d.obligations.length)).toEqual(first.documents.map((d) => d.obligations.length));
  });
});

async function extractSamples(): Promise<ExtractReport> {
  const { runExtract } = await import('../services/cli/commands/extract.ts');
  const config = { ...loadConfig({}), dataDir: env.dir };
  return runExtract(config, ['samples/harbour-data-regulation.en.txt', 'samples/harbour-data-regulation.fr.txt'], 'rules', { json: true });
}

/** Reads the stored document texts back from the embedded database the CLI wrote. */
async function textsById(report: ExtractReport): Promise<Map<string, string>> {
  const { createEmbeddedContext } = await import('../services/common/app-context.ts');
  const ctx = await createEmbeddedContext({ ...loadConfig({}), dataDir: env.dir });
  try {
    const texts = new Map<string, string>();
    for (const d of report.documents) texts.set(d.id, (await ctx.documents.get('default', d.id))!.text ?? '');
    return texts;
  } finally {
    await ctx.close();
  }
}
