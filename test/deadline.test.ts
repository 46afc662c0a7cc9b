import { describe, expect, it } from 'vitest';
import { NormalizedDeadline } from '../schemas/obligation.ts';
import { normalizeDeadline, parseCjkNumber } from '../workers/extract/deadline.ts';

const cases: [input: string | null, iso: string | null, kind: 'date' | 'duration' | null, trigger: string | null][] = [
  // explicit dates
  ['no later than 31 January 2025', '2025-01-31', 'date', null],
  ['by 2025-01-31', '2025-01-31', 'date', null],
  ['January 31, 2025', '2025-01-31', 'date', null],
  ['before 31.01.2025', '2025-01-31', 'date', null],
  ['2025年1月31日まで', '2025-01-31', 'date', null],
  ['au plus tard le 1er janvier 2025', '2025-01-01', 'date', null],
  ['spätestens bis zum 31. Januar 2025', '2025-01-31', 'date', null],
  ['antes del 31 de enero de 2025', '2025-01-31', 'date', null],
  ['from 25 May 2018', '2018-05-25', 'date', null],
  ['on 31 February 2025', null, null, null],
  // relative periods
  ['within 72 hours after becoming aware', 'PT72H', 'duration', 'becoming aware'],
  ['within one month of receipt of the request', 'P1M', 'duration', 'receipt of the request'],
  ['not later than 30 days', 'P30D', 'duration', null],
  ['within 15 working days', 'P15D', 'duration', null],
  ['within three months', 'P3M', 'duration', null],
  ['within twenty-one days of the notice', 'P21D', 'duration', 'the notice'],
  ['not later than 72 hours after having become aware of it', 'PT72H', 'duration', 'having become aware of it'],
  ['within a period of two weeks', 'P2W', 'duration', null],
  ['within 5 years', 'P5Y', 'duration', null],
  ['within a fortnight', 'P2W', 'duration', null],
  ['dans un délai de 72 heures', 'PT72H', 'duration', null],
  ["dans un délai d'un mois à compter de la réception de la demande", 'P1M', 'duration', 'réception de la demande'],
  ['72 heures au plus tard après en avoir pris connaissance', 'PT72H', 'duration', 'en avoir pris connaissance'],
  ['innerhalb von 72 Stunden', 'PT72H', 'duration', null],
  ['binnen 72 Stunden, nachdem ihm die Verletzung bekannt wurde', 'PT72H', 'duration', 'ihm die Verletzung bekannt wurde'],
  ['innerhalb eines Monats', 'P1M', 'duration', null],
  ['en un plazo de 72 horas', 'PT72H', 'duration', null],
  ['en el plazo de un mes a partir de la recepción de la solicitud', 'P1M', 'duration', 'la recepción de la solicitud'],
  ['entro 30 giorni', 'P30D', 'duration', null],
  ['72小时内', 'PT72H', 'duration', null],
  ['自收到申请之日起十五个工作日内', 'P15D', 'duration', '收到申请'],
  ['一个月内', 'P1M', 'duration', null],
  ['30日以内', 'P30D', 'duration', null],
  // vague or empty
  ['without undue delay', null, null, null],
  ['', null, null, null],
  [null, null, null, null],
];

describe('normalizeDeadline', () => {
  it.each(cases)('%s', (input, iso, kind, trigger) => {
    const d = normalizeDeadline(input);
    expect(NormalizedDeadline.parse(d)).toEqual(d);
    expect(d).toEqual({ iso, kind, trigger });
  });
});

describe('parseCjkNumber', () => {
  it.each([
    ['十五', 15],
    ['三十', 30],
    ['二十四', 24],
    ['一百零五', 105],
    ['７２', 72],
    ['7', 7],
  ] as const)('%s', (s, n) => {
    expect(parseCjkNumber(s)).toBe(n);
  });
});
