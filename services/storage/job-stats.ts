import { sql } from 'drizzle-orm';
import { queryRows, type Db } from './database.ts';

export interface RunTokens { engine: string; promptTokens: number; completionTokens: number; durationMs: number }

/** What a finished job produced, read back for the metrics (workers stay unaware of them). */
export class JobStatsRepository {
  constructor(private readonly db: Db) {}

  async ocrPages(tenantId: string, documentId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(this.db, sql`
      select count(*)::int as n from pages where tenant_id = ${tenantId} and document_id = ${documentId} and source = 'ocr'`);
    return row?.n ?? 0;
  }

  /** Tokens and time of the document's current extraction run; undefined before one finished. */
  async currentRun(tenantId: string, documentId: string): Promise<RunTokens | undefined> {
    const [row] = await queryRows<{ engine: string; prompt_tokens: number; completion_tokens: number; duration_ms: number }>(this.db, sql`
      select r.engine, r.prompt_tokens, r.completion_tokens, r.duration_ms
      from documents d join extraction_runs r on r.id = d.current_run_id
      where d.tenant_id = ${tenantId} and d.id = ${documentId}`);
    return row ? { engine: row.engine, promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens, durationMs: row.duration_ms } : undefined;
  }

  /** The error-catalogue code recorded on a failed document (null: none recorded). */
  async errorCode(tenantId: string, documentId: string): Promise<string | null> {
    const [row] = await queryRows<{ error_code: string | null }>(this.db, sql`
      select error_code from documents where tenant_id = ${tenantId} and id = ${documentId}`);
    return row?.error_code ?? null;
  }
}
