import { z } from 'zod';

/**
 * Opaque keyset cursors: base64url JSON validated by a schema on the way back in, so a tampered
 * or stale cursor is a 400, not a query error. Keyset (not OFFSET) stays stable under inserts.
 */
export function encodeJsonCursor(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeJsonCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new InvalidCursorError();
  return result.data;
}

/** The documents list's cursor over (created_at, id). */
const CreatedCursor = z.object({ t: z.string().datetime({ offset: true }), id: z.string().uuid() });

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return encodeJsonCursor({ t: row.createdAt.toISOString(), id: row.id });
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const { t, id } = decodeJsonCursor(cursor, CreatedCursor);
  return { createdAt: new Date(t), id };
}

export class InvalidCursorError extends Error {
  constructor() {
    super('Invalid cursor: pass the nextCursor value from a previous page unchanged');
  }
}
