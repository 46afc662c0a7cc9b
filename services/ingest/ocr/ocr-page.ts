import sharp from 'sharp';
import { detectLanguage } from '../language/detect-language.ts';
import { parseLanguageHint } from '../language/codes.ts';
import type { OcrPool, OcrResult, Orientation } from './ocr-pool.ts';
import { installedModelForScript, installedScriptCandidates, type ScriptCandidate, scriptModelForOsd, tesseractModelForLanguage } from './tessdata.ts';

/**
 * One page image → text, choosing the OCR model by itself: orientation and script from OSD (or,
 * where OSD has no answer, from probing the installed script models), a first pass with the
 * script model, language ID on that text, and a second pass with the specific language model
 * when it is installed and the first pass was not confident. An uploader's language hint skips
 * the guessing.
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
  singleLine: boolean;
}

/** OSD orientation confidence below this is noise (tesseract's own CLI warns under ~2). */
const MIN_ORIENTATION_CONFIDENCE = 2;
const MIN_SCRIPT_CONFIDENCE = 1;
/** A first pass at or above this confidence is kept without a language-specific second pass. */
const RE_OCR_BELOW = 85;

export async function ocrPageImage(pool: OcrPool, image: Buffer, languageHint?: string | null): Promise<PageOcrResult> {
  const orientation = await pool.detectOrientation(image).catch(() => null);
  if (!orientation || orientation.rotate === 0 || orientation.orientationConfidence < MIN_ORIENTATION_CONFIDENCE) {
    return routePage(pool, image, orientation, 0, languageHint);
  }
  const turned = await routePage(pool, await sharp(image).rotate(orientation.rotate).png().toBuffer(), orientation, orientation.rotate, languageHint);
  if (turned.confidence >= OSD_DOUBT_BELOW) return turned;
  // OSD turns pages of scripts it does not know: generated Khmer and Myanmar pages, upright,
  // came back "180°" at orientation confidence 3 and 16. A weak read of the turned page is
  // checked against the page as it is, with the script probed rather than taken from OSD.
  const asIs = await routePage(pool, image, null, 0, languageHint);
  return asIs.confidence > turned.confidence
    ? { ...asIs, route: `${asIs.route} (OSD's ${orientation.rotate}° turn read at ${turned.confidence.toFixed(0)})` }
    : turned;
}

