import { describe, expect, it } from 'vitest';
import { assemble, type RawPage } from '../services/ingest/extract-text.ts';
import { joinPages, pageJoin, removeRepeatedLines } from '../services/ingest/text/normalize.ts';
import { documentTextProblems } from '../services/ingest/text/invariants.ts';

const page = (text: string): RawPage => ({ text, source: 'text_layer', reason: 'test' });
const allSentences = (doc: ReturnType<typeof assemble>) => doc.segments.flatMap((s) => s.sentences.map((t) => doc.text.slice(t.start, t.end)));

describe('sentences across page breaks', () => {
  it('joins a sentence cut by a page break, so its quote starts at the real start', () => {
    const doc = assemble(
      [
        page('Article 33\nNotification\n1. In the case of a personal data breach, the controller shall without undue delay and, where feasible,'),
        page('not later than 72 hours after having become aware of it, notify the supervisory authority.\n2. The processor shall notify the controller.'),
      ],
      'en',
    );
    expect(documentTextProblems(doc)).toEqual([]);
    expect(allSentences(doc)).toContain(
      '1. In the case of a personal data breach, the controller shall without undue delay and, where feasible,\nnot later than 72 hours after having become aware of it, notify the supervisory authority.',
    );
    expect(doc.pages[1]!.start).toBe(doc.pages[0]!.end + 1);
  });

  it('joins a word hyphenated across the page break', () => {
    const doc = assemble([page('Article 1\nThe controller shall keep the documen-'), page('tation for five years.')], 'en');
    expect(documentTextProblems(doc)).toEqual([]);
    expect(allSentences(doc)).toEqual(['The controller shall keep the documentation for five years.']);
  });

  it('moves a footnote at the foot of the page out of the running sentence', () => {
    const { text, spans } = joinPages([
      'Member States shall apply Directive 2015/1535 (1) to all operators which provide services in the territory\n(1) OJ L 241, 17.9.2015, p. 1.',
      'of the Union from 1 January 2026.',
    ]);
    expect(spans).toHaveLength(2);
    expect(text).toBe(
      'Member States shall apply Directive 2015/1535 (1) to all operators which provide services in the territory\nof the Union from 1 January 2026.\n(1) OJ L 241, 17.9.2015, p. 1.',
    );
  });

  it('keeps a blank line where the page ends a sentence, a heading or a short line', () => {
    expect(pageJoin('The controller shall notify the authority.', 'The processor shall assist.')).toBe('\n\n');
    expect(pageJoin('Article 5', 'Principles')).toBe('\n\n');
    expect(pageJoin('Providers shall comply with the following:', '(a) keep records;')).toBe('\n\n');
    expect(pageJoin('Short line', 'Next Page Title')).toBe('\n\n');
    expect(pageJoin('A long line that wraps in the middle of a running sentence about', 'Member States and their duties.')).toBe('\n');
    expect(pageJoin('个人信息处理者应当采取必要措施保障所处理的个人信息的安全，防止未经授权的访问以及', '个人信息泄露、篡改、丢失。')).toBe('\n');
  });
});

describe('page furniture', () => {
  it("removes the Official Journal's running heads on facing pages", () => {
    const pages = [1, 2, 3, 4, 5, 6].map((n) => {
      const head = n % 2 === 0 ? `L 119/${n}\tEN\tOfficial Journal of the European Union\t4.5.2016` : `4.5.2016\tEN\tOfficial Journal of the European Union\tL 119/${n}`;
      return `${head}\nArticle ${n}\nOperators shall keep record number ${n * 7}.`;
    });
    const cleaned = removeRepeatedLines(pages);
    for (const p of cleaned) expect(p).not.toContain('Official Journal');
    expect(cleaned[2]).toContain('Article 3');
  });
});
