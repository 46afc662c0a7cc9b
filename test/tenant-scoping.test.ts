import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRow } from '../schemas/tables.ts';
import { buildHandlers } from '../services/common/handlers.ts';
import { submitDocument } from '../services/ingest/intake/submit-document.ts';
import { ObligationSearch, type SearchQuery } from '../services/storage/obligation-search.ts';
import { createExtractor } from '../workers/extract/create-extractor.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';

/**
 * Tenant scoping at the repository and search level: two tenants upload documents (one of them
 * byte-identical), and every read names a tenant and sees only that tenant's rows, whatever
 * other filter it carries. A query that forgets its tenant condition returns the other
 * tenant's rows here and fails.
 */
const world = useEmbeddedTestContext();

const SHARED = ['Article 1', 'The operator shall keep a register of all processing activities.', 'The operator must not sell the register.'].join('\n');
const ONLY_A = ['Article 1', 'The carrier shall notify the authority within 72 hours.', 'The carrier may appoint an auditor.'].join('\n');
const ONLY_B = ['Artikel 1', 'Der Betreiber muss das Register führen.', 'Der Betreiber darf das Register nicht verkaufen.'].join('\n');

let aShared: DocumentRow;
let bShared: DocumentRow;
let aOnly: DocumentRow;
let bOnly: DocumentRow;

async function ingest(tenantId: string, text: string, filename: string, series: string | null = null): Promise<DocumentRow> {
  const { document } = await submitDocument(world.ctx, { tenantId, bytes: Buffer.from(text), filename, series });
  await world.ctx.queue.drain();
  const doc = await world.ctx.documents.get(tenantId, document.id);
  expect(doc?.status, doc?.error ?? '').toBe('done');
  return doc!;
}

const search = () => new ObligationSearch(world.ctx.database.db);
const query = (tenantId: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ tenantId, limit: 100, sort: 'newest', ...extra });

beforeAll(async () => {
  world.ctx.queue.handlers = buildHandlers(world.ctx, { ingest: true, extract: await createExtractor(world.env.config, 'rules') });
  aShared = await ingest('tenant-a', SHARED, 'shared.txt', 'register');
  bShared = await ingest('tenant-b', SHARED, 'shared.txt', 'register');
  aOnly = await ingest('tenant-a', ONLY_A, 'a.txt');
  bOnly = await ingest('tenant-b', ONLY_B, 'b.txt');
});

describe('documents repository', () => {
  it('the same bytes make one document per tenant', () => {
    expect(aShared.sha256).toBe(bShared.sha256);
    expect(aShared.id).not.toBe(bShared.id);
  });

  it('get, findBySha and list see only the named tenant', async () => {
    const { documents } = world.ctx;
    expect(await documents.get('tenant-b', aOnly.id)).toBeUndefined();
    expect((await documents.get('tenant-a', aOnly.id))?.id).toBe(aOnly.id);
    expect((await documents.findBySha('tenant-b', aShared.sha256))?.id).toBe(bShared.id);
    expect((await documents.findBySha('tenant-a', aShared.sha256))?.id).toBe(aShared.id);
    expect(await documents.findBySha('tenant-c', aShared.sha256)).toBeUndefined();
    expect(new Set((await documents.list({ tenantId: 'tenant-a', limit: 100 })).map((d) => d.id))).toEqual(new Set([aShared.id, aOnly.id]));
    expect(new Set((await documents.list({ tenantId: 'tenant-b', limit: 100 })).map((d) => d.id))).toEqual(new Set([bShared.id, bOnly.id]));
    expect(await documents.list({ tenantId: 'tenant-c', limit: 100 })).toEqual([]);
    expect((await documents.list({ tenantId: 'tenant-b', series: 'register', limit: 100 })).map((d) => d.id)).toEqual([bShared.id]);
  });

  it('the status filter keeps only documents in that status', async () => {
    const { documents } = world.ctx;
    expect((await documents.list({ tenantId: 'tenant-a', status: 'done', limit: 100 })).length).toBe(2);
    expect(await documents.list({ tenantId: 'tenant-a', status: 'failed', limit: 100 })).toEqual([]);
    expect(await documents.list({ tenantId: 'tenant-a', status: 'queued', limit: 100 })).toEqual([]);
  });

  it('delete with another tenant removes nothing', async () => {
    const { documents } = world.ctx;
    expect(await documents.delete('tenant-b', aOnly.id)).toBeUndefined();
    expect((await documents.get('tenant-a', aOnly.id))?.id).toBe(aOnly.id);
  });
});

