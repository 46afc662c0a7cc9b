import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentList, ObligationSearchList, type ObligationListItem } from '../schemas/api.ts';
import { csvCell } from '../services/exports/obligation-export.ts';
import { apiClient } from './support/api-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

const HARBOUR = [
  'Article 1',
  'The operator shall keep a register of all vessels by 31 March 2027.',
  'Article 2',
  'The operator must not disclose crew records to third parties.',
  'Article 3',
  'The harbour master may inspect the register.',
  'Article 12',
  'The operator shall report incidents to the harbour master by 1 June 2026.',
].join('\n');

const PORTS = [
  'Article 5',
  'The carrier shall notify the authority of each "late" arrival, without delay.',
  'Article 50',
  'The carrier must not unload cargo at night.',
].join('\n');

let env: TestEnv;
let stack: TestStack;
let api: ReturnType<typeof apiClient>;
let harbourId: string;
let portsId: string;

async function list(query: string) {
  const res = await api.json(`/v1/obligations?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ObligationSearchList.parse(res.body);
}

/** Minimal RFC 4180 reader, enough to check the exporter's quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  return rows;
}

describe('REST queries and exports', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    stack = await startTestStack(env, 'rules');
    api = apiClient(stack.baseUrl);
    harbourId = (await api.upload(HARBOUR, 'harbour.txt', { series: 'HARBOUR' })).id;
    portsId = (await api.upload(PORTS, 'ports.txt', { series: 'PORTS', language: 'eng' })).id;
    for (const id of [harbourId, portsId]) expect((await api.settled(id)).status).toBe('done');
  });
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  it('filters by modality, series, document, subject, citation, deadline and full text', async () => {
    const all = await list('limit=100');
    expect(all.items.length).toBe(6);
    expect(all.items.every((o) => o.documentFilename === 'harbour.txt' || o.documentFilename === 'ports.txt')).toBe(true);

    expect((await list('modality=prohibition')).items.map((o) => o.documentFilename).sort()).toEqual(['harbour.txt', 'ports.txt']);
    expect((await list('series=PORTS')).items.every((o) => o.series === 'PORTS')).toBe(true);
    expect((await list('series=PORTS')).items).toHaveLength(2);
    expect((await list(`document=${harbourId}`)).items).toHaveLength(4);
    expect((await list('subject=HARBOUR%20MAST')).items.map((o) => o.citation)).toEqual(['Article 3']);
    // "Article 5" is not a prefix of "Article 50", but "Article 1" would be of "Article 12" without the digit rule.
    expect((await list('citation=Article%205')).items.map((o) => o.citation)).toEqual(['Article 5']);
    expect((await list('citation=article%201')).items.map((o) => o.citation)).toEqual(['Article 1']);
    const dated = await list('deadlineAfter=2026-01-01&deadlineBefore=2026-12-31');
    expect(dated.items.map((o) => o.deadline.iso)).toEqual(['2026-06-01']);
    expect((await list('deadlineAfter=2027-01-01')).items.map((o) => o.citation)).toEqual(['Article 1']);
    expect((await list('q=cargo')).items.map((o) => o.citation)).toEqual(['Article 50']);
    expect((await list('q=cargo&series=HARBOUR')).items).toHaveLength(0);
  });

  it('rejects bad filter values and a cursor from another sort', async () => {
    expect((await api.json('/v1/obligations?deadlineAfter=31-12-2026')).status).toBe(400);
    expect((await api.json('/v1/obligations?sort=bogus')).status).toBe(400);
    const page = await list('limit=1&sort=subject');
    expect(page.nextCursor).not.toBeNull();
    expect((await api.json(`/v1/obligations?limit=1&sort=citation&cursor=${page.nextCursor}`)).status).toBe(400);
  });

  it('pages through every sort with keyset cursors, without gaps or repeats, in sort order', async () => {
    const sorts = ['newest', 'oldest', 'deadline', '-deadline', 'subject', '-subject', 'citation', '-citation', 'confidence', '-confidence', 'modality'];
    for (const sort of sorts) {
      const seen: ObligationListItem[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: ObligationListItem[]; nextCursor: string | null } = await list(`limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(seen.map((o) => o.id)).size, sort).toBe(6);
      expect(seen).toHaveLength(6);
      if (sort === 'deadline') {
        // Dated first, ascending; missing deadlines last.
        expect(seen.slice(0, 2).map((o) => o.deadline.iso)).toEqual(['2026-06-01', '2027-03-31']);
        expect(seen.slice(2).every((o) => o.deadline.iso === null || !/^\d{4}-/.test(o.deadline.iso))).toBe(true);
      }
      if (sort === 'subject') {
        const subjects = seen.map((o) => o.subject.toLowerCase());
        expect(subjects).toEqual([...subjects].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }
    }
  });

  it('lists documents with obligation counts by modality and a series filter', async () => {
    const res = await api.json('/v1/documents?series=HARBOUR');
    const docs = DocumentList.parse(res.body);
    expect(docs.items.map((d) => d.filename)).toEqual(['harbour.txt']);
    expect(docs.items[0]!.obligationCounts).toEqual({ obligation: 2, prohibition: 1, permission: 1 });
  });

  it('exports the current filter as CSV, quoting commas and quotes, in the chosen sort', async () => {
    const res = await stack.fetch(`${stack.baseUrl}/v1/obligations/export?format=csv&sort=citation`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="obligations-.*\.csv"/);
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    const header = rows[0]!;
    expect(header.slice(0, 6)).toEqual(['id', 'document_id', 'document', 'series', 'citation', 'page']);
    expect(rows).toHaveLength(7);
    const citations = rows.slice(1).map((r) => r[header.indexOf('citation')]);
    expect(citations).toEqual(['Article 1', 'Article 12', 'Article 2', 'Article 3', 'Article 5', 'Article 50']);
    const quote = rows.find((r) => r[header.indexOf('citation')] === 'Article 5')![header.indexOf('quote')];
    expect(quote).toBe('The carrier shall notify the authority of each "late" arrival, without delay.');

    const filtered = parseCsv((await (await stack.fetch(`${stack.baseUrl}/v1/obligations/export?format=csv&modality=prohibition`)).text()).replace(/^\uFEFF/, ''));
    expect(filtered).toHaveLength(3);
  });

  it('neutralises spreadsheet formulas in CSV cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });

  it('exports JSONL with the list item shape', async () => {
    const res = await stack.fetch(`${stack.baseUrl}/v1/obligations/export?format=jsonl&series=PORTS`);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as ObligationListItem);
    expect(lines.map((o) => o.citation).sort()).toEqual(['Article 5', 'Article 50']);
    expect(lines[0]!.series).toBe('PORTS');
  });

  it('exports XLSX that a spreadsheet library reads back', async () => {
    const res = await stack.fetch(`${stack.baseUrl}/v1/obligations/export?format=xlsx&sort=citation`);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('obligations')!;
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(1).getCell(5).value).toBe('citation');
    expect(sheet.getRow(2).getCell(5).value).toBe('Article 1');
  });

  it('streams progress over SSE and ends when the documents settle', async () => {
    const fresh = await api.upload('Article 9\nThe pilot shall board before entry.', 'pilot.txt');
    const res = await stack.fetch(`${stack.baseUrl}/v1/documents/events?ids=${fresh.id},${harbourId}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    const events = text.split('\n\n').filter((b) => b.startsWith('event:')).map((b) => ({
      event: /^event: (\w+)/.exec(b)![1], data: JSON.parse(/\ndata: (.*)/.exec(b)![1]!) as { id?: string; status?: string },
    }));
    expect(events[events.length - 1]!.event).toBe('end');
    const statuses = events.filter((e) => e.data.id === fresh.id).map((e) => e.data.status);
    expect(statuses[statuses.length - 1]).toBe('done');
    expect(events.some((e) => e.data.id === harbourId && e.data.status === 'done')).toBe(true);
    expect((await api.json('/v1/documents/events?ids=nope')).status).toBe(400);
  });

  it('documents every new endpoint in OpenAPI and mounts bull-board', async () => {
    const spec = (await api.json('/docs/json')).body as { paths: Record<string, unknown> };
    for (const p of ['/v1/obligations', '/v1/obligations/export', '/v1/documents/events', '/v1/series', '/v1/series/{name}/changes',
      '/v1/documents/{id}/reprocess', '/v1/documents/{id}']) {
      expect(Object.keys(spec.paths), p).toContain(p);
    }
    const board = await stack.fetch(`${stack.baseUrl}/admin/queues`);
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<div id="root">');
    const queues = await api.json('/admin/queues/api/queues');
    expect(JSON.stringify(queues.body)).toContain('"ingest"');
  });
});
