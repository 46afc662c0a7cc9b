import { detectLanguage } from '../language/detect-language.ts';
import { ocrPageImage, type PageOcrResult } from './ocr-page.ts';
import type { OcrPool } from './ocr-pool.ts';

/**
 * OCR for the pages of one document: the model is chosen once, on the first page that OCR reads
 * confidently (orientation, script and language as ocrPageImage decides them), and every later
 * page is read with it straight away — no OSD, no probe. A page that disagrees (weak confidence,
 * or hardly any letters of the model's script) goes through the full per-page route, and the
 * better of the two reads is kept. Scans of one statute are one script, one language and one
 * orientation page after page; the per-page OSD (legacy engine, one worker, serialised) and
 * probes were what made routed OCR 0.46× the native pipeline on the OCR benchmark.
 */

/** The deciding page must be read at least this confidently for its model to be reused. */
const DECIDE_AT = 70;
/** A page read with the document's model below this confidence, or this many points below the deciding page, is re-routed on its own. */
const PAGE_CHECK_BELOW = 60;
const PAGE_DROP = 15;

interface Route {
  model: string;
  page: number;
  confidence: number;
  /** The deciding page's language: a later page read in another (or none) disagrees. */
  language: string;
}

export class DocumentOcr {
  private route: Route | null = null;
  /** The page deciding the route, while it runs: later pages wait for it instead of deciding too. */
  private deciding: Promise<unknown> | null = null;

  constructor(
    private readonly pool: OcrPool,
    private readonly languageHint: string | null = null,
  ) {}

  async read(image: Buffer, page: number): Promise<PageOcrResult> {
    if (this.languageHint) return ocrPageImage(this.pool, image, this.languageHint);
    while (!this.route && this.deciding) await this.deciding.catch(() => undefined);
    if (!this.route) {
      const full = ocrPageImage(this.pool, image);
      this.deciding = full;
      try {
        const r = await full;
        const language = detectLanguage(r.text).code;
        if (r.confidence >= DECIDE_AT && language !== 'und') this.route = { model: r.model, page, confidence: r.confidence, language };
        return r;
      } finally {
        this.deciding = null;
      }
    }
    const route = this.route;
    const quick = await this.pool.recognize(image, route.model);
    // Confidence alone does not tell: the Latin model read a generated Hindi page at 95. Its
    // output is no language, though, and language ID costs a millisecond against a page's OCR.
    const agrees = quick.confidence >= Math.max(PAGE_CHECK_BELOW, route.confidence - PAGE_DROP) && detectLanguage(quick.text).code === route.language;
    if (agrees) {
      return { ...quick, rotated: 0, route: `document model ${route.model} (chosen on page ${route.page}; ${quick.confidence.toFixed(0)})` };
    }
    const full = await ocrPageImage(this.pool, image);
    if (full.confidence >= quick.confidence) {
      return { ...full, route: `${full.route} (page disagreed with the document model ${route.model}: ${quick.confidence.toFixed(0)})` };
    }
    return { ...quick, rotated: 0, route: `document model ${route.model} (chosen on page ${route.page}; its own route read worse)` };
  }
}
