import { headText } from '../formats/encoding.ts';
import { listZip } from '../formats/zip.ts';
import { EmptyFileError, UnsupportedFileError } from './errors.ts';

export type FileKind = 'pdf' | 'text' | 'image' | 'html' | 'xml' | 'docx';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Tags that start an HTML document or fragment (the WHATWG MIME sniffing list, less "<!--"). */
const HTML_START = /^<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|meta|link)[\s>/]/i;

export interface DetectedFileType {
  kind: FileKind;
  mime: string;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** Acrobat accepts a header anywhere in the first 1024 bytes (mail gateways prepend junk). */
const PDF_HEADER_WINDOW = 1024;
const TEXT_EXTENSIONS = new Set(['txt', 'text', 'md', 'markdown']);
/** Share of C0 control characters above which "valid UTF-8" is still binary (e.g. zero-filled). */
const MAX_CONTROL_SHARE = 0.01;

/** Images the OCR path reads (sharp decodes them); null matches any byte (RIFF size). */
const IMAGE_SIGNATURES: ReadonlyArray<{ magic: Array<number | null>; mime: string }> = [
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], mime: 'image/png' },
  { magic: [0xff, 0xd8, 0xff], mime: 'image/jpeg' },
  { magic: [0x49, 0x49, 0x2a, 0x00], mime: 'image/tiff' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], mime: 'image/tiff' },
  { magic: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50], mime: 'image/webp' },
];

/** Well-known signatures, only to make the rejection message useful. */
const KNOWN_BINARY: ReadonlyArray<{ magic: number[]; what: string }> = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'ZIP container, e.g. DOCX/XLSX/ODT' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'legacy Office document (DOC/XLS)' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'GIF image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'TIFF image' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'TIFF image' },
  { magic: [0x1f, 0x8b], what: 'gzip archive' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'RTF document' },
];

/**
 * Decide how to read an upload. Content wins over the name: a PDF called "x.txt" is a PDF. The
 * name only gates text, because "valid UTF-8" alone also accepts CSV, HTML, source code, etc.,
 * which this pipeline would misread as prose.
 */
export function detectFileType(bytes: Uint8Array, filename: string): DetectedFileType {
  if (bytes.length === 0) throw new EmptyFileError(filename);
  if (hasPdfHeader(bytes)) return { kind: 'pdf', mime: 'application/pdf' };
  const image = IMAGE_SIGNATURES.find((s) => s.magic.every((b, i) => b === null || bytes[i] === b));
  if (image) return { kind: 'image', mime: image.mime };
  const ext = extensionOf(filename);
  if (startsWithAt(bytes, ZIP_MAGIC)) {
    const entries = listZip(bytes);
    if (entries?.some((e) => e.name === 'word/document.xml')) return { kind: 'docx', mime: DOCX_MIME };
    const what = entries ? `ZIP container without word/document.xml, so not a DOCX (${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}); XLSX, ODT and other archives are not read` : null;
    if (what) throw new UnsupportedFileError(`Unsupported file type: ${filename || '(no name)'} (${what})`);
  }
  // Markdown may open with inline HTML (<div align="center">); its line structure is the text's.
  const markup = ext === 'md' || ext === 'markdown' ? null : sniffMarkup(bytes);
  if (markup) return markup;

  const textual = textEncodingOf(bytes);
  if (textual && (ext === '' || TEXT_EXTENSIONS.has(ext))) {
    const base = ext === 'md' || ext === 'markdown' ? 'text/markdown' : 'text/plain';
    return { kind: 'text', mime: `${base}; charset=${textual}` };
  }
  throw new UnsupportedFileError(`Unsupported file type: ${filename || '(no name)'} (${describeBytes(bytes, textual)})`);
}

/**
 * HTML or XML by content: after a BOM, whitespace, comments and processing instructions, a
 * DOCTYPE or the first tag decides. An XML prolog followed by an <html> root is XHTML.
 */
export function sniffMarkup(bytes: Uint8Array): DetectedFileType | null {
  let head = headText(bytes).replace(/^\uFEFF/, '');
  const xmlProlog = /^\s*<\?xml\b/i.test(head);
  for (;;) {
    const next = head.replace(/^\s+/, '').replace(/^<!--[\s\S]*?-->/, '').replace(/^<\?[\s\S]*?\?>/, '');
    if (next === head) break;
    head = next;
  }
  if (!head.startsWith('<')) return null;
  // After an XML prolog only an <html> root (or an html DOCTYPE) makes XHTML: "<a>" is then XML.
  if ((!xmlProlog || /^<(?:!doctype\s+)?html[\s>/]/i.test(head)) && HTML_START.test(head)) return { kind: 'html', mime: xmlProlog ? 'application/xhtml+xml' : 'text/html' };
  const doctype = /^<!DOCTYPE\s+([\w.:-]+)/i.exec(head);
  const root = doctype ? doctype[1]! : /^<([A-Za-z_][\w.:-]*)[\s>/]/.exec(head)?.[1];
  if (!root) return null;
  if (root.toLowerCase() === 'html' || root.toLowerCase().endsWith(':html')) return { kind: 'html', mime: 'application/xhtml+xml' };
  // Without a prolog, only a tag that is closed somewhere reads as XML ("<3 apples" is text).
  if (!xmlProlog && !doctype && !/<\/[A-Za-z_][\w.:-]*\s*>|\/>/.test(head)) return null;
  return { kind: 'xml', mime: 'application/xml' };
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let i = 0; i <= limit; i++) {
    if (startsWithAt(bytes, PDF_MAGIC, i)) return true;
  }
  return false;
}

function startsWithAt(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** The text encoding of `bytes` ('utf-8', 'utf-16le', 'utf-16be'), or null if it is not text. */
export function textEncodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (startsWithAt(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWithAt(bytes, [0xfe, 0xff])) return 'utf-16be';
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return looksLikeText(decoded) ? 'utf-8' : null;
}

function looksLikeText(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = s.match(/[\u0000-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls <= s.length * MAX_CONTROL_SHARE;
}

function describeBytes(bytes: Uint8Array, textual: string | null): string {
  const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const known = KNOWN_BINARY.find((k) => startsWithAt(bytes, k.magic));
  if (known) return `${known.what}; starts with ${head}`;
  if (textual) return 'text, but only .txt and .md are accepted as plain text';
  return `binary data; starts with ${head}`;
}

/**
 * Best-effort MIME type for recording an upload; never throws, because intake accepts every
 * file and leaves rejecting it (with a reason) to the ingest job.
 */
export function sniffMime(bytes: Uint8Array, filename: string): string {
  try {
    return detectFileType(bytes, filename).mime;
  } catch {
    return 'application/octet-stream';
  }
}
