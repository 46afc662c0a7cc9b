import { assessTextLayer } from './text-layer-quality.ts';

/**
 * Where a page's text comes from: its text layer, or OCR when the layer is missing or garbled
 * (see text-layer-quality.ts for the checks). Pure, so routing is testable without rendering.
 */
export type PageSourceDecision =
  | { source: 'text_layer'; reason: string }
  | { source: 'needs_ocr'; reason: string };

export const NO_TEXT_LAYER_REASON = 'no text layer';

export function choosePageSource(textLayer: string): PageSourceDecision {
  const verdict = assessTextLayer(textLayer);
  return verdict.ok ? { source: 'text_layer', reason: verdict.reason } : { source: 'needs_ocr', reason: verdict.reason };
}
