import { UnsupportedFileError } from '../intake/errors.ts';
import { textEncodingOf } from '../intake/file-type.ts';

/**
 * Decode a plain-text upload. Decoding is fatal on bad sequences: silently inserting U+FFFD
 * would put characters into evidence quotes that are not in the document.
 */
export function decodePlainText(bytes: Uint8Array, filename: string): string {
  const encoding = textEncodingOf(bytes);
  if (!encoding) throw new UnsupportedFileError(`Unsupported file type: ${filename} (not valid UTF-8 or UTF-16 text)`);
  try {
    // TextDecoder drops the BOM for all three encodings (ignoreBOM defaults to false).
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new UnsupportedFileError(`Unsupported file type: ${filename} (invalid ${encoding.toUpperCase()} text)`);
  }
}
