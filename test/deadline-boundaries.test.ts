import { describe, expect, it } from 'vitest';
import { normalizeDeadline, parseCjkNumber } from '../workers/extract/deadline.ts';

/** Deadline normalisation at its edges: every date form, number form, unit and trigger rule. */

const date = (iso: string) => ({ iso, kind: 'date', trigger: null });
const dur = (iso: string, trigger: string | null = null) => ({ iso, kind: 'duration', trigger });
const NONE = { iso: null, kind: null, trigger: null };

describe('dates', () => {
  it.each([
    ['by 2024-02-29', date('2024-02-29')],
    ['by 2023-02-29', NONE],
    ['by 2025-13-01', NONE],
    ['by 0999-01-01', NONE],
    ['before 1 Jan. 2026', date('2026-01-01')],
    ['le 3 mars 2026', date('2026-03-03')],
    ['bis zum 1. März 2026', date('2026-03-01')],
    ['el 2 de mayo de 2026', date('2026-05-02')],
    ['entro il 9 dicembre 2026', date('2026-12-09')],
    ['uiterlijk 4 maart 2026', date('2026-03-04')],
    ['the 22nd of June 2026', date('2026-06-22')],
    ['Sept 5, 2026', date('2026-09-05')],
    ['Dec. 31st 2026', date('2026-12-31')],
    ['2026年３月１日まで', date('2026-03-01')],
    ['before 31/01/2025', date('2025-01-31')],
    ['before 01/31/2025', date('2025-01-31')],
    ['before 05.04.2025', date('2025-04-05')],
    ['before 31/13/2025', NONE],
    ['item 2025-1-5', date('2025-01-05')],
    ['by 2025-00-10', NONE],
    ['by 2025-01-00', NONE],
    ['by 2025-04-31', NONE],
    ['by 1000-01-01', date('1000-01-01')],
    ['by 12/12/2025', date('2025-12-12')],
    ['by 12/13/2025', date('2025-12-13')],
    ['by 13/12/2025', date('2025-12-13')],
    ['by 13/13/2025', NONE],
    ['２０２６年１２月３１日', date('2026-12-31')],
    ['2026 年 2 月 30 日', NONE],
  ] as const)('%s', (text, expected) => {
    expect(normalizeDeadline(text)).toEqual(expected);
  });
});

describe('durations', () => {
  it.each([
    ['within 90 minutes', dur('PT90M')],
    ['within\n72\thours', dur('PT72H')],
    ['within ninety-nine days', dur('P99D')],
    ['within twenty-one hours', dur('PT21H')],
    ['within ten-five days', NONE],
    ['within twenty-ten days', NONE],
    ['within 1 fortnight', dur('P2W')],
    ['within three fortnight', dur('P6W')],
    ['within 72hrs', dur('PT72H')],
    ['within 5d', dur('P5D')],
    ['within 5 D', dur('P5D')],
    ['15分钟内', dur('PT15M')],
    ['3年内', dur('P3Y')],
    ['2周内', dur('P2W')],
    ['within 2 weeks', dur('P2W')],
    ['within six months', dur('P6M')],
    ['within one year', dur('P1Y')],
    ['within a fortnight', dur('P2W')],
    ['within two fortnight', dur('P4W')],
    ['within twenty-four hours', dur('PT24H')],
    ['within thirty one days', dur('P31D')],
    ['within ten working days', dur('P10D')],
    ['within twenty working days', dur('P20D')],
    ['within twenty days', dur('P20D')],
    ['innerhalb von zwei Wochen', dur('P2W')],
    ['dans un délai de trois mois', dur('P3M')],
    ['entro trenta giorni', dur('P30D')],
    ['binnen tien werkdagen', dur('P10D')],
    ['within 72h', dur('PT72H')],
    ['within 10 d', dur('P10D')],
    ['within 3-month', dur('P3M')],
    ['within many days', NONE],
    ['without undue delay', NONE],
    ['72小时内', dur('PT72H')],
    ['三十日以内', dur('P30D')],
    ['二个月内', dur('P2M')],
    ['自收到申请之日起十五日内', dur('P15D', '收到申请')],
  ] as const)('%s', (text, expected) => {
    expect(normalizeDeadline(text)).toEqual(expected);
  });
});

describe('triggers', () => {
  it.each([
    ['within 30 days of receipt of the request', 'receipt of the request'],
    ['within 30 days from the date of notification', 'notification'],
    ['within 30 days following the day of the audit; thereafter yearly', 'the audit'],
    ['within 30 days after the transfer, and unless extended', 'the transfer'],
    ['within 30 days, at the latest after the closing', 'the closing'],
    ['dans un délai de 30 jours à compter de la notification', 'notification'],
    ['binnen 30 Tagen nach Eingang', 'Eingang'],
    ['within 30 days', null],
    ['within 30 days from the day of publication', 'publication'],
    ['within 30 days after the filing, or the hearing', 'the filing'],
    ['within 72h after the breach', 'the breach'],
    ['within a fortnight of the vote', 'the vote'],
    ['在收到通知之日起30日内', '收到通知'],
  ] as const)('%s', (text, trigger) => {
    expect(normalizeDeadline(text).trigger).toBe(trigger);
  });

  it('keeps at most 200 characters of a trigger', () => {
    const long = `within 30 days after ${'x'.repeat(300)}`;
    expect(normalizeDeadline(long).trigger).toBe('x'.repeat(200));
  });
});

describe('input and numbers', () => {
  it('empty, blank and null give nothing', () => {
    expect(normalizeDeadline(null)).toEqual(NONE);
    expect(normalizeDeadline('')).toEqual(NONE);
    expect(normalizeDeadline('  \n ')).toEqual(NONE);
  });

  it.each([
    ['十五', 15], ['二十四', 24], ['一百', 100], ['百', 100], ['十', 10], ['三百零五', 305], ['１２', 12], ['42', 42], ['两', 2], ['x', null],
  ] as const)('CJK number %s → %s', (text, n) => {
    expect(parseCjkNumber(text)).toBe(n);
  });
});
