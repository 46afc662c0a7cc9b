import { z } from 'zod';

/** Opaque keyset cursor over (created_at, id): stable under inserts, unlike OFFSET. */
const CursorShape = z.object({ t: z.string().datetime({ offset: true }), id: z.string().uuid() });

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: row.createdAt.toISOString(), id: row.id })).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const result = CursorShape.safeParse(parsed);
  if (!result.success) throw new InvalidCursorError();
  return { createdAt: new Date(result.data.t), id: result.data.id };
}

export class InvalidCursorError extends Error {
  constructor() {
    super('Invalid cursor: pass the nextCursor value from a previous page unchanged');
  }
}
