import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { DocumentText } from '../../../schemas/text.ts';
import { loadConfig } from '../../../schemas/config.ts';
import { extractDocumentText } from '../../ingest/extract-text.ts';
import { disposeTextRuntime, textRuntimeOptions } from '../../ingest/text-runtime.ts';

interface TextFlags {
  json?: boolean;
  language?: string;
  maxPages?: string;
}

/** What `obligato text` prints: the document's language, every page with its source, every segment. */
export interface TextReport {
  language: { code: string; bcp47: string; confidence: number; candidates: { code: string; score: number }[] };
  pages: { n: number; source: string; reason: string; language: string | null; confidence: number | null; text: string }[];
  segments: { citation: string; language: string | null; start: number; end: number; text: string }[];
}

export function textReport(doc: DocumentText): TextReport {
  return {
    language: doc.language,
    pages: doc.pages.map((p) => ({
      n: p.n, source: p.source, reason: p.reason, language: p.language, confidence: p.ocrConfidence, text: doc.text.slice(p.start, p.end),
    })),
    segments: doc.segments.map((s) => ({ citation: s.citation, language: s.language, start: s.start, end: s.end, text: doc.text.slice(s.start, s.end) })),
  };
}

export function registerTextCommand(program: Command): void {
  program
    .command('text')
    .description('extract a document\'s text (text layer or OCR), languages and segments; no services needed')
    .argument('<file>', 'a PDF, image (PNG, JPEG, TIFF, WebP), text, HTML/XHTML, XML (Formex, Akoma Ntoso, other) or DOCX file')
    .option('--json', 'print JSON')
    .option('--language <hint>', 'language hint (e.g. hi, fra): OCR and detection use it')
    .option('--max-pages <n>', 'page limit', '2000')
    .action(async (file: string, flags: TextFlags) => {
      const bytes = new Uint8Array(await fs.readFile(file));
      // TESSDATA_DIR, OCR_WORKERS, PDF_* and the other limits come from the same env config as the services.
      const config = loadConfig(process.env);
      try {
        const doc = await extractDocumentText(bytes, path.basename(file), {
          ...textRuntimeOptions(config), maxPages: Number(flags.maxPages), languageHint: flags.language ?? null,
        });
        const report = textReport(doc);
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : humanReport(file, report));
      } finally {
        // The OCR and PDF workers are process-wide; the command is their last user.
        await disposeTextRuntime();
      }
    });
}

function humanReport(file: string, r: TextReport): string {
  const lines = [`${file}: language ${r.language.code} (${r.language.confidence}); ${r.pages.length} page(s), ${r.segments.length} segment(s)`];
  for (const p of r.pages) {
    lines.push('', `── page ${p.n}: ${p.source}${p.confidence === null ? '' : ` (OCR confidence ${p.confidence})`}, ${p.language ?? 'und'} — ${p.reason}`, p.text);
  }
  lines.push('', '── segments');
  for (const s of r.segments) lines.push(`[${s.start}-${s.end}] ${s.citation || '(no heading)'} · ${s.language ?? 'und'}`);
  return `${lines.join('\n')}\n`;
}
