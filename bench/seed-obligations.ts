import { sql } from 'drizzle-orm';
import type { Database } from '../services/storage/database.ts';

/**
 * The API benchmarks' data, seeded straight into Postgres with generate_series (the pipeline is
 * not what they measure): `rows` obligations in documents of `perDoc`, a fifth of them with a
 * dated deadline, then ANALYZE so the planner sees the real sizes.
 */
export async function seedObligations(db: Database['db'], rows: number, perDoc: number): Promise<void> {
  await db.execute(sql`insert into documents (id, sha256, filename, mime, size_bytes, status, language, series, page_count, text)
    select ('00000000-0000-4000-8000-' || lpad(d::text, 12, '0'))::uuid, md5(d::text), 'reg-' || d || '.pdf', 'application/pdf', 1000, 'done',
      case when d % 3 = 0 then 'fra' else 'eng' end, 'SERIES-' || (d % 10), 40, repeat('x', 1000)
    from generate_series(1, ${rows / perDoc}) d`);
  await db.execute(sql`insert into segments (document_id, ordinal, citation, text, start, "end", page_start, page_end, sentences)
    select id, 0, 'Article 1', 'x', 0, 1, 1, 1, '[]'::jsonb from documents`);
  await db.execute(sql`insert into extraction_runs (document_id, run_key, engine, prompt_version, params, status)
    select id, 'bench', 'rules', 'v1', '{}'::jsonb, 'done' from documents`);
  await db.execute(sql`insert into obligations (document_id, run_id, segment_id, ordinal, engine, modality, subject, action, citation,
      cross_references, quote, quote_start, quote_end, sentence_ids, page, language, confidence, deadline_text, deadline_iso, created_at)
    select r.document_id, r.id, s.id, g, 'rules', (array['obligation','prohibition','permission','exemption'])[1 + g % 4]::modality,
      'The operator ' || (g % 97), 'keep a register of vessels and report incident ' || g, 'Article ' || (g % 50),
      '[]'::jsonb, 'The operator shall keep a register of vessels and report incident number ' || g || '.', 0, 10, '[0]'::jsonb,
      1 + g % 40, 'eng', 0.5 + (g % 50) / 100.0,
      case when g % 5 = 0 then 'by ' || g end, case when g % 5 = 0 then to_char(date '2026-01-01' + (g % 700), 'YYYY-MM-DD') end,
      now() - (g || ' seconds')::interval
    from extraction_runs r join segments s on s.document_id = r.document_id, generate_series(1, ${perDoc}) g`);
  await db.execute(sql`analyze`);
}
