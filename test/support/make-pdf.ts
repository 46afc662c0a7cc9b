import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface TextPdfOptions {
  fontSize?: number;
  /** Distance between baselines, in points. */
  leading?: number;
}

/**
 * A text PDF with one page per entry and one drawn line per string ('' leaves an empty line,
 * which extraction turns into a paragraph break). Helvetica is a standard font, so text is
 * limited to WinAnsi (Latin-1 plus a few signs such as – and €): enough for en/fr/de fixtures.
 */
export async function makeTextPdf(pages: string[][], opts: TextPdfOptions = {}): Promise<Uint8Array> {
  const size = opts.fontSize ?? 11;
  const leading = opts.leading ?? size * 1.35;
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    let y = 842 - 60;
    for (const line of lines) {
      if (line) page.drawText(line, { x: 56, y, size, font });
      y -= leading;
    }
  }
  return doc.save();
}

/**
 * A one-page PDF protected by the standard security handler (RC4, revision 2) whose user
 * password is not empty: the O and U entries are arbitrary, so no password opens it, which is
 * exactly what an uploaded password-protected file looks like to the pipeline.
 */
export function makeEncryptedPdfBytes(): Uint8Array {
  const hex32 = (seed: number) => Array.from({ length: 32 }, (_, i) => ((seed + i * 37) & 0xff).toString(16).padStart(2, '0')).join('');
  const content = 'BT /F1 12 Tf 72 720 Td (secret) Tj ET';
  return assemblePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      `<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${hex32(11)}> /U <${hex32(101)}> /P -44 >>`,
    ],
    `/Encrypt 5 0 R /ID [<${hex32(7).slice(0, 32)}> <${hex32(7).slice(0, 32)}>]`,
  );
}

/** A PDF header followed by bytes that are not a PDF: pdf.js reports "Invalid PDF structure". */
export function makeCorruptPdfBytes(): Uint8Array {
  const junk = Array.from({ length: 600 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('');
  return new TextEncoder().encode(`%PDF-1.7\n${junk}\n`);
}

/** A minimal, valid PDF from object bodies (numbered from 1), with a correct xref table. */
function assemblePdf(objects: string[], trailerExtra: string): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
