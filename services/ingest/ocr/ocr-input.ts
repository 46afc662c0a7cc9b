import sharp from 'sharp';

/**
 * An encoded image (PNG, JPEG, ...) → what a tesseract worker reads fastest: 8-bit grey PGM,
 * decoded natively by libvips rather than by leptonica's zlib inside WebAssembly (measured
 * 11% of a 300-dpi page's OCR time), plus the layout hint for a single text line.
 */

export interface OcrInput {
  image: Buffer;
  width: number;
  height: number;
  /** A crop of one text line: automatic page segmentation finds no text block in some of them. */
  singleLine: boolean;
  /** No pixel darker than INK: nothing to read, whatever the segmentation (computed on demand). */
  isUniform(): boolean;
}

/** Line crops in the OCR corpora are 40-102 px tall and 5-50× as wide. */
const LINE_MAX_HEIGHT = 200;
/** Thinner ink is a rule or a border, not text (the 1-px frame of an empty rendered page). */
const LINE_MIN_HEIGHT = 8;
const LINE_MIN_ASPECT = 4;
/** Grey level below which a pixel is ink. */
const INK = 128;
/**
 * Bands of ink rows shorter than this share of the tallest are marks (dots, vowel signs) and
 * belong to the line when within MARK_REACH of it; two tall bands are two lines however close.
 */
const MARK_SHARE = 0.4;
const MARK_REACH = 0.5;

export async function prepareOcrInput(encoded: Buffer): Promise<OcrInput> {
  const { data, info } = await sharp(encoded).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one grey channel, got ${info.channels}`);
  const header = Buffer.from(`P5\n${info.width} ${info.height}\n255\n`, 'ascii');
  return {
    image: Buffer.concat([header, data]),
    width: info.width,
    height: info.height,
    singleLine: isSingleLine(data, info.width, info.height),
    isUniform: () => !data.some((v) => v < INK),
  };
}

/**
 * One band of inked rows, short and wide, with at most marks beside it (margins allowed): a crop
 * of one text line. Pages have many tall bands; a blank image has none.
 */
export function isSingleLine(grey: Uint8Array, width: number, height: number): boolean {
  const bands: Array<[top: number, bottom: number]> = [];
  for (let y = 0; y < height; y++) {
    if (!rowHasInk(grey, y * width, width)) continue;
    const last = bands.at(-1);
    if (last && last[1] === y - 1) last[1] = y;
    else bands.push([y, y]);
    if (bands.length > 64) return false;
  }
  const size = ([top, bottom]: [number, number]) => bottom - top + 1;
  const tallest = Math.max(0, ...bands.map(size));
  const lines = bands.filter((b) => size(b) >= MARK_SHARE * tallest);
  if (lines.length !== 1 || tallest < LINE_MIN_HEIGHT || tallest > LINE_MAX_HEIGHT || width < LINE_MIN_ASPECT * tallest) return false;
  const [top, bottom] = lines[0]!;
  return bands.every(([t, b]) => t >= top - MARK_REACH * tallest && b <= bottom + MARK_REACH * tallest);
}

function rowHasInk(grey: Uint8Array, start: number, width: number): boolean {
  for (let i = start, end = start + width; i < end; i++) if (grey[i]! < INK) return true;
  return false;
}
