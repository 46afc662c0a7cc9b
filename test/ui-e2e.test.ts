import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { launchChromium } from './support/browser.ts';
import { buildWeb } from './support/build-web.ts';
import { makeTextPdf } from './support/make-pdf.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { describeWith, requireSystem } from './support/system-deps.ts';
import { createTestEnv, type TestEnv } from './support/test-env.ts';

/**
 * The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; otherwise they go to a temp
 * folder, so that running the tests leaves the working tree as it was.
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1'
  ? path.join(import.meta.dirname, '..', 'docs', 'screenshots')
  : path.join(os.tmpdir(), 'obligato-ui-screenshots');

const V1 = [[
  'Harbour Safety Regulation 2025', '',
  'Article 1', 'The operator shall keep a register of all vessels by 31 March 2027.',
  'Article 2', 'The operator must not disclose crew records to third parties.',
  'Article 3', 'The harbour master may inspect the register at any time.',
], [
  'Article 4', 'The operator shall report incidents to the harbour master within 72 hours.',
  'Article 5', 'Pilots are exempt from the registration fee.',
]];
const V2 = [[
  'Harbour Safety Regulation 2026', '',
  'Article 1', 'The operator shall keep a register of all vessels by 31 March 2027.',
  'Article 2', 'The operator must not disclose crew records to third parties.',
  'Article 3', 'The harbour master must not inspect the register at night.',
], [
  'Article 4', 'The operator shall report incidents to the harbour master within 24 hours.',
  'Article 6', 'The operator shall train every pilot each year.',
]];
const ARABIC = [
  'المادة 1',
  'يجب على المشغل الاحتفاظ بسجل لجميع السفن.',
  'المادة 2',
  'لا يجوز للمشغل الإفصاح عن سجلات الطاقم.',
].join('\n');

let env: TestEnv;
let stack: TestStack;
let browser: Browser;
let page: Page;

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, name), fullPage: false });

describeWith(requireSystem('chromium'), 'analyst page in Chromium (Playwright)', () => {
  beforeAll(async () => {
    await buildWeb();
    await fs.mkdir(SHOTS, { recursive: true });
    env = await createTestEnv();
    stack = await startTestStack(env, 'rules');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 860 }, acceptDownloads: true });
    page.on('pageerror', (error) => { throw error; });
    // The page asks for an API key once; the session cookie then carries it (streams and exports too).
    await page.goto(stack.baseUrl);
    await page.fill('#api-key', stack.key);
    await page.click('form.sign-in button[type=submit]');
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await env?.cleanup();
  });

  it('uploads a generated PDF with a language hint and series, and shows live progress to done', async () => {
    await page.goto(stack.baseUrl);
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.selectOption('#up-language', 'eng');
    await page.fill('#up-series', 'HARBOUR');
    await page.setInputFiles('#up-files', { name: 'harbour-2025.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makeTextPdf(V1)) });
    const upload = page.locator('.uploads li').first();
    await upload.locator('a.name').waitFor();
    await page.waitForSelector('.uploads li[data-status="done"]', { timeout: 60_000 });
    expect(await upload.locator('.state').textContent()).toMatch(/done: 2 page\(s\), \d+\/\d+ segments/);
    const row = page.locator('tbody tr', { hasText: 'harbour-2025.pdf' });
    await row.locator('.status.done').waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('HARBOUR');
    expect(await row.locator('td').nth(4).textContent()).toBe('2');
    await expect.poll(() => row.locator('.chip').allTextContents()).toEqual(expect.arrayContaining(['2 must', '1 must not', '1 may']));
    await shot('documents.png');
  });

  it('opens the document view, highlights obligations by modality and walks them with the keyboard', async () => {
    await page.locator('tbody a', { hasText: 'harbour-2025.pdf' }).click();
    await page.locator('.doc-text').waitFor();
    const listed = await page.locator('.ob-list button').count();
    expect(listed).toBeGreaterThanOrEqual(5);
    expect(await page.locator('.doc-text mark.prohibition').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.doc-text mark.permission').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.doc-text .page-marker').allTextContents()).toEqual(['page 2']);
    await page.locator('.doc-text').focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const selected = page.locator('.ob-list button.selected');
    expect(await selected.count()).toBe(1);
    expect(await selected.textContent()).toContain('Article 2');
    expect(await page.locator('.doc-text mark.selected').first().textContent()).toContain('must not disclose');
    const detail = page.locator('.detail');
    expect(await detail.textContent()).toContain('Citation');
    expect(await detail.textContent()).toContain('Article 2');
    expect(await detail.textContent()).toContain('rules');
    // Enter on a focused list item selects it too.
    await page.locator('.ob-list button').nth(3).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('.detail').textContent()).toContain('Article 4');
    expect(page.url()).toMatch(/\?o=[0-9a-f-]{36}$/);
    await shot('document-view.png');
  });

  it('shows right-to-left documents right to left', async () => {
    const api = apiClient(stack.baseUrl);
    const { id } = await api.upload(ARABIC, 'lawha.txt', { language: 'ara' });
    expect((await api.settled(id)).language).toBe('ara');
    await page.goto(`${stack.baseUrl}/#/documents/${id}`);
    const text = page.locator('.doc-text');
    // The previous test's document view may still be on screen until this one renders: poll.
    await expect.poll(() => text.getAttribute('dir')).toBe('rtl');
    expect(await text.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await shot('document-rtl.png');
  });

  it('filters obligations, sorts, and exports the current filter as CSV', async () => {
    await page.goto(`${stack.baseUrl}/#/obligations`);
    await page.locator('table.obligations').waitFor();
    await page.selectOption('#f-series', 'HARBOUR');
    await page.selectOption('#f-modality', 'obligation');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/modality=obligation/);
    await expect.poll(() => page.locator('table.obligations tbody tr').count()).toBe(2);
    await page.getByRole('link', { name: /^Deadline/ }).click();
    await page.waitForURL(/sort=deadline/);
    // Durations first, by length ("within 72 hours"), then calendar dates ("by 31 March 2027").
    await expect.poll(() => page.locator('table.obligations tbody tr td:nth-child(2)').allTextContents()).toEqual(['Article 4', 'Article 1']);
    await shot('obligations.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export="csv"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^obligations-.*\.csv$/);
    const csv = (await fs.readFile((await download.path()), 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(csv[0]).toMatch(/^id,document_id,document,series,citation/);
    expect(csv).toHaveLength(3);
    expect(csv.slice(1).every((line) => line.includes(',HARBOUR,') && line.includes(',obligation,'))).toBe(true);
  });

  it('shows what changed between two versions of the series', async () => {
    const api = apiClient(stack.baseUrl);
    const v2 = await api.upload(await makeTextPdf(V2), 'harbour-2026.pdf', { series: 'HARBOUR' });
    expect((await api.settled(v2.id)).status).toBe('done');
    await page.goto(`${stack.baseUrl}/#/changes?series=HARBOUR`);
    await page.locator('.summary').waitFor();
    const summary = await page.locator('.summary').textContent();
    expect(summary).toContain('2 changed');
    expect(summary).toContain('1 added');
    expect(summary).toContain('1 removed');
    const art4 = page.locator('.change[data-kind="changed"]', { hasText: 'Article 4' });
    expect(await art4.locator('del').first().textContent()).toContain('72');
    expect(await art4.locator('ins').first().textContent()).toContain('24');
    await shot('changes.png');
  });
});
