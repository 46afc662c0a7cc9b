import { describe, expect, it } from 'vitest';
import { listStructure, parseListMarker } from '../services/ingest/segments/enumerations.ts';
import { splitSentences } from '../services/ingest/segments/sentences.ts';

/** Sentences with their list roles: [text, role, marker, leadIn, depth]. */
function roles(text: string, locale: string) {
  const spans = splitSentences(text, locale);
  const r = listStructure(text, spans);
  return spans.map((s, i) => [text.slice(s.start, s.end), r[i]!.role, r[i]!.marker, r[i]!.leadIn, r[i]!.depth]);
}

describe('enumerations', () => {
  it('splits an inline list into the lead-in and one sentence per item', () => {
    const text = 'The controller shall comply with the following: (a) keep a record; (b) notify the authority; and (c) inform the data subject. Member States may provide otherwise.';
    expect(roles(text, 'en')).toEqual([
      ['The controller shall comply with the following:', 'lead-in', null, null, 0],
      ['(a) keep a record;', 'item', '(a)', 0, 1],
      ['(b) notify the authority; and', 'item', '(b)', 0, 1],
      ['(c) inform the data subject.', 'item', '(c)', 0, 1],
      ['Member States may provide otherwise.', 'plain', null, null, 0],
    ]);
  });

  it('handles one item per line under a numbered paragraph, with a cross-reference inside an item', () => {
    const text = [
      '1. Personal data shall be:',
      '(a) processed lawfully, fairly and in a transparent manner;',
      '(b) collected for specified purposes; further processing in accordance with Article 89(1) shall not be considered incompatible;',
      '(c) adequate, relevant and limited.',
      '2. The controller shall be responsible for compliance with paragraph 1.',
    ].join('\n');
    expect(roles(text, 'en')).toEqual([
      ['1. Personal data shall be:', 'lead-in', '1.', null, 1],
      ['(a) processed lawfully, fairly and in a transparent manner;', 'item', '(a)', 0, 2],
      ['(b) collected for specified purposes; further processing in accordance with Article 89(1) shall not be considered incompatible;', 'item', '(b)', 0, 2],
      ['(c) adequate, relevant and limited.', 'item', '(c)', 0, 2],
      ['2. The controller shall be responsible for compliance with paragraph 1.', 'plain', '2.', null, 1],
    ]);
  });

  it('nests points: (1) … (a) … and roman (i) after (a), but (i) after (h) is a letter', () => {
    const inline = 'The provider shall: (1) establish a system which includes: (a) a policy; (b) a procedure; (2) keep logs; (3) report incidents.';
    expect(roles(inline, 'en').map((r) => r.slice(1))).toEqual([
      ['lead-in', null, null, 0],
      ['lead-in', '(1)', 0, 1],
      ['item', '(a)', 1, 2],
      ['item', '(b)', 1, 2],
      ['item', '(2)', 0, 1],
      ['item', '(3)', 0, 1],
    ]);
    const lines = ['The operator shall:', '(a) carry out an assessment covering:', '(i) the risks;', '(ii) the measures;', '(b) keep records;', '(h) publish them;', '(i) inform users.'].join('\n');
    expect(roles(lines, 'en').map((r) => r.slice(1))).toEqual([
      ['lead-in', null, null, 0],
      ['lead-in', '(a)', 0, 1],
      ['item', '(i)', 1, 2],
      ['item', '(ii)', 1, 2],
      ['item', '(b)', 0, 1],
      ['item', '(h)', 0, 1],
      ['item', '(i)', 0, 1],
    ]);
  });

  it('does not split cross-references that look like points', () => {
    const text = 'Processing under points (a), (b) and (c) of Article 6(1) is lawful. Consent under point (a), (b), (c), (d) applies.';
    expect(roles(text, 'en').map((r) => r[1])).toEqual(['plain', 'plain']);
  });

  it('splits Chinese, Japanese, Arabic and Russian lists', () => {
    const zh = '个人信息处理者应当采取下列措施：（一）制定内部管理制度；（二）对个人信息实行分类管理；（三）采取加密等安全技术措施。';
    expect(roles(zh, 'zh').map((r) => [r[0], r[1]])).toEqual([
      ['个人信息处理者应当采取下列措施：', 'lead-in'],
      ['（一）制定内部管理制度；', 'item'],
      ['（二）对个人信息实行分类管理；', 'item'],
      ['（三）采取加密等安全技术措施。', 'item'],
    ]);
    const zhComma = '网络运营者应当履行下列义务：\n一、制定内部安全管理制度；\n二、采取技术措施。';
    expect(roles(zhComma, 'zh').map((r) => [r[1], r[2]])).toEqual([
      ['lead-in', null],
      ['item', '一、'],
      ['item', '二、'],
    ]);
    const ja = '個人情報取扱事業者は、次に掲げる場合を除くほか、個人データを第三者に提供してはならない。\n一\u3000法令に基づく場合\n二\u3000人の生命の保護のために必要がある場合';
    expect(roles(ja, 'ja').map((r) => [r[1], r[2], r[3]])).toEqual([
      ['lead-in', null, null],
      ['item', '一', 0],
      ['item', '二', 0],
    ]);
    const ar = 'يلتزم المتحكم بما يلي: أ) حفظ السجلات؛ ب) إبلاغ الجهة المختصة؛ ج) إشعار صاحب البيانات.';
    expect(roles(ar, 'ar').map((r) => [r[0], r[1]])).toEqual([
      ['يلتزم المتحكم بما يلي:', 'lead-in'],
      ['أ) حفظ السجلات؛', 'item'],
      ['ب) إبلاغ الجهة المختصة؛', 'item'],
      ['ج) إشعار صاحب البيانات.', 'item'],
    ]);
    const arLines = 'يلتزم المتحكم بالآتي:\n1- حفظ السجلات.\n2- إبلاغ الجهة المختصة.';
    expect(roles(arLines, 'ar').map((r) => [r[1], r[2]])).toEqual([
      ['lead-in', null],
      ['item', '1-'],
      ['item', '2-'],
    ]);
    const ru = 'Оператор обязан:\n1) принимать меры;\n2) уведомлять уполномоченный орган.';
    expect(roles(ru, 'ru').map((r) => [r[1], r[2]])).toEqual([
      ['lead-in', null],
      ['item', '1)'],
      ['item', '2)'],
    ]);
  });

  it('keeps a multi-sentence item together with its continuation', () => {
    const text = 'The controller shall:\n(a) keep a record. The record shall be in writing;\n(b) notify the authority.';
    expect(roles(text, 'en').map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['The controller shall:', 'lead-in', null, null],
      ['(a) keep a record.', 'item', '(a)', 0],
      ['The record shall be in writing;', 'item', null, 0],
      ['(b) notify the authority.', 'item', '(b)', 0],
    ]);
  });

  it('reads list markers in many scripts', () => {
    expect(parseListMarker('(b) text')?.text).toBe('(b)');
    expect(parseListMarker('（二）内容')?.text).toBe('（二）');
    expect(parseListMarker('ب) نص')?.text).toBe('ب)');
    expect(parseListMarker('(क) पाठ')?.text).toBe('(क)');
    expect(parseListMarker('(β) κείμενο')?.text).toBe('(β)');
    expect(parseListMarker('– item')?.text).toBe('–');
    expect(parseListMarker('A. Smith said')).toBeNull();
    expect(parseListMarker('1.5 metres')).toBeNull();
    expect(parseListMarker('Article 5')).toBeNull();
  });
});
