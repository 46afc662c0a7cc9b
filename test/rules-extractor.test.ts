import { describe, expect, it } from 'vitest';
import { ExtractedObligation, SegmentExtraction } from '../schemas/obligation.ts';
import type { SegmentInput } from '../workers/extract/extractor.ts';
import { createRulesExtractor, extractObligations } from '../workers/extract/engines/rules/rules-extractor.ts';
import { COVERED_LANGUAGES } from '../workers/extract/engines/rules/triggers.ts';

function segment(language: string | null, sentences: string[]): SegmentInput {
  return { citation: 'Chapter IV > Article 33', heading: null, language, sentences };
}

function only(language: string | null, sentence: string): ExtractedObligation {
  const obs = extractObligations(segment(language, [sentence]));
  expect(obs).toHaveLength(1);
  return ExtractedObligation.parse(obs[0]);
}

const ART33_EN = [
  'In the case of a personal data breach, the controller shall without undue delay and, where feasible, not later than 72 hours after having become aware of it, notify the personal data breach to the supervisory authority competent in accordance with Article 55, unless the personal data breach is unlikely to result in a risk to the rights and freedoms of natural persons.',
  'Where the notification to the supervisory authority is not made within 72 hours, it shall be accompanied by reasons for the delay.',
  'The processor shall notify the controller without undue delay after becoming aware of a personal data breach.',
  'This Article describes the notification.',
  'Where, and in so far as, it is not possible to provide the information at the same time, the information may be provided in phases without undue further delay.',
];

describe('createRulesExtractor', () => {
  it('identifies itself', async () => {
    const ex = createRulesExtractor();
    expect(ex.info).toEqual({
      engine: 'rules',
      modelName: null,
      modelSha256: null,
      promptVersion: 'rules-v2',
      params: { languages: COVERED_LANGUAGES.length },
    });
    await ex.close();
  });

  it('returns one schema-valid obligation per triggering sentence and no tokens', async () => {
    const ex = createRulesExtractor();
    const res = await ex.extractSegment(segment('eng', ART33_EN));
    expect(res.promptTokens).toBe(0);
    expect(res.completionTokens).toBe(0);
    expect(SegmentExtraction.parse({ obligations: res.obligations }).obligations).toHaveLength(4);
    expect(res.obligations.map((o) => o.sentenceIds)).toEqual([[0], [1], [2], [4]]);
    expect(res.obligations.map((o) => o.modality)).toEqual(['obligation', 'obligation', 'obligation', 'permission']);
  });

  it('rejects when the signal is already aborted', async () => {
    const ex = createRulesExtractor();
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(ex.extractSegment(segment('eng', ART33_EN), ac.signal)).rejects.toThrow('stop');
  });

  it('is deterministic', () => {
    const a = extractObligations(segment('eng', ART33_EN));
    const b = extractObligations(segment('eng', ART33_EN));
    expect(a).toEqual(b);
  });
});

describe('fields of an English obligation', () => {
  it('reads GDPR Art. 33(1)', () => {
    const o = only('eng', ART33_EN[0] ?? '');
    expect(o.subject).toBe('the controller');
    expect(o.action.startsWith('notify the personal data breach to the supervisory authority')).toBe(true);
    expect(o.condition).toBe('In the case of a personal data breach');
    expect(o.exceptions?.startsWith('unless the personal data breach is unlikely')).toBe(true);
    expect(o.deadline).toBe('not later than 72 hours after having become aware of it');
    expect(o.crossReferences).toEqual(['Article 55']);
    expect(o.penalty).toBeNull();
    expect(o.subjectEn).toBe(o.subject);
    expect(o.actionEn).toBe(o.action);
    expect(o.confidence).toBeGreaterThanOrEqual(0.5);
    expect(o.confidence).toBeLessThanOrEqual(0.7);
  });

  it('resolves a pronoun subject after a fronted condition to the last actor of the segment', () => {
    const [, o] = extractObligations(segment('eng', ART33_EN.slice(0, 2))).map((x) => ExtractedObligation.parse(x));
    expect(o?.subject).toBe('the controller');
    expect(only('eng', ART33_EN[1] ?? '').subject).toBe('unspecified');
    if (!o) throw new Error('no obligation');
    expect(o.condition).toBe('Where the notification to the supervisory authority is not made within 72 hours');
    expect(o.deadline).toBe('within 72 hours');
  });

  it('detects penalties and several cross-references', () => {
    const o = only(
      'eng',
      'A person who contravenes section 12(3) or Article 6(1)(a) shall be liable on summary conviction to a fine not exceeding level 5 on the standard scale.',
    );
    expect(o.penalty).toMatch(/^liable on summary conviction to a fine/u);
    expect(o.crossReferences).toEqual(expect.arrayContaining(['section 12(3)', 'Article 6(1)(a)']));
  });

  it('never leaves the subject empty', () => {
    const o = only('eng', 'Shall be notified without delay.');
    expect(o.subject.length).toBeGreaterThan(0);
  });

  it('labels precedence cases', () => {
    expect(only('eng', 'The processor shall not engage another processor.').modality).toBe('prohibition');
    expect(only('eng', 'A court may not make the order.').modality).toBe('prohibition');
    expect(extractObligations(segment('eng', ['The Regulation applies from 25 May 2018.']))).toEqual([]);
  });
});

