import type { Logger } from './logger.ts';

type Writable = Pick<NodeJS.WriteStream, 'write'>;

/**
 * Libraries that print on their own (tesseract's WASM in OCR worker threads, llama.cpp, a
 * dependency's console.warn) would put raw, often multi-line text between the JSON log lines.
 * Under `serve` every such write becomes one JSON record (`component: "stray"`, the text in
 * `output`), so a log shipper sees one parseable record per line. Writes that already are JSON
 * lines pass through untouched. pino itself writes to the file descriptors directly, not through
 * these streams, so its own lines never loop back here. Returns a function that restores the streams.
 */
export function captureStrayOutput(log: Logger, streams: { stdout: Writable; stderr: Writable } = process): () => void {
  const restore: (() => void)[] = [];
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = streams[name];
    const original = stream.write.bind(stream) as (chunk: string | Uint8Array, cb?: (err?: Error | null) => void) => boolean;
    const write = (chunk: string | Uint8Array, encodingOrCb?: BufferEncoding | ((err?: Error | null) => void), cb?: (err?: Error | null) => void): boolean => {
      const done = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const body = text.trimEnd();
      if (/^\{.*\}$/.test(body) && !body.includes('\n')) return original(chunk, done);
      if (body.trim()) {
        const record = { component: 'stray', stream: name, output: body };
        if (name === 'stderr') log.warn(record, 'output from a library');
        else log.info(record, 'output from a library');
      }
      done?.(null);
      return true;
    };
    stream.write = write;
    restore.push(() => { stream.write = original as NodeJS.WriteStream['write']; });
  }
  return () => restore.forEach((r) => r());
}
