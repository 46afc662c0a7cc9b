import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BulkReviewResult, HistoryList, ObligationListItem, ObligationSearchList } from '../schemas/api.ts';
import { apiClient, authFetch } from './support/api-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

const HARBOUR = [
  'Article 1',
  'The operator shall keep a register of all vessels by 31 March 2027.',
  'Article 2',
  'The operator must not disclose crew records to third parties.',
  'Article 3',
  'The harbour master may inspect the register.',
  'Article 4',
  'The operator must not leave fuel on the quay.',
  'Article 12',
  'The operator shall report incidents to the harbour master by 1 June 2026.',
].join('\n');

let env: TestEnv;
let stack: TestStack;
let api: ReturnType<typeof apiClient>;
let all: ObligationListItem[];

async function list(query: string, fetchFn = stack.fetch) {
  const res = await fetchFn(`${stack.baseUrl}/v1/obligations?${query}`);
  const body: unknown = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return ObligationSearchList.parse(body);
}

async function send(method: string, path: string, body: unknown, fetchFn = stack.fetch) {
  const res = await fetchFn(`${stack.baseUrl}${path}`, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('review workflow (REST)', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    stack = await startTestStack(env, 'rules');
    api = apiClient(stack.baseUrl);
    const { id } = await api.upload(HARBOUR, 'harbour.txt', { series: 'HARBOUR' });
    expect((await api.settled(id)).status).toBe('done');
    all = (await list('limit=100&sort=citation')).items;
  });
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  it('starts every obligation at to_review, with an exact total', async () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.every((o) => o.review.status === 'to_review' && o.review.owner === null)).toBe(true);
    const page = await list('limit=2');
    expect(page.items).toHaveLength(2);
    expect(page).toMatchObject({ total: all.length, totalExact: true });
  });

  it('reviews one obligation, keeps the machine value beside the correction, and records history', async () => {
    const target = all.find((o) => o.citation === 'Article 1')!;
    const accepted = await send('PATCH', `/v1/obligations/${target.id}`, { status: 'accepted', note: 'checked', owner: 'Alice' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(ObligationListItem.parse(accepted.body).review).toMatchObject({ status: 'accepted', note: 'checked', owner: 'Alice' });

    const edited = ObligationListItem.parse((await send('PATCH', `/v1/obligations/${target.id}`, { subject: 'The port operator', deadlineIso: 'P30D' })).body);
    expect(edited.review.status).toBe('edited');
    expect(edited.review.corrected).toMatchObject({ subject: 'The port operator', deadlineIso: 'P30D' });
    expect(edited.subject).toBe(target.subject);
    expect(edited.deadline.iso).toBe(target.deadline.iso);

    // Same values again: nothing changed, so no history row.
    expect((await send('PATCH', `/v1/obligations/${target.id}`, { owner: 'Alice' })).status).toBe(200);

    const res = await api.json(`/v1/obligations/${target.id}/history`);
    expect(res.status).toBe(200);
    const history = HistoryList.parse(res.body).items;
    expect(history.map((h) => Object.keys(h.changes).sort())).toEqual([
      ['reviewNote', 'reviewOwner', 'reviewStatus'],
      ['correctedDeadlineIso', 'correctedSubject', 'reviewStatus'],
    ]);
    expect(history[0]!.changes.reviewStatus).toEqual({ before: 'to_review', after: 'accepted' });
    expect(history[1]!.changes.reviewStatus).toEqual({ before: 'accepted', after: 'edited' });
    expect(history[1]!.changes.correctedSubject).toEqual({ before: null, after: 'The port operator' });
    expect(history.every((h) => h.actor.name === 'test stack' && h.actor.keyId !== null && h.action === 'review')).toBe(true);
    expect(Date.parse(history[1]!.at)).toBeGreaterThanOrEqual(Date.parse(history[0]!.at));
  });

  it('bulk-reviews every row matching a filter, then filters by review status and owner', async () => {
    const prohibitions = all.filter((o) => o.modality === 'prohibition');
    expect(prohibitions.length).toBe(2);
    const res = await send('POST', '/v1/obligations/review', { filter: { modality: 'prohibition', series: 'HARBOUR' }, set: { status: 'rejected', owner: 'Bob' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(BulkReviewResult.parse(res.body)).toEqual({ matched: 2, changed: 2 });

    const rejected = await list('reviewStatus=rejected&owner=bob');
    expect(rejected.items.map((o) => o.id).sort()).toEqual(prohibitions.map((o) => o.id).sort());
    expect(rejected.total).toBe(2);
    expect((await list('reviewStatus=to_review')).items.every((o) => o.modality !== 'prohibition' && o.citation !== 'Article 1')).toBe(true);
    expect((await list('reviewStatus=rejected,edited')).items).toHaveLength(3);

    const history = HistoryList.parse((await api.json(`/v1/obligations/${prohibitions[0]!.id}/history`)).body).items;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'bulk', changes: { reviewOwner: { before: null, after: 'Bob' } } });

    // By ids; an unknown id is simply not matched.
    const permission = all.find((o) => o.modality === 'permission')!;
    const byIds = await send('POST', '/v1/obligations/review', { ids: [permission.id, '00000000-0000-4000-8000-000000000000'], set: { note: 'fine' } });
    expect(BulkReviewResult.parse(byIds.body)).toEqual({ matched: 1, changed: 1 });
  });

  it('refuses bad review input with a 400 and a field', async () => {
    const id = all[0]!.id;
    expect((await send('PATCH', `/v1/obligations/${id}`, { status: 'maybe' })).status).toBe(400);
    expect((await send('PATCH', `/v1/obligations/${id}`, {})).status).toBe(400);
    expect((await send('PATCH', `/v1/obligations/${id}`, { due: '2026-02-30' })).status).toBe(400);
    expect((await send('PATCH', `/v1/obligations/${id}`, { deadlineIso: 'soon' })).status).toBe(400);
    expect((await send('PATCH', `/v1/obligations/${id}`, { machine: 'x' })).status).toBe(400);
    expect((await send('POST', '/v1/obligations/review', { set: { status: 'accepted' } })).status).toBe(400);
    expect((await send('POST', '/v1/obligations/review', { ids: [id], filter: {}, set: { status: 'accepted' } })).status).toBe(400);
    expect((await send('PATCH', '/v1/obligations/00000000-0000-4000-8000-000000000000', { status: 'accepted' })).status).toBe(404);
  });

  it('exports the review columns in CSV and JSONL', async () => {
    const csv = await (await stack.fetch(`${stack.baseUrl}/v1/obligations/export?format=csv&sort=citation&reviewStatus=rejected`)).text();
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const cols = header!.split(',');
    for (const c of ['review_status', 'review_note', 'review_owner', 'review_due', 'corrected_subject', 'corrected_modality', 'corrected_deadline_iso']) expect(cols).toContain(c);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const cells = row.split(',');
      expect(cells[cols.indexOf('review_status')]).toBe('rejected');
      expect(cells[cols.indexOf('review_owner')]).toBe('Bob');
    }
    const jsonl = await (await stack.fetch(`${stack.baseUrl}/v1/obligations/export?format=jsonl&reviewStatus=edited`)).text();
    const lines = jsonl.trim().split('\n').map((l) => ObligationListItem.parse(JSON.parse(l)));
    expect(lines.map((o) => o.review.corrected.subject)).toEqual(['The port operator']);
  });

  it("keeps tenants apart: another tenant's key cannot review or see history (404), and a read key cannot review (403)", async () => {
    const { key: other } = await stack.ctx.apiKeys.create({ tenantId: `${env.config.tenant}-other`, name: 'other tenant', scopes: ['read', 'review'] });
    const otherFetch = authFetch(stack.baseUrl, other);
    const id = all[0]!.id;
    expect((await send('PATCH', `/v1/obligations/${id}`, { status: 'accepted' }, otherFetch)).status).toBe(404);
    expect((await otherFetch(`${stack.baseUrl}/v1/obligations/${id}/history`)).status).toBe(404);
    expect(BulkReviewResult.parse((await send('POST', '/v1/obligations/review', { ids: [id], set: { status: 'accepted' } }, otherFetch)).body)).toEqual({ matched: 0, changed: 0 });
    expect(BulkReviewResult.parse((await send('POST', '/v1/obligations/review', { filter: {}, set: { status: 'accepted' } }, otherFetch)).body)).toEqual({ matched: 0, changed: 0 });
    expect((await list('reviewStatus=accepted')).items).toHaveLength(0);

    const { key: reader } = await stack.ctx.apiKeys.create({ tenantId: env.config.tenant, name: 'reader', scopes: ['read'] });
    expect((await send('PATCH', `/v1/obligations/${id}`, { status: 'accepted' }, authFetch(stack.baseUrl, reader))).status).toBe(403);
  });
});
