import { Inflate, unzipSync } from 'fflate';
import { CorruptMarkupError, DEFAULT_MARKUP_LIMITS, MarkupLimitError, type MarkupLimits } from './limits.ts';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  size: number;
  compression: number;
}

/**
 * The entries of a ZIP archive, from its central directory, without inflating anything
 * (fflate's filter sees each entry and we keep none). Null when the bytes are not a readable ZIP.
 */
export function listZip(bytes: Uint8Array, maxEntries = DEFAULT_MARKUP_LIMITS.zip.maxEntries): ZipEntryInfo[] | null {
  const out: ZipEntryInfo[] = [];
  try {
    unzipSync(bytes, {
      filter(f) {
        if (out.length >= maxEntries) throw new MarkupLimitError(`ZIP archive has more than ${maxEntries} entries`);
        out.push({ name: f.name, compressedSize: f.size, size: f.originalSize, compression: f.compression });
        return false;
      },
    });
  } catch (error) {
    if (error instanceof MarkupLimitError) throw error;
    return null;
  }
  return out;
}

/**
 * Read named entries, inflating each in 64 KiB steps and stopping as soon as its output passes
 * the limit, so a bomb whose header understates its size costs at most one step beyond the
 * limit. (fflate's unzipSync trusts the declared size for its buffer and inflates the whole
 * stream; measured: 200 MB of zeros, 0.2 MB compressed, still take 0.7 s with a 1 kB buffer.)
 */
export function readZipEntries(bytes: Uint8Array, names: ReadonlySet<string>, what: string, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): Map<string, Uint8Array> {
  const raw: Record<string, Uint8Array> = {};
  const meta = new Map<string, ZipEntryInfo>();
  try {
    let count = 0;
    Object.assign(
      raw,
      unzipSync(bytes, {
        filter(f) {
          if (++count > limits.zip.maxEntries) throw new MarkupLimitError(`${what} has more than ${limits.zip.maxEntries} ZIP entries`);
          if (!names.has(f.name)) return false;
          if (f.originalSize > limits.zip.maxPartBytes) throw new MarkupLimitError(`${what}: ${f.name} inflates to ${f.originalSize} bytes; the limit is ${limits.zip.maxPartBytes}`);
          if (f.size > 0 && f.originalSize / f.size > limits.zip.maxRatio) {
            throw new MarkupLimitError(`${what}: ${f.name} declares a compression ratio of ${Math.round(f.originalSize / f.size)}:1 (zip bomb guard, limit ${limits.zip.maxRatio}:1)`);
          }
          meta.set(f.name, { name: f.name, compressedSize: f.size, size: f.originalSize, compression: f.compression });
          // Stored entries are copied by fflate; deflated ones are inflated below, bounded.
          if (f.compression === 0) return true;
          if (f.compression !== 8) throw new CorruptMarkupError(what, `${f.name} uses ZIP compression method ${f.compression}`);
          return false;
        },
      }),
    );
  } catch (error) {
    if (error instanceof MarkupLimitError || error instanceof CorruptMarkupError) throw error;
    throw new CorruptMarkupError(what, 'not a readable ZIP archive', { cause: error });
  }
  const out = new Map<string, Uint8Array>(Object.entries(raw));
  for (const [name, info] of meta) {
    if (info.compression !== 8) continue;
    out.set(name, inflateBounded(compressedData(bytes, name), limits.zip.maxPartBytes, `${what}: ${name}`));
  }
  return out;
}

/** The compressed bytes of one entry, located through its local header (fflate keeps none for us). */
function compressedData(bytes: Uint8Array, name: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const want = new TextEncoder().encode(name);
  // Central directory: find the entry's record to get the local header offset and sizes.
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new CorruptMarkupError('ZIP', 'no end of central directory');
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let i = 0; i < entries && p + 46 <= bytes.length; i++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    const csize = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const entryName = bytes.subarray(p + 46, p + 46 + nameLen);
    if (entryName.length === want.length && entryName.every((v, k) => v === want[k])) {
      if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new CorruptMarkupError('ZIP', `bad local header for ${name}`);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      return bytes.subarray(start, Math.min(bytes.length, start + csize));
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new CorruptMarkupError('ZIP', `${name} not found`);
}

function inflateBounded(data: Uint8Array, limit: number, what: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new MarkupLimitError(`${what} inflates beyond ${limit} bytes (zip bomb guard)`);
    chunks.push(chunk);
  });
  const STEP = 64 * 1024;
  try {
    for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof MarkupLimitError) throw error;
    throw new CorruptMarkupError(what, 'corrupt deflate data', { cause: error });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
