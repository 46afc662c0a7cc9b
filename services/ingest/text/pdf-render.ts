import type { PdfDocument } from './pdf-text.ts';

/**
 * Page → PNG for OCR, drawn by pdf.js on the canvas its own factory creates (`doc.canvasFactory`,
 * @napi-rs/canvas 0.1.x under Node). Using the factory keeps exactly one canvas binding in the
 * process: a second @napi-rs/canvas major next to pdf.js's has segfaulted.
 */

/** The parts of @napi-rs/canvas that rendering needs (pdf.js types the factory as Object). */
interface NodeCanvas {
  width: number;
  height: number;
  toBuffer(mime: 'image/png'): Buffer;
}
interface Canvas2D {
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
interface CanvasAndContext {
  canvas: NodeCanvas;
  context: Canvas2D;
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

export interface RenderOptions {
  /** Resolution for OCR; tesseract is trained on ~300 dpi text. */
  dpi: number;
  /** Upper bound on width × height; larger pages are rendered at a lower resolution. */
  maxPixels: number;
}

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
  /** No pixel darker than near-white: nothing to recognise. */
  blank: boolean;
}

export const DEFAULT_RENDER: RenderOptions = { dpi: 300, maxPixels: 25_000_000 };

export async function renderPage(doc: PdfDocument, n: number, opts: RenderOptions = DEFAULT_RENDER): Promise<RenderedPage> {
  const page = await doc.getPage(n);
  try {
    const base = page.getViewport({ scale: 1 });
    let scale = opts.dpi / 72;
    const pixels = base.width * base.height * scale * scale;
    if (pixels > opts.maxPixels) scale *= Math.sqrt(opts.maxPixels / pixels);
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.floor(viewport.width));
    const height = Math.max(1, Math.floor(viewport.height));
    const factory = doc.canvasFactory as CanvasFactory;
    const target = factory.create(width, height);
    try {
      await page.render({ canvas: null, canvasContext: target.context as unknown as CanvasRenderingContext2D, viewport, background: 'white' }).promise;
      const blank = isBlank(target.context.getImageData(0, 0, width, height).data);
      return { png: blank ? Buffer.alloc(0) : target.canvas.toBuffer('image/png'), width, height, dpi: Math.round(scale * 72), blank };
    } finally {
      factory.destroy(target);
    }
  } finally {
    page.cleanup();
  }
}

/** Sampled: every 7th pixel is plenty to tell an empty page from one with any ink. */
function isBlank(rgba: Uint8ClampedArray): boolean {
  for (let i = 0; i < rgba.length; i += 4 * 7) {
    if (rgba[i]! < 200 || rgba[i + 1]! < 200 || rgba[i + 2]! < 200) return false;
  }
  return true;
}

/** Whether the page paints any image: a page with a few words over an image is a scan. */
export async function pageHasImages(doc: PdfDocument, n: number, ops: { paintImageXObject: number; paintInlineImageXObject: number; paintImageMaskXObject: number }): Promise<boolean> {
  const page = await doc.getPage(n);
  try {
    const list = await page.getOperatorList();
    const wanted = new Set([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageMaskXObject]);
    return list.fnArray.some((fn) => wanted.has(fn));
  } finally {
    page.cleanup();
  }
}