describe('other languages', () => {
  it('German: inverted subject and deadline', () => {
    const o = only(
      'deu',
      'Wenn und soweit die Informationen nicht zur gleichen Zeit bereitgestellt werden können, kann der Verantwortliche diese Informationen ohne unangemessene weitere Verzögerung schrittweise zur Verfügung stellen.',
    );
    expect(o.modality).toBe('permission');
    expect(o.subject).toBe('der Verantwortliche');
    expect(o.action.startsWith('diese Informationen')).toBe(true);
    expect(o.condition?.startsWith('Wenn und soweit')).toBe(true);
  });

  it('French: obligation with deadline', () => {
    const o = only('fra', "Le responsable du traitement doit notifier la violation dans un délai de 72 heures à compter de la prise de connaissance.");
    expect(o.subject).toBe('Le responsable du traitement');
    expect(o.deadline).toMatch(/^dans un délai de 72 heures/u);
  });

  it('Spanish: prohibition with plazo', () => {
    const o = only('spa', 'El encargado no podrá recurrir a otro encargado en un plazo de 72 horas.');
    expect(o.modality).toBe('prohibition');
    expect(o.subject).toBe('El encargado');
    expect(o.deadline).toBe('en un plazo de 72 horas');
  });

  it('Chinese: subject before 应当, 的-condition and 日内 deadline', () => {
    const o = only('cmn', '个人信息处理者发现个人信息泄露的，应当自发现之日起七十二小时内通知履行个人信息保护职责的部门，但是法律另有规定的除外。');
    expect(o.modality).toBe('obligation');
    expect(o.condition).toBe('个人信息处理者发现个人信息泄露的');
    expect(o.deadline).toContain('七十二小时内');
    expect(o.exceptions?.startsWith('但是')).toBe(true);
  });

  it('Chinese: 第N条 cross-reference', () => {
    const o = only('cmn', '个人信息处理者应当依照本法第十三条第一款规定取得个人同意。');
    expect(o.subject).toBe('个人信息处理者');
    expect(o.crossReferences).toEqual(['第十三条第一款']);
  });

  it('Japanese: topic-marked subject', () => {
    const o = only('jpn', '個人情報取扱事業者は、個人データの漏えいが生じたときは、個人情報保護委員会に報告しなければならない。');
    expect(o.modality).toBe('obligation');
    expect(o.subject).toBe('個人情報取扱事業者');
    expect(o.condition).toContain('ときは');
  });

  it('Arabic: addressee inside على … أن', () => {
    const o = only('ara', 'يجب على جهة التحكم أن تشعر الجهة المختصة خلال 72 ساعة من علمها بالحادثة.');
    expect(o.modality).toBe('obligation');
    expect(o.subject).toBe('جهة التحكم');
    expect(o.deadline).toMatch(/^خلال 72 ساعة/u);
  });

  it('Russian: subject and penalty', () => {
    const o = only('rus', 'Оператор обязан уведомить уполномоченный орган в течение трех рабочих дней.');
    expect(o.subject).toBe('Оператор');
    expect(o.deadline).toBe('в течение трех рабочих дней');
  });

  it('unknown language falls back on script', () => {
    const o = only(null, 'Обработка персональных данных запрещается.');
    expect(o.modality).toBe('prohibition');
  });
});

describe('volume and adversarial input', () => {
  // Speed is measured by `npm run bench`, not asserted here. A trigger regex that backtracks
  // catastrophically would blow the test timeout on these inputs instead.
  it('reads 4,000 sentences and gives the same answer for each repetition', () => {
    const sentences = Array.from({ length: 4000 }, (_, i) => `${ART33_EN[i % ART33_EN.length] ?? ''} (${i})`);
    const perCopy = extractObligations(segment('eng', ART33_EN)).length;
    let total = 0;
    for (let i = 0; i < sentences.length; i += 20) total += extractObligations(segment('eng', sentences.slice(i, i + 20))).length;
    expect(perCopy).toBeGreaterThan(0);
    expect(total).toBe((sentences.length / ART33_EN.length) * perCopy);
  });

  it('survives sentences built to make regexes backtrack', () => {
    const nasty = [
      `${'shall '.repeat(2000)}x`, `${'must not, '.repeat(1000)}`, `${'a'.repeat(20_000)} shall`, `${', '.repeat(5000)}may`,
      `The operator shall ${'(a) '.repeat(3000)}notify.`,
    ];
    const found = extractObligations(segment('eng', nasty));
    expect(found.every((o) => o.sentenceIds.every((id) => id >= 0 && id < nasty.length))).toBe(true);
  });
});
