import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runSegments } from '../schemas/tables.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import { createRulesExtractor } from '../workers/extract/engines/rules/rules-extractor.ts';
import { choiceOf } from './support/fake-extractor.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { buildHandlers } from '../services/common/handlers.ts';

/**
 * The whole path (intake → segments with kinds → rules engine → grounding → Postgres) on a small
 * EU-style act: recitals are skipped as non-binding, list items become one obligation each with
 * the lead-in stored as a second verbatim span, and item citations carry the item marker.
 */
const ACT = `REGULATION (EU) 2099/1 OF THE EUROPEAN PARLIAMENT

Whereas:

(1) Member States should ensure that operators keep records of their activities.

(2) The controller should notify breaches without delay.

HAVE ADOPTED THIS REGULATION:

Article 1
Records

1. The operator shall keep the following records:
(a) the name of each customer;
(b) the date of each sale.

2. The operator must not sell the records.

Article 2
Notification

The controller notifies the authority of each breach within 72 hours.
`;

const world = useEmbeddedTestContext();

async function extractAct(marker: string, includeRecitals: boolean) {
  const { ctx } = world;
  ctx.queue.handlers = buildHandlers(ctx, { ingest: true, extract: choiceOf(createRulesExtractor()) });
  const { document } = await submitDocument(ctx, {
    tenantId: 't', bytes: Buffer.from(`${ACT}\n${marker}\n`), filename: `${marker}.txt`, includeRecitals,
  });
  await ctx.queue.drain();
  const doc = (await ctx.documents.get('t', document.id))!;
  expect(doc.status, doc.error ?? '').toBe('done');
  const rows = await ctx.obligations.forDocument('t', doc.id);
  return { doc, rows: [...rows].sort((a, b) => a.quoteStart - b.quoteStart) };
}

describe('lists and binding text through the pipeline (rules engine)', () => {
  it('stores one obligation per list item with its lead-in span, and none from recitals', async () => {
    const { doc, rows } = await extractAct('lists-default', false);
    expect(rows.map((r) => r.quote)).toEqual([
      '(a) the name of each customer;',
      '(b) the date of each sale.',
      '2. The operator must not sell the records.',
      'The controller notifies the authority of each breach within 72 hours.',
    ]);
    const text = doc.text!;
    const [a, b, ban, present] = rows;
    expect(text.slice(a!.leadInStart!, a!.leadInEnd!)).toBe('1. The operator shall keep the following records:');
    expect(text.slice(b!.leadInStart!, b!.leadInEnd!)).toBe('1. The operator shall keep the following records:');
    expect([ban!.leadInStart, present!.leadInStart]).toEqual([null, null]);
    expect(rows.map((r) => [r.modality, r.subject])).toEqual([
      ['obligation', 'The operator'],
      ['obligation', 'The operator'],
      ['prohibition', 'The operator'],
      ['obligation', 'The controller'],
    ]);
    // Item citations carry the item marker; the segment's citation key is stored likewise.
    expect(rows.map((r) => [r.citation, r.citationKey])).toEqual([
      ['Article 1(a)', 'art:1/pt:a'],
      ['Article 1(b)', 'art:1/pt:b'],
      ['Article 1', 'art:1'],
      ['Article 2', 'art:2'],
    ]);
    expect(rows.every((r) => r.binding)).toBe(true);

    // The recital segments were recorded as skipped, never read.
    const skipped = await world.ctx.database.db.select().from(runSegments)
      .where(and(eq(runSegments.runId, doc.currentRunId!), eq(runSegments.status, 'skipped')));
    expect(skipped.map((s) => s.skipReason).filter((r) => r?.startsWith('non-binding'))).toEqual(
      expect.arrayContaining(['non-binding: recital', 'non-binding: recital']),
    );
  });

  it('reads recitals when the document opts in, marking their rows non-binding', async () => {
    const { rows } = await extractAct('lists-recitals', true);
    const recitals = rows.filter((r) => !r.binding);
    expect(recitals.map((r) => r.quote)).toEqual([
      '(1) Member States should ensure that operators keep records of their activities.',
      '(2) The controller should notify breaches without delay.',
    ]);
    expect(rows.filter((r) => r.binding)).toHaveLength(4);
  });
});
