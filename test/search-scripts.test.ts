import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObligationSearchList, type ObligationListItem } from '../schemas/api.ts';
import { expandLanguageFilter } from '../services/documents/language-filter.ts';
import { escapeText, foldLine } from '../services/exports/ics.ts';
import { apiClient } from './support/api-client.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

const CHINESE = [
  '第五条',
  '处理个人信息应当遵循合法、正当、必要和诚信原则。',
  '第十条',
  '任何组织、个人不得非法收集、使用、加工、传输他人个人信息。',
].join('\n');

const ARABIC = [
  'المادة 1',
  'يجب على المشغل أن يحتفظ بسجل لجميع السفن.',
  'المادة 2',
  'لا يجوز للمشغل الكشف عن سجلات الطاقم لأطراف ثالثة.',
].join('\n');

const DEADLINES = [
  'Article 1',
  'The operator shall keep the records, for inspection, within 5 years.',
  'Article 2',
  'The operator shall notify the authority within 72 hours.',
  'Article 3',
  'The operator shall file the annual report within 10 days.',
  'Article 4',
  'The operator shall register the vessel by 1 June 2026.',
  'Article 5',
  'The operator shall inform the crew of the rules; the crew may ask for a copy.',
].join('\n');

let env: TestEnv;
let stack: TestStack;
let api: ReturnType<typeof apiClient>;

