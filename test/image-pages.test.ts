import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imagePages } from '../services/ingest/image/image-pages.ts';
import { CorruptImageError, DocumentTooLargeError } from '../services/ingest/intake/errors.ts';

/** Image uploads → upright grey PNG pages, on images generated here (no OCR involved). */

const opts = { maxPixels: 1_000_000, maxPages: 10 };
const solid = (width: number, height: number, shade: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: shade, g: shade, b: shade } } });

async function describePage(png: Buffer) {
  const meta = await sharp(png).metadata();
  const { data } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { format: meta.format, width: meta.width, height: meta.height, channels: meta.channels, first: data[0], orientation: meta.orientation };
}

describe('image pages', () => {
  it('reads every page of a multi-page TIFF, in order', async () => {
    const pages = await Promise.all([0, 128, 255].map((shade) => solid(40, 20, shade).png().toBuffer()));
    const tiff = await sharp(pages, { join: { animated: true } }).tiff().toBuffer();
    const out = await Promise.all((await imagePages(tiff, opts)).map(describePage));
    expect(out.map((p) => [p.format, p.width, p.height, p.first])).toEqual([['png', 40, 20, 0], ['png', 40, 20, 128], ['png', 40, 20, 255]]);
  });

  it('reads WebP, flattened onto white', async () => {
    const webp = await sharp({ create: { width: 30, height: 10, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0 } } }).webp({ lossless: true }).toBuffer();
    const [page] = await Promise.all((await imagePages(webp, opts)).map(describePage));
    expect(page).toMatchObject({ format: 'png', width: 30, height: 10, first: 255 });
  });

  it('turns a phone photo upright from its EXIF orientation and drops the tag', async () => {
    // Stored 40 wide × 20 high, tagged "rotate 90° clockwise to view": the page is 20 × 40.
    const jpeg = await solid(40, 20, 90).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const [page] = await Promise.all((await imagePages(jpeg, opts)).map(describePage));
    expect(page).toMatchObject({ width: 20, height: 40 });
    expect(page!.orientation ?? 1).toBe(1);
  });

  it('refuses too many pages, too many pixels and bytes that are no image, with reasons', async () => {
    const pages = await Promise.all([1, 2, 3].map((shade) => solid(10, 10, shade).png().toBuffer()));
    const tiff = await sharp(pages, { join: { animated: true } }).tiff().toBuffer();
    await expect(imagePages(tiff, { ...opts, maxPages: 2 })).rejects.toThrow(new DocumentTooLargeError('image has 3 pages; the limit is 2'));
    const big = await solid(1000, 1001, 0).png().toBuffer();
    await expect(imagePages(big, opts)).rejects.toBeInstanceOf(DocumentTooLargeError);
    await expect(imagePages(big, { ...opts, maxPixels: 1_001_000 })).resolves.toHaveLength(1);
    await expect(imagePages(Buffer.from('not an image at all'), opts)).rejects.toBeInstanceOf(CorruptImageError);
  });
});
