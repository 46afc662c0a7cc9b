import { UnsupportedFileError } from '../intake/errors.ts';

/** How the bytes of an HTML or XML document were decoded, and why. */
export interface DecodedMarkup {
  text: string;
  encoding: string;
  reason: string;
}

/** How far into the file a charset declaration is looked for (HTML's prescan uses 1024 bytes). */
const PRESCAN_BYTES = 4096;

/** The encoding a byte-order mark states, with the mark's length. */
export function bomEncoding(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** The first bytes as text, for sniffing: UTF-16 when a BOM says so, else byte = char. */
export function headText(bytes: Uint8Array, limit = PRESCAN_BYTES): string {
  const bom = bomEncoding(bytes);
  const head = bytes.subarray(0, limit);
  if (bom && bom.encoding !== 'utf-8') return new TextDecoder(bom.encoding).decode(head);
  return new TextDecoder('latin1').decode(head).replace(/^\u00ef\u00bb\u00bf/, '');
}

/** A charset label stated in the first bytes: XML declaration, `<meta charset>` or http-equiv. */
export function declaredCharset(head: string, kind: 'html' | 'xml'): { label: string; where: string } | null {
  const xmlDecl = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (kind === 'xml') return xmlDecl ? { label: xmlDecl[1]!, where: 'XML declaration' } : null;
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(head);
  if (meta) return { label: meta[1]!, where: /http-equiv/i.test(meta[0]) ? 'http-equiv' : '<meta charset>' };
  const httpEquiv = /<meta\b[^>]*?\bcontent\s*=\s*["'][^"']*?charset\s*=\s*([^"'\s;]+)/i.exec(head);
  if (httpEquiv) return { label: httpEquiv[1]!, where: 'http-equiv' };
  return xmlDecl ? { label: xmlDecl[1]!, where: 'XML declaration' } : null;
}

function canonical(label: string): string | null {
  try {
    return new TextDecoder(label.trim().toLowerCase()).encoding;
  } catch {
    return null;
  }
}

/**
 * WHATWG windows-1252 for 0x80–0x9F (the rest is Latin-1). Node 20's TextDecoder decodes the
 * label 'windows-1252' (and 'iso-8859-1', which WHATWG aliases to it) as plain Latin-1:
 * measured, byte 0x80 comes back as U+0080 instead of "€", 0x93 as U+0093 instead of "“".
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

function decodeStrict(bytes: Uint8Array, encoding: string): string | null {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decode HTML or XML bytes. Order: byte-order mark; bytes that are valid UTF-8 and contain
 * non-ASCII (such bytes are UTF-8 whatever a stale declaration says: a windows-1252 text forms
 * valid multi-byte UTF-8 sequences almost never); the declared charset; UTF-8 for XML (its
 * default); windows-1252 for undeclared non-UTF-8 HTML (the WHATWG fallback for legacy pages).
 * Decoding is strict: bytes invalid in the chosen encoding are an input error, never U+FFFD,
 * because an invented replacement character would end up in evidence quotes. (windows-1252 maps
 * every byte, so the legacy fallback cannot fail.)
 */
export function decodeMarkup(bytes: Uint8Array, kind: 'html' | 'xml', filename: string): DecodedMarkup {
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = decodeStrict(bytes.subarray(bom.length), bom.encoding);
    if (text === null) throw new UnsupportedFileError(`${filename}: invalid ${bom.encoding.toUpperCase()} after its byte-order mark`);
    return { text, encoding: bom.encoding, reason: `${bom.encoding} (byte-order mark)` };
  }
  const declared = declaredCharset(headText(bytes), kind);
  const declaredEncoding = declared ? canonical(declared.label) : null;
  const utf8 = decodeStrict(bytes, 'utf-8');
  // eslint-disable-next-line no-control-regex -- ASCII range test
  const hasNonAscii = utf8 !== null && /[^\u0000-\u007f]/.test(utf8);
  if (utf8 !== null && (hasNonAscii || !declaredEncoding || declaredEncoding === 'utf-8')) {
    const note = declared && declaredEncoding !== 'utf-8' ? `; declared ${declared.label} in ${declared.where}, but the bytes are UTF-8` : declared ? ` (${declared.where})` : '';
    return { text: utf8, encoding: 'utf-8', reason: `utf-8${note}` };
  }
  // A page may not declare itself UTF-16 in a meta tag (only a BOM can say so); such a label means UTF-8.
  if (declaredEncoding && !declaredEncoding.startsWith('utf-16') && declaredEncoding !== 'utf-8') {
    const text = decodeStrict(bytes, declaredEncoding);
    if (text === null) throw new UnsupportedFileError(`${filename}: bytes are not valid ${declaredEncoding} as declared in ${declared!.where}`);
    return { text, encoding: declaredEncoding, reason: `${declaredEncoding} (${declared!.where})` };
  }
  if (kind === 'xml') {
    const why = declared ? `declared ${declared.label} in ${declared.where}` : 'no encoding declared, so UTF-8';
    throw new UnsupportedFileError(`${filename}: XML is not valid UTF-8 (${why})`);
  }
  const text = decodeWindows1252(bytes);
  const why = declared ? `declared ${declared.label}, but the bytes are not valid UTF-8` : 'no charset declared and not valid UTF-8';
  return { text, encoding: 'windows-1252', reason: `windows-1252 (sniffed: ${why})` };
}
