import type { DocumentProgressEvent } from '../../../schemas/api.ts';
import { TERMINAL_DOCUMENT_STATUSES } from '../../../schemas/tables.ts';
import type { DocumentFeed, DocumentProgressRow, FeedListener } from '../../storage/document-feed.ts';

/** done, partial, failed: a stream ends once every document it follows reached one of them. */
const TERMINAL = new Set<string>(TERMINAL_DOCUMENT_STATUSES);

/** Changes arriving within this window are read with one query (a worker writes progress per segment). */
const COALESCE_MS = 100;
/** Every open stream's documents are re-read this often anyway: a safety net for a missed notification. */
const RESYNC_MS = 30_000;
/** A comment line this often keeps proxies from timing a quiet stream out. */
const KEEPALIVE_MS = 15_000;

export interface EventSink {
  write(chunk: string): void;
  end(): void;
}

interface Stream {
  tenantId: string;
  ids: readonly string[];
  last: Map<string, string>;
  sink: EventSink;
  ended: boolean;
}

export interface HubDeps {
  /** Opens the change feed (once, at the first stream). */
  openFeed(listener: FeedListener): Promise<DocumentFeed>;
  read(ids: readonly string[]): Promise<DocumentProgressRow[]>;
}

function toEvent(d: DocumentProgressRow): DocumentProgressEvent {
  return {
    id: d.id, status: d.status, error: d.error, pageCount: d.pageCount,
    progress: { done: d.segmentsDone, total: d.segmentsTotal }, segmentsFailed: d.segmentsFailed,
  };
}

/**
 * Fan-out of one change feed to every open event stream of this process: a change to a document
 * is read once (batched with the others of the same 100 ms) and written to each stream that
 * follows it. With 100 streams × 200 ids the database sees a handful of queries per second, not
 * one query per id per stream every 400 ms as before.
 */
export class DocumentEventsHub {
  private readonly streams = new Set<Stream>();
  private readonly followers = new Map<string, Set<Stream>>();
  private readonly dirty = new Set<string>();
  private feed: Promise<DocumentFeed> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private resyncTimer: NodeJS.Timeout | null = null;
  private keepaliveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: HubDeps) {}

  /** Follows `ids` for `tenantId`; the first events (current state) are written before it resolves. */
  async open(tenantId: string, ids: readonly string[], sink: EventSink): Promise<() => void> {
    const stream: Stream = { tenantId, ids, last: new Map(), sink, ended: false };
    this.streams.add(stream);
    for (const id of ids) {
      let set = this.followers.get(id);
      if (!set) this.followers.set(id, (set = new Set()));
      set.add(stream);
    }
    this.startTimers();
    try {
      // Listen before the first read, so no change between the two is missed.
      this.feed ??= this.deps.openFeed((id) => this.changed(id));
      await this.feed;
      this.deliver(await this.deps.read(ids), ids, [stream]);
    } catch (error) {
      this.remove(stream);
      throw error;
    }
    return () => this.remove(stream);
  }

  /** Ends every stream (server closing) and the feed. */
  async close(): Promise<void> {
    for (const stream of [...this.streams]) this.finish(stream, false);
    this.stopTimers();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    const feed = this.feed;
    this.feed = null;
    if (feed) await (await feed.catch(() => null))?.close();
  }

  get openStreams(): number {
    return this.streams.size;
  }

  private changed(id: string | null): void {
    if (id === null) {
      for (const followed of this.followers.keys()) this.dirty.add(followed);
    } else if (this.followers.has(id)) {
      this.dirty.add(id);
    } else {
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      this.flushing = this.flushing.then(() => this.flush());
    }, COALESCE_MS);
  }

  private async flush(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      // A failed read (database blip) is retried by the next change or the periodic resync.
      const rows = await this.deps.read(chunk).catch(() => null);
      if (!rows) continue;
      const streams = new Set(chunk.flatMap((id) => [...(this.followers.get(id) ?? [])]));
      this.deliver(rows, chunk, [...streams]);
    }
  }

  private deliver(rows: readonly DocumentProgressRow[], ids: readonly string[], streams: readonly Stream[]): void {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const stream of streams) {
      if (stream.ended) continue;
      for (const id of ids) {
        if (!stream.ids.includes(id)) continue;
        const row = byId.get(id);
        // Another tenant's document is answered exactly like a missing one.
        const mine = row && row.tenantId === stream.tenantId ? row : undefined;
        const event = mine ? JSON.stringify(toEvent(mine)) : JSON.stringify({ id, missing: true });
        if (stream.last.get(id) === event) continue;
        stream.last.set(id, event);
        stream.sink.write(`event: ${mine ? 'progress' : 'missing'}\ndata: ${event}\n\n`);
      }
      if (this.settled(stream)) this.finish(stream, true);
    }
  }

  /** Every followed document has reached a terminal status or is missing. */
  private settled(stream: Stream): boolean {
    if (stream.last.size < stream.ids.length) return false;
    for (const event of stream.last.values()) {
      const parsed = JSON.parse(event) as { missing?: boolean; status?: string };
      if (!parsed.missing && !TERMINAL.has(parsed.status ?? '')) return false;
    }
    return true;
  }

  private finish(stream: Stream, complete: boolean): void {
    if (stream.ended) return;
    stream.ended = true;
    if (complete) stream.sink.write('event: end\ndata: {}\n\n');
    stream.sink.end();
    this.remove(stream);
  }

  private remove(stream: Stream): void {
    stream.ended = true;
    this.streams.delete(stream);
    for (const id of stream.ids) {
      const set = this.followers.get(id);
      set?.delete(stream);
      if (set && !set.size) this.followers.delete(id);
    }
    if (!this.streams.size) this.stopTimers();
  }

  private startTimers(): void {
    this.resyncTimer ??= setInterval(() => this.changed(null), RESYNC_MS).unref();
    this.keepaliveTimer ??= setInterval(() => {
      for (const stream of this.streams) stream.sink.write(': keep-alive\n\n');
    }, KEEPALIVE_MS).unref();
  }

  private stopTimers(): void {
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.resyncTimer = null;
    this.keepaliveTimer = null;
  }
}
