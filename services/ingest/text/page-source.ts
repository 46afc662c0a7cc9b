/**
 * Where a page's text comes from. Today there is only the PDF text layer; the OCR issue plugs in
 * here: pages answered with 'needs_ocr' are the ones to rasterise and recognise. Keeping the
 * decision in one pure function means OCR can be added without touching extraction or
 * segmentation.
 */
export type PageSourceDecision =
  | { source: 'text_layer'; reason: string }
  | { source: 'needs_ocr'; reason: string };

export const NO_TEXT_LAYER_REASON = 'no text layer (OCR not yet available)';

/**
 * A page whose text layer has no letter or digit at all is treated as a scan. Later work can
 * also flag garbage layers (scanner OCR like "Cl>opMa no KHA") here, using the same signature.
 */
export function choosePageSource(textLayer: string): PageSourceDecision {
  if (/[\p{L}\p{N}]/u.test(textLayer)) return { source: 'text_layer', reason: 'text layer present' };
  return { source: 'needs_ocr', reason: NO_TEXT_LAYER_REASON };
}