async function routePage(pool: OcrPool, image: Buffer, orientation: Orientation | null, rotated: number, languageHint?: string | null): Promise<PageOcrResult> {
  const hinted = parseLanguageHint(languageHint);
  const hintModel = hinted ? tesseractModelForLanguage(hinted) : null;
  if (hintModel && pool.tessdata.has(hintModel)) {
    const r = await pool.recognize(image, hintModel);
    return { ...r, rotated, route: `language hint ${hinted} → ${hintModel}` };
  }

  const osdScript = orientation && orientation.scriptConfidence >= MIN_SCRIPT_CONFIDENCE ? scriptModelForOsd(orientation.script) : null;
  const osdModel = osdScript && installedModelForScript(pool.tessdata, osdScript);
  const { result: first, route: firstRoute } = osdModel
    ? await checkOsdPass(pool, image, osdScript, await pool.recognize(image, osdModel), `script ${orientation?.script} → ${osdModel}`)
    : await probeScript(pool, image);
  const scriptModel = first.model;
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

/**
 * OSD names a script for pages in scripts it was not trained on: generated Khmer pages came back
 * "Latin" (then read at CER 98%), Myanmar ones "Arabic". A first pass this unconfident, or whose
 * letters are mostly not of OSD's script, is checked by probing the script models instead.
 */
const OSD_DOUBT_BELOW = 60;

async function checkOsdPass(pool: OcrPool, image: Buffer, script: string, first: OcrResult, route: string): Promise<{ result: OcrResult; route: string }> {
  const candidate = installedScriptCandidates(pool.tessdata).find((c) => c.script === script);
  const score = candidate ? probeScore(first, candidate) : null;
  if (first.confidence >= OSD_DOUBT_BELOW && (!score || score.letters === 0 || score.score >= OSD_DOUBT_BELOW * 0.8)) return { result: first, route };
  const probed = await probeScript(pool, image);
  return probed.result.confidence > first.confidence
    ? { result: probed.result, route: `${route} (${first.confidence.toFixed(0)}, doubted); ${probed.route}` }
    : { result: first, route };
}

/**
 * Probes run on at most this many pixels: a page OSD could not read has little text, and the
 * probe only has to rank models, so a downscaled copy keeps a dozen passes cheap.
 */
const PROBE_MAX_PIXELS = 2_000_000;
/** A confident Latin first pass settles the script without probing the others (Latin pages stay one pass). */
const LATIN_SETTLES_AT = RE_OCR_BELOW;
/** Grey-level standard deviation below this is a uniform (rendered empty) page; kept tiny so any ink probes. */
const BLANK_STDEV = 1;
/** Fewer letters than this in a probe's output says nothing about the script. */
const MIN_PROBE_LETTERS = 3;

/**
 * The scripts probed before all others: the nine whose models were the whole installed set when
 * the probe scores were measured (corpus lines: the right one leads at 60-87).
 */
const COMMON_SCRIPTS: ReadonlySet<string> = new Set(['Latin', 'Cyrillic', 'Arabic', 'Devanagari', 'HanS', 'Japanese', 'Hangul', 'Hebrew', 'Thai']);
/** A common-script probe scoring at least this settles it without reading with the other script models… */
const COMMON_SETTLES_AT = 55;
/**
 * …except these, whose letters the common script's model takes for its own: the Thai model read a
 * generated Lao page at confidence 85, all letters Thai (CER 98%); the Lao model reads it at 13.
 */
const LOOK_ALIKES: Readonly<Record<string, readonly string[]>> = {
  Thai: ['Lao', 'Khmer', 'Myanmar'],
  Devanagari: ['Bengali', 'Gurmukhi', 'Gujarati'],
  Arabic: ['Syriac', 'Thaana'],
  Cyrillic: ['Greek'],
  Latin: ['Greek', 'Cherokee'],
};

interface ProbeScore { candidate: ScriptCandidate; result: OcrResult; score: number; letters: number }

/**
 * A model that reads fewer than this share of the letters the most productive model read loses
 * in proportion: a wrong model gives up on most of the text (tha found 35 letters on an Urdu
 * page at confidence 53, Arabic 199 at 43).
 */
const FULL_COVERAGE_SHARE = 0.5;

/**
 * OSD gave no usable script: too little text (single lines: "Too few characters"), or "Common".
 * Each installed script model reads the image and the one with the best mean confidence,
 * weighted by the share of its own script among the letters it read and by how many letters it
 * read against the most productive model, wins. On the corpus lines
 * the right model leads by 20-50 points (Arabic 63-80 vs ≤36 for the others; Devanagari 60-87
 * vs ≤68). Latin goes first and a confident Latin read skips the rest.
 */
async function probeScript(pool: OcrPool, image: Buffer): Promise<{ result: OcrResult; route: string }> {
  const candidates = installedScriptCandidates(pool.tessdata);
  const latin = candidates.find((c) => c.script === 'Latin');
  if (!candidates.length) throw new Error(`no OCR model installed in ${pool.tessdata.dir} (need at least Latin or eng)`);
  const probe = await probeImage(image);
  const read = async (candidate: ScriptCandidate): Promise<ProbeScore> => {
    const result = await pool.recognize(probe.image, candidate.model);
    return { candidate, result, ...probeScore(result, candidate) };
  };

  const scores: ProbeScore[] = [];
  if (latin) {
    const l = await read(latin);
    scores.push(l);
    if (l.score >= LATIN_SETTLES_AT || (await isBlank(probe.image))) return finishProbe(pool, image, probe.scaled, l, `script unknown → ${latin.model} (${l.result.confidence.toFixed(0)})`);
  }
  // Common scripts first; the rest (two dozen more models once every Debian script is installed)
  // only when none of those reads the image convincingly.
  const [common, rare] = [candidates.filter((c) => c !== latin && COMMON_SCRIPTS.has(c.script)), candidates.filter((c) => c !== latin && !COMMON_SCRIPTS.has(c.script))];
  scores.push(...(await Promise.all(common.map(read))));
  const leader = scores.reduce<ProbeScore | null>((a, b) => (!a || b.score > a.score ? b : a), null);
  const lookAlikes = LOOK_ALIKES[leader?.candidate.script ?? ''] ?? [];
  const more = !leader || leader.score < COMMON_SETTLES_AT ? rare : rare.filter((c) => lookAlikes.includes(c.script));
  scores.push(...(await Promise.all(more.map(read))));
  const most = Math.max(...scores.map((s) => s.letters));
  for (const s of scores) s.score *= Math.min(1, s.letters / (FULL_COVERAGE_SHARE * most));
  const best = scores.reduce((a, b) => (b.score > a.score ? b : a));
  const ranked = [...scores].sort((a, b) => b.score - a.score).slice(0, 3).map((s) => `${s.candidate.script} ${s.score.toFixed(0)}`).join(', ');
  return finishProbe(pool, image, probe.scaled, best, `script unknown, probed ${scores.length} models (${ranked}) → ${best.result.model}`);
}

/**
 * The probe's own result is the first pass when it read the full image with the model that reads
 * this script; else read it again (at full size, or with that model).
 */
async function finishProbe(pool: OcrPool, image: Buffer, scaled: boolean, best: ProbeScore, route: string): Promise<{ result: OcrResult; route: string }> {
  const { reader } = best.candidate;
  if (!scaled && reader === best.result.model) return { result: best.result, route };
  return { result: await pool.recognize(image, reader), route: reader === best.result.model ? route : `${route}, read with ${reader}` };
}

/** Mean confidence × own-script letter share: a model that emits mostly digits or foreign marks scores low. */
function probeScore(result: OcrResult, candidate: ScriptCandidate): { score: number; letters: number } {
  const letters = [...result.text].filter((ch) => /\p{L}/u.test(ch));
  if (letters.length < MIN_PROBE_LETTERS) return { score: 0, letters: letters.length };
  const own = letters.filter((ch) => candidate.letter.test(ch)).length;
  return { score: result.confidence * (own / letters.length), letters: letters.length };
}

/**
 * A uniform image (a rendered empty PDF page) is not worth a dozen more passes. Latin's empty
 * output alone does not say that: on 4 of the 30 Arabic corpus lines the Latin model reads nothing.
 */
async function isBlank(image: Buffer): Promise<boolean> {
  const { channels } = await sharp(image).greyscale().stats();
  return (channels[0]?.stdev ?? 0) < BLANK_STDEV;
}

async function probeImage(image: Buffer): Promise<{ image: Buffer; scaled: boolean }> {
  const { width = 0, height = 0 } = await sharp(image).metadata();
  const pixels = width * height;
  if (!pixels || pixels <= PROBE_MAX_PIXELS) return { image, scaled: false };
  const f = Math.sqrt(PROBE_MAX_PIXELS / pixels);
  return { image: await sharp(image).resize(Math.max(1, Math.round(width * f)), Math.max(1, Math.round(height * f))).png().toBuffer(), scaled: true };
}
