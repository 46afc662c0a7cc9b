import type { ExtractorChoice } from '../../workers/extract/create-extractor.ts';
import { createExtractHandler } from '../../workers/extract/extract-handler.ts';
import { createIngestHandler } from '../ingest/ingest-handler.ts';
import type { JobHandlers } from '../core/jobs.ts';
import type { AppContext } from './app-context.ts';

export interface Roles {
  ingest: boolean;
  /** Present when this process extracts; holds the loaded engine. */
  extract: ExtractorChoice | null;
}

/** The one place job names meet their handlers, for BullMQ workers and the in-process runner alike. */
export function buildHandlers(ctx: AppContext, roles: Roles): JobHandlers {
  const handlers: JobHandlers = {};
  if (roles.ingest) {
    handlers.ingest = createIngestHandler({
      documents: ctx.documents, blobs: ctx.blobs, queue: ctx.queue, maxPages: ctx.config.maxPages, text: ctx.text.options,
    });
  }
  if (roles.extract) {
    handlers.extract = createExtractHandler({
      documents: ctx.documents, runs: ctx.runs, extractor: roles.extract.extractor, concurrency: roles.extract.concurrency,
      prefilter: roles.extract.prefilter, triage: roles.extract.triage,
    });
  }
  return handlers;
}