async function list(query: string) {
  const res = await api.json(`/v1/obligations?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ObligationSearchList.parse(res.body);
}

/**
 * Strict RFC 5545 reader for the checks: every line ends in CRLF, no bare CR/LF, no physical line
 * over 75 octets, continuation lines start with one space; returns the unfolded content lines.
 */
function parseIcs(body: string): string[] {
  expect(body.endsWith('\r\n')).toBe(true);
  const physical = body.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

describe('search in every script, language codes, deadlines, iCalendar', () => {
  beforeAll(async () => {
    env = await createTestEnv();
    stack = await startTestStack(env, 'rules');
    api = apiClient(stack.baseUrl);
    const ids = [
      (await api.upload(CHINESE, 'pipl.txt', { language: 'zh' })).id,
      (await api.upload(ARABIC, 'harbour-ar.txt', { language: 'ar' })).id,
      (await api.upload(DEADLINES, 'deadlines.txt', { language: 'en' })).id,
    ];
    for (const id of ids) expect((await api.settled(id)).status).toBe('done');
  });
  afterAll(async () => {
    await stack?.close();
    await env?.cleanup();
  });

  it('finds Chinese text by a substring inside a longer word', async () => {
    const chinese = await list('language=zh&limit=100');
    expect(chinese.items.length).toBeGreaterThanOrEqual(2);
    const personal = await list(`q=${encodeURIComponent('个人信息')}`);
    const quotesWith = chinese.items.filter((o) => o.quote.includes('个人信息')).map((o) => o.id).sort();
    expect(quotesWith.length).toBeGreaterThanOrEqual(2);
    expect(personal.items.map((o) => o.id).sort()).toEqual(quotesWith);
    expect(personal.items.some((o) => o.quote.includes('处理个人信息'))).toBe(true);
    const twoChars = await list(`q=${encodeURIComponent('不得')}`);
    expect(twoChars.items.length).toBeGreaterThanOrEqual(1);
    expect(twoChars.items.every((o) => o.quote.includes('不得'))).toBe(true);
    expect((await list(`q=${encodeURIComponent('不存在的词')}`)).items).toHaveLength(0);
  });

  it('folds case and accents in the substring search', async () => {
    expect((await list('q=NOTIFY')).items.map((o) => o.citation)).toEqual(['Article 2']);
    expect((await list(`q=${encodeURIComponent('nótify')}`)).items.map((o) => o.citation)).toEqual(['Article 2']);
    expect((await list('q=ANNUAL%20REP')).items.map((o) => o.citation)).toEqual(['Article 3']);
  });

  it('accepts ISO 639-1, 639-3 and macrolanguage codes alike in the language filter', async () => {
    expect(expandLanguageFilter('ar')).toEqual(expect.arrayContaining(['ar', 'ara', 'arb']));
    expect(expandLanguageFilter('deu,fra')).toEqual(expect.arrayContaining(['de', 'deu', 'fr', 'fra']));
    const arabic = await list('language=arb');
    expect(arabic.items.length).toBeGreaterThanOrEqual(1);
    expect(arabic.items.every((o) => o.language === 'arb')).toBe(true);
    for (const code of ['ar', 'ara', 'ARA', 'ar-EG']) {
      expect((await list(`language=${code}`)).items.map((o) => o.id).sort(), code).toEqual(arabic.items.map((o) => o.id).sort());
    }
    expect((await list('language=deu')).items).toHaveLength(0);
    const english = await list('language=en');
    expect((await list('language=eng,ara')).total).toBe(english.total + arabic.total);
  });

  it('orders durations as durations, then dates, then rows without a deadline', async () => {
    const byDeadline = (await list('language=eng&sort=deadline&limit=100')).items.map((o) => o.deadline.iso);
    const known = byDeadline.filter((d): d is string => d !== null);
    expect(known).toEqual(['PT72H', 'P10D', 'P5Y', '2026-06-01']);
    expect(byDeadline.slice(0, 4)).toEqual(known);
    const reversed = (await list('language=eng&sort=-deadline&limit=100')).items.map((o) => o.deadline.iso);
    expect(reversed.filter((d) => d !== null)).toEqual([...known].reverse());
    // Paging with the numeric key gives the same order.
    const paged: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: ObligationListItem[]; nextCursor: string | null } = await list(`language=eng&sort=deadline&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items.map((o) => o.deadline.iso));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(byDeadline);
  });

  it('escapes and folds iCalendar text by octets', () => {
    expect(escapeText('a, b; c\\ d\nnext\r\nlast')).toBe('a\\, b\\; c\\\\ d\\nnext\\nlast');
    const long = `DESCRIPTION:${'处理个人信息'.repeat(20)}`;
    const folded = foldLine(long);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(long);
  });

  it('exports dated obligations as iCalendar, with the analyst due date, skipping durations', async () => {
    const rows = (await list('language=eng&limit=100')).items;
    const p10d = rows.find((o) => o.deadline.iso === 'P10D')!;
    const note = 'Check with legal, finance; and ops\\audit\nSecond line 个人信息 '.repeat(3);
    const patched = await stack.fetch(`${stack.baseUrl}/v1/obligations/${p10d.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ due: '2026-03-15', note }),
    });
    expect(patched.status).toBe(200);
    const res = await stack.fetch(`${stack.baseUrl}/v1/obligations/export?format=ics&language=eng`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const lines = parseIcs(await res.text());
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    const events = lines.filter((l) => l === 'BEGIN:VEVENT').length;
    expect(events).toBe(2);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(2);
    const starts = lines.filter((l) => l.startsWith('DTSTART')).sort();
    expect(starts).toEqual(['DTSTART;VALUE=DATE:20260315', 'DTSTART;VALUE=DATE:20260601']);
    const withDurations = rows.filter((o) => o.deadline.iso !== null && !/^\d{4}-/.test(o.deadline.iso)).length - 1;
    expect(lines).toContain(`X-OBLIGATO-SKIPPED-DURATIONS:${withDurations}`);
    expect(res.headers.get('x-obligato-skipped-durations')).toBe(String(withDurations));
    const description = lines.find((l) => l.startsWith('DESCRIPTION:') && l.includes('Note: '))!;
    expect(description).not.toMatch(/(^|[^\\])[,;]/);
    expect(unescapeText(description.slice('DESCRIPTION:'.length)).split('Note: ')[1]).toBe(note);
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9-]*[;:]/);
  });
});
