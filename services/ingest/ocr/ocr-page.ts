import sharp from 'sharp';
import { detectLanguage } from '../language/detect-language.ts';
import { parseLanguageHint } from '../language/codes.ts';
import type { OcrPool } from './ocr-pool.ts';
import { installedModelForScript, scriptModelForOsd, tesseractModelForLanguage } from './tessdata.ts';

/**
 * One page image → text, choosing the OCR model by itself: orientation and script from OSD,
 * a first pass with the script model, language ID on that text, and a second pass with the
 * specific language model when it is installed and the first pass was not confident. An
 * uploader's language hint skips the guessing.
 */

export interface PageOcrResult {
  text: string;
  /** 0-100, tesseract's mean word confidence of the pass that was kept. */
  confidence: number;
  model: string;
  /** Clockwise degrees the image was turned before recognition. */
  rotated: number;
  /** How the model was chosen, for the page's reason. */
  route: string;
}

/** OSD orientation confidence below this is noise (tesseract's own CLI warns under ~2). */
const MIN_ORIENTATION_CONFIDENCE = 2;
const MIN_SCRIPT_CONFIDENCE = 1;
/** A first pass at or above this confidence is kept without a language-specific second pass. */
const RE_OCR_BELOW = 85;

export async function ocrPageImage(pool: OcrPool, image: Buffer, languageHint?: string | null): Promise<PageOcrResult> {
  const orientation = await pool.detectOrientation(image).catch(() => null);
  let rotated = 0;
  if (orientation && orientation.rotate !== 0 && orientation.orientationConfidence >= MIN_ORIENTATION_CONFIDENCE) {
    image = await sharp(image).rotate(orientation.rotate).png().toBuffer();
    rotated = orientation.rotate;
  }

  const hinted = parseLanguageHint(languageHint);
  const hintModel = hinted ? tesseractModelForLanguage(hinted) : null;
  if (hintModel && pool.tessdata.has(hintModel)) {
    const r = await pool.recognize(image, hintModel);
    return { ...r, rotated, route: `language hint ${hinted} → ${hintModel}` };
  }

  const osdScript = orientation && orientation.scriptConfidence >= MIN_SCRIPT_CONFIDENCE ? scriptModelForOsd(orientation.script) : null;
  const scriptModel = (osdScript && installedModelForScript(pool.tessdata, osdScript)) || installedModelForScript(pool.tessdata, 'Latin');
  if (!scriptModel) throw new Error(`no OCR model installed in ${pool.tessdata.dir} (need at least Latin or eng)`);
  const first = await pool.recognize(image, scriptModel);
  const firstRoute = osdScript ? `script ${orientation?.script} → ${scriptModel}` : `script unknown → ${scriptModel}`;
  if (first.confidence >= RE_OCR_BELOW) return { ...first, rotated, route: firstRoute };

  const language = detectLanguage(first.text);
  const languageModel = language.code === 'und' ? null : tesseractModelForLanguage(language.code);
  if (!languageModel || languageModel === scriptModel || !pool.tessdata.has(languageModel)) {
    return { ...first, rotated, route: firstRoute };
  }
  const second = await pool.recognize(image, languageModel);
  const best = second.confidence >= first.confidence ? second : first;
  return { ...best, rotated, route: `${firstRoute} (${first.confidence.toFixed(0)}); language ${language.code} → ${languageModel} (${second.confidence.toFixed(0)}), kept ${best.model}` };
}
