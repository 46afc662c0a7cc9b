import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ExtractedObligation } from '../schemas/obligation.ts';
import { createExtractor, type ExtractorChoice } from '../workers/extract/create-extractor.ts';
import type { Extractor, SegmentInput } from '../workers/extract/extractor.ts';
import { parsePrefilterPolicy } from '../workers/extract/prefilter.ts';
import { useEmbeddedTestContext } from './support/embedded-test-context.ts';
import { tinyQwenModelPath } from './support/tiny-qwen-gguf.ts';

/**
 * The invariant: every stored obligation satisfies documents.text.slice(quote_start, quote_end)
 * === quote, with offsets on code points, after rules, LLM and span-emitting runs over text with
 * CJK, emoji sequences, Devanagari and Arabic.
 */
const DOCUMENT = `Article 1 Duties of the operator
The operator shall notify the “competent” authority 🚢👩‍👩‍👧 within 72 hours.
The operator must not sell the register. This article describes the register.

Article 2 Rights
The authority may inspect the register at any time.

Article 3 Multilingual provisions
网络运营者应当在七十二小时内报告安全事件。个人可以要求删除其个人信息。
नियंत्रक को बहत्तर घंटे के भीतर प्राधिकरण को सूचित करना होगा।
يجب على المتحكم إخطار السلطة خلال اثنتين وسبعين ساعة.
`;

/** An engine that cites every sentence with a span chosen to hit each alignment path. */
function spanEngine(): Extractor {
  const spanFor = (s: string, i: number): string | null => {
    const cps = [...s];
    switch (i % 4) {
      case 0: return cps.slice(2, 12).join(''); // exact, starting mid-sentence
      case 1: return s.toUpperCase().replace(/\s+/g, '  '); // normalised
      case 2: return 'not in the sentence at all'; // fallback
      default: return cps.slice(0, Math.max(1, cps.length - 3)).join('') + '\u{1F6A2}'; // unlikely match: fallback or normalised
    }
  };
  return {
    info: { engine: 'llm', modelName: 'span-engine', modelSha256: 'f'.repeat(64), promptVersion: 'test', params: {} },
    extractSegment(input: SegmentInput) {
      const obligations: ExtractedObligation[] = input.sentences.map((s, i) => ({
        sentenceIds: [i], modality: 'obligation', subject: 's', action: 'a', object: null, condition: null, exceptions: null,
        deadline: null, penalty: null, crossReferences: [], subjectEn: `s${i}`, actionEn: 'a', confidence: 0.5, span: spanFor(s, i),
      }));
      return Promise.resolve({ obligations, promptTokens: 1, completionTokens: 1 });
    },
    close: () => Promise.resolve(),
  };
}

const world = useEmbeddedTestContext();

async function runEngine(choice: ExtractorChoice, marker: string): Promise<string> {
  const doc = await world.extract(choice, DOCUMENT, marker);
  await choice.extractor.close();
  return doc.id;
}

const onCodePoint = (s: string, offset: number) =>
  offset <= 0 || offset >= s.length || !(/[\uD800-\uDBFF]/.test(s[offset - 1]!) && /[\uDC00-\uDFFF]/.test(s[offset]!));

describe('0 ungrounded quotes in the database', () => {
  it('holds for rules, the tiny LLM and a span-emitting engine', async () => {
    await runEngine(await createExtractor(world.env.config, 'rules'), 'rules');
    const model = await tinyQwenModelPath(world.env.dir);
    const llmConfig = { ...world.env.config, model, llmThreads: 1, llmSequences: 2, llmContextSize: 16_384, llmMaxTokens: 512, gpuLayers: 0 as const };
    await runEngine(await createExtractor(llmConfig, 'llm'), 'llm');
    await runEngine({ extractor: spanEngine(), concurrency: 2, documents: 1, notice: null, prefilter: parsePrefilterPolicy('none'), triage: null }, 'spans');

    type Row = { quote: string; quote_start: number; quote_end: number; alignment: string; engine: string; text: string };
    // Both drivers (pg, PGlite) answer execute() with { rows }.
    const result: unknown = await world.ctx.database.db.execute(sql`
      select o.quote, o.quote_start, o.quote_end, o.alignment, o.engine, d.text
      from obligations o join documents d on d.id = o.document_id`);
    const { rows } = result as { rows: Row[] };
    const ungrounded = rows.filter((r) => r.text.slice(r.quote_start, r.quote_end) !== r.quote
      || !onCodePoint(r.text, r.quote_start) || !onCodePoint(r.text, r.quote_end) || !r.quote.trim());
    expect(ungrounded).toEqual([]);
    expect(rows.filter((r) => r.engine === 'rules').length).toBeGreaterThan(3);
    // Compared with the sentences as written above, not with a slice of the stored offsets: a quote
    // cut one character short (or long) fails here even when its offsets agree with it.
    const written = [
      'The operator shall notify the “competent” authority 🚢👩‍👩‍👧 within 72 hours.', 'The operator must not sell the register.',
      'The authority may inspect the register at any time.', '网络运营者应当在七十二小时内报告安全事件。', '个人可以要求删除其个人信息。',
      'नियंत्रक को बहत्तर घंटे के भीतर प्राधिकरण को सूचित करना होगा।', 'يجب على المتحكم إخطار السلطة خلال اثنتين وسبعين ساعة.',
    ];
    for (const r of rows.filter((x) => x.engine === 'rules')) expect(written).toContain(r.quote);
    expect(rows.filter((r) => r.engine === 'llm').length).toBeGreaterThan(8);
    // The span engine reached each alignment outcome, so the check above covered all of them.
    expect(new Set(rows.map((r) => r.alignment))).toEqual(new Set(['sentence', 'exact', 'normalized', 'fallback']));
  });
});