describe('obligations repository', () => {
  it('list and forDocument see only the named tenant', async () => {
    const { obligations } = world.ctx;
    const a = await obligations.list({ tenantId: 'tenant-a', limit: 100 });
    const b = await obligations.list({ tenantId: 'tenant-b', limit: 100 });
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(new Set(a.map((o) => o.documentId))).toEqual(new Set([aShared.id, aOnly.id]));
    expect(new Set(b.map((o) => o.documentId))).toEqual(new Set([bShared.id, bOnly.id]));
    expect(await obligations.list({ tenantId: 'tenant-b', documentId: aOnly.id, limit: 100 })).toEqual([]);
    expect(await obligations.forDocument('tenant-b', aOnly.id)).toEqual([]);
    expect((await obligations.forDocument('tenant-a', aOnly.id)).map((o) => o.quote)).toEqual([
      'The carrier shall notify the authority within 72 hours.', 'The carrier may appoint an auditor.',
    ]);
  });

  it('the language filter keeps only that language', async () => {
    const { obligations } = world.ctx;
    const german = await obligations.list({ tenantId: 'tenant-b', language: 'deu', limit: 100 });
    expect(german.map((o) => o.documentId)).toEqual(german.map(() => bOnly.id));
    expect(german.length).toBe(2);
    expect(await obligations.list({ tenantId: 'tenant-a', language: 'deu', limit: 100 })).toEqual([]);
  });
});

describe('obligation search', () => {
  it('every filter stays inside the tenant', async () => {
    const s = search();
    const ids = async (q: SearchQuery) => new Set((await s.page(q)).items.map((o) => o.documentId));
    expect(await ids(query('tenant-a'))).toEqual(new Set([aShared.id, aOnly.id]));
    expect(await ids(query('tenant-b'))).toEqual(new Set([bShared.id, bOnly.id]));
    expect(await ids(query('tenant-c'))).toEqual(new Set());
    expect(await ids(query('tenant-b', { document: aOnly.id }))).toEqual(new Set());
    expect(await ids(query('tenant-b', { q: 'sell' }))).toEqual(new Set([bShared.id]));
    expect(await ids(query('tenant-a', { q: 'sell' }))).toEqual(new Set([aShared.id]));
    expect(await ids(query('tenant-b', { series: 'register' }))).toEqual(new Set([bShared.id]));
    expect(await ids(query('tenant-b', { modality: 'prohibition' }))).toEqual(new Set([bShared.id, bOnly.id]));
    expect(await ids(query('tenant-a', { modality: 'permission' }))).toEqual(new Set([aOnly.id]));
    expect(await ids(query('tenant-a', { subject: 'carrier' }))).toEqual(new Set([aOnly.id]));
    expect(await ids(query('tenant-b', { subject: 'carrier' }))).toEqual(new Set());
    expect(await ids(query('tenant-b', { language: 'deu' }))).toEqual(new Set([bOnly.id]));
    expect(await ids(query('tenant-a', { language: 'deu' }))).toEqual(new Set());
    expect(await ids(query('tenant-a', { citation: 'Article 1' }))).toEqual(new Set([aShared.id, aOnly.id]));
  });

  it('paging with a cursor never crosses into another tenant', async () => {
    const s = search();
    const seen: string[] = [];
    for await (const page of s.iterate(query('tenant-b'), 1)) seen.push(...page.map((o) => o.documentId));
    expect(seen.length).toBe((await s.page(query('tenant-b'))).items.length);
    expect(new Set(seen)).toEqual(new Set([bShared.id, bOnly.id]));
  });
});
