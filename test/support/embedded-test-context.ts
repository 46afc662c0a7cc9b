import { afterAll, beforeAll, expect } from 'vitest';
import type { DocumentRow } from '../../schemas/tables.ts';
import { createEmbeddedContext, type AppContext } from '../../services/common/app-context.ts';
import { buildHandlers } from '../../services/common/handlers.ts';
import { submitDocument } from '../../services/ingest/intake/submit-document.ts';
import type { InlineJobQueue } from '../../services/queue/inline-queue.ts';
import type { ExtractorChoice } from '../../workers/extract/create-extractor.ts';
import { createTestEnv, type TestEnv } from './test-env.ts';

export interface EmbeddedTestWorld {
  env: TestEnv;
  ctx: AppContext<InlineJobQueue>;
  /**
   * Runs `text` through ingest and extract with `choice` on the in-process queue and returns the
   * stored document, asserted done. `marker` makes the bytes (so the row) unique per call.
   */
  extract(choice: ExtractorChoice, text: string, marker: string): Promise<DocumentRow>;
}

/**
 * The file's own isolated env with the in-process queue over its Postgres database, opened before
 * the file's tests and closed after them. Fields are filled in by `beforeAll`.
 */
export function useEmbeddedTestContext(): EmbeddedTestWorld {
  const world = {
    async extract(choice: ExtractorChoice, text: string, marker: string): Promise<DocumentRow> {
      const { ctx } = world;
      ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract: choice });
      const { document } = await submitDocument(ctx, { tenantId: 't', bytes: Buffer.from(`${text}\n${marker}\n`), filename: `${marker}.txt` });
      await ctx.queue.drain();
      const doc = await ctx.documents.get('t', document.id);
      expect(doc?.status, doc?.error ?? '').toBe('done');
      return doc!;
    },
  } as EmbeddedTestWorld;
  beforeAll(async () => {
    world.env = await createTestEnv();
    world.ctx = await createEmbeddedContext(world.env.config, { databaseUrl: world.env.config.databaseUrl });
  });
  afterAll(async () => {
    await world.ctx?.close();
    await world.env?.cleanup();
  });
  return world;
}
