import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { cld2Available } from '../../services/ingest/language/cld2.ts';
import { debianPackageForModel, defaultTessdataDir, Tessdata } from '../../services/ingest/ocr/tessdata.ts';
import { CHROMIUM } from './browser.ts';
import { CORPUS_DIR, corpusPresent } from './corpus.ts';

/**
 * What a test needs from outside npm, checked before it runs. Under CI (env CI set) a missing
 * dependency fails the test with the command that installs it; elsewhere the test is skipped and
 * one line says what was skipped and why. Never a silent skip: `npm run setup` installs every
 * system package these name (.ci/apt-packages.txt).
 */

export type SystemDep =
  /** tesseract traineddata, by model name ("eng", "osd", "Latin", "Thai"). */
  | { tessdata: readonly string[] }
  /** Debian's Chromium for Playwright. */
  | 'chromium'
  /** The native CLD2 binding (npm `cld`, built by node-gyp at npm ci). */
  | 'cld2'
  /** poppler-utils (pdftoppm, pdftotext): benchmarks' references. */
  | 'poppler'
  /** Font files the generated scans are drawn with. */
  | { fonts: readonly string[] }
  /** The third-party corpus (../shared/corpus or OBLIGATO_CORPUS), optionally a file or folder in it. */
  | 'corpus'
  | { corpus: string };

export interface Requirement {
  ok: boolean;
  /** One line per missing dependency: what, and how to install it. */
  missing: string[];
}

const tessdata = new Tessdata(defaultTessdataDir());
const FONT_DIR = '/usr/share/fonts/truetype';
/** Font family (as make-scans.ts names it) → file and Debian package. */
export const FONT_FILES: Readonly<Record<string, { file: string; pkg: string }>> = {
  'DejaVu Sans': { file: 'dejavu/DejaVuSans.ttf', pkg: 'fonts-dejavu-core' },
  'Lohit Devanagari': { file: 'lohit-devanagari/Lohit-Devanagari.ttf', pkg: 'fonts-lohit-deva' },
  'Noto Sans Thai': { file: 'noto/NotoSansThai-Regular.ttf', pkg: 'fonts-noto-core' },
  'Noto Sans Lao': { file: 'noto/NotoSansLao-Regular.ttf', pkg: 'fonts-noto-core' },
  'Noto Sans Khmer': { file: 'noto/NotoSansKhmer-Regular.ttf', pkg: 'fonts-noto-core' },
  'Noto Sans Myanmar': { file: 'noto/NotoSansMyanmar-Regular.ttf', pkg: 'fonts-noto-core' },
  'Noto Sans Arabic': { file: 'noto/NotoSansArabic-Regular.ttf', pkg: 'fonts-noto-core' },
  'Noto Naskh Arabic': { file: 'noto/NotoNaskhArabic-Regular.ttf', pkg: 'fonts-noto-core' },
};

const apt = (pkgs: Iterable<string>) => `sudo apt-get install -y ${[...new Set(pkgs)].join(' ')} (or: npm run setup)`;

function missingOf(dep: SystemDep): string | null {
  if (dep === 'chromium') return existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH): ${apt(['chromium'])}`;
  if (dep === 'cld2') return cld2Available ? null : 'the native CLD2 binding (npm cld) is not built: install g++ make python3, then npm rebuild cld (or: npm run setup)';
  if (dep === 'poppler') {
    const found = (process.env.PATH ?? '').split(path.delimiter).some((d) => d && existsSync(path.join(d, 'pdftoppm')));
    return found ? null : `pdftoppm not on PATH: ${apt(['poppler-utils'])}`;
  }
  if (dep === 'corpus') return corpusPresent ? null : `corpus not found at ${CORPUS_DIR} (set OBLIGATO_CORPUS)`;
  if ('corpus' in dep) {
    const p = path.join(CORPUS_DIR, dep.corpus);
    return existsSync(p) ? null : `corpus file ${p} not found (set OBLIGATO_CORPUS)`;
  }
  if ('fonts' in dep) {
    const absent = dep.fonts.filter((f) => !FONT_FILES[f] || !existsSync(path.join(FONT_DIR, FONT_FILES[f].file)));
    return absent.length ? `fonts ${absent.join(', ')} missing: ${apt(absent.map((f) => FONT_FILES[f]?.pkg ?? 'fontconfig'))}` : null;
  }
  const absent = dep.tessdata.filter((m) => !tessdata.has(m));
  return absent.length ? `tesseract traineddata ${absent.join(', ')} missing in ${tessdata.dir}: ${apt(absent.map(debianPackageForModel))}` : null;
}

export function requireSystem(...deps: SystemDep[]): Requirement {
  const missing = deps.map(missingOf).filter((m): m is string => m !== null);
  return { ok: missing.length === 0, missing };
}

export const underCi = (): boolean => Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

const reported = new Set<string>();
function report(title: string, req: Requirement): void {
  const line = `[skipped] ${title}: ${req.missing.join('; ')}`;
  if (reported.has(line)) return;
  reported.add(line);
  console.warn(line);
}

function failure(title: string, req: Requirement): Error {
  return new Error(`${title} needs what this machine lacks (CI fails instead of skipping):\n  ${req.missing.join('\n  ')}`);
}

/**
 * `describe` that runs when the requirement is met; otherwise fails one test under CI, or skips
 * with one printed line locally.
 */
export function describeWith(req: Requirement, title: string, body: () => void): void {
  if (req.ok) describe(title, body);
  else if (underCi()) describe(title, () => it('system dependencies', () => { throw failure(title, req); }));
  else {
    report(title, req);
    describe.skip(`${title} (skipped: ${req.missing.join('; ')})`, body);
  }
}

/** `it` with the same rule as describeWith. */
export function itWith(req: Requirement, title: string, body: () => Promise<unknown> | void, timeout?: number): void {
  if (req.ok) it(title, body, timeout);
  else if (underCi()) it(title, () => { throw failure(title, req); });
  else {
    report(title, req);
    it.skip(`${title} (skipped: ${req.missing.join('; ')})`, body, timeout);
  }
}
