import sharp from 'sharp';
import { CorruptImageError, DocumentTooLargeError } from '../intake/errors.ts';

/**
 * Uploaded images → one upright PNG per page for OCR. sharp (libvips) reads PNG, JPEG, TIFF
 * (every page of a multi-page file) and WebP. The header is read first and the pixel count checked
 * against the limit before anything is decoded: a 225,000² PNG bomb is rejected from 30 bytes.
 */

export interface ImagePagesOptions {
  /** Pixels per page (width × height) above which the file is refused. */
  maxPixels: number;
  maxPages: number;
}

export const DEFAULT_MAX_IMAGE_PIXELS = 100_000_000;

export async function imagePages(bytes: Uint8Array, opts: ImagePagesOptions): Promise<Buffer[]> {
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata().catch((error: unknown) => {
    throw new CorruptImageError((error as Error).message, { cause: error });
  });
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (!width || !height) throw new CorruptImageError('no image dimensions');
  if (width * height > opts.maxPixels) {
    throw new DocumentTooLargeError(`image is ${width} × ${height} px (${formatMp(width * height)}); the limit is ${formatMp(opts.maxPixels)} per page`);
  }
  const pages = meta.pages ?? 1;
  if (pages > opts.maxPages) throw new DocumentTooLargeError(`image has ${pages} pages; the limit is ${opts.maxPages}`);

  const out: Buffer[] = [];
  for (let page = 0; page < pages; page++) {
    const png = await sharp(bytes, { page, limitInputPixels: opts.maxPixels, failOn: 'error' })
      // No argument: apply the EXIF orientation tag, then drop it (phone photos are stored sideways).
      .rotate()
      .flatten({ background: '#ffffff' })
      .greyscale()
      .png({ compressionLevel: 1 })
      .toBuffer()
      .catch((error: unknown) => {
        throw new CorruptImageError(`page ${page + 1}: ${(error as Error).message}`, { cause: error });
      });
    out.push(png);
  }
  return out;
}

function formatMp(pixels: number): string {
  return `${(pixels / 1e6).toFixed(1)} Mpx`;
}
