import { PDFDocument, PDFName, PDFNumber, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/**
 * Scans and photos made in code: text rendered by sharp (libvips + Pango, so Devanagari is
 * shaped like a real font would be), then wrapped as PDF pages or rotated like a phone photo.
 * Fonts come from Debian packages (fonts-dejavu-core, fonts-lohit-deva; .ci/apt-packages.txt).
 */

export const LATIN_FONT = 'DejaVu Sans';
export const DEVANAGARI_FONT = 'Lohit Devanagari';

/** Black text on white at ~300 dpi (font size in points), with a margin like a printed page. */
export async function renderTextImage(text: string, font = LATIN_FONT, points = 11): Promise<Buffer> {
  const ink = await sharp({ text: { text: escapeMarkup(text), font: `${font} ${points}`, dpi: 300, width: 2200 } })
    .greyscale()
    .negate()
    .png()
    .toBuffer();
  return sharp(ink).extend({ top: 150, bottom: 150, left: 150, right: 150, background: '#ffffff' }).flatten({ background: '#ffffff' }).png().toBuffer();
}

function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A one-page-per-image PDF with no text layer, as a scanner makes it (300 dpi). */
export async function makeScannedPdf(images: Buffer[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const png of images) {
    const img = await doc.embedPng(png);
    const w = (img.width * 72) / 300;
    const h = (img.height * 72) / 300;
    doc.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
  }
  return doc.save();
}

/**
 * Devanagari in visual (glyph) order, the way pdf.js returns it from many Hindi PDFs: the short-i
 * sign ि moved in front of its consonant cluster, and ो / ौ split into ा + े / ै.
 */
export function devanagariVisualOrder(text: string): string {
  const split = text.replace(/\u094B/g, '\u093E\u0947').replace(/\u094C/g, '\u093E\u0948');
  // A cluster: consonant (+ nukta) (+ virama consonant (+ nukta))* followed by ि.
  return split.replace(/((?:[\u0915-\u0939\u0958-\u095F]\u093C?\u094D)*[\u0915-\u0939\u0958-\u095F]\u093C?)\u093F/gu, '\u093F$1');
}

/**
 * A scanned page (image) with an invisible text layer (render mode 3) carrying `layerText`. The
 * text goes through a simple font whose ToUnicode map sends byte codes to arbitrary code points,
 * so the layer says exactly what a broken producer's layer says, while the image shows the truth.
 */
export async function makeImageWithTextLayerPdf(png: Buffer, layerText: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const img = await doc.embedPng(png);
  const w = (img.width * 72) / 300;
  const h = (img.height * 72) / 300;
  const page = doc.addPage([w, h]);
  page.drawImage(img, { x: 0, y: 0, width: w, height: h });

  const chars = [...new Set([...layerText.replace(/\n/g, '')])];
  if (chars.length > 200) throw new Error('too many distinct characters for a one-byte font');
  const codeOf = new Map(chars.map((c, i) => [c, 0x21 + i]));
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
  const utf16 = (c: string) => [...Buffer.from(c, 'utf16le').swap16()].map((b) => hex(b, 2)).join('');
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Obligato-Test def /CMapType 2 def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    `${chars.length} beginbfchar`,
    ...chars.map((c) => `<${hex(codeOf.get(c)!, 2)}> <${utf16(c)}>`),
    'endbfchar endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const toUnicode = doc.context.register(doc.context.stream(cmap));
  const font = doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', ToUnicode: toUnicode }));
  // Helvetica is only named so the page has a font resource; render mode 3 draws nothing.
  await doc.embedFont(StandardFonts.Helvetica);
  page.node.setFontDictionary(PDFName.of('FL'), font);

  const lines = layerText.split('\n');
  const ops = ['BT', '3 Tr', '/FL 12 Tf'];
  lines.forEach((line, i) => {
    const bytes = [...line].map((c) => hex(codeOf.get(c)!, 2)).join('');
    ops.push(`1 0 0 1 36 ${PDFNumber.of(h - 48 - i * 24).asNumber()} Tm`, `<${bytes}> Tj`);
  });
  ops.push('ET');
  const content = doc.context.register(doc.context.flateStream(ops.join('\n')));
  page.node.addContentStream(content);
  return doc.save();
}

/** A phone photo: the page turned by `degrees` clockwise, stored as JPEG without EXIF rotation. */
export async function makeRotatedPhoto(png: Buffer, degrees: 90 | 180 | 270): Promise<Buffer> {
  return sharp(png).rotate(degrees).jpeg({ quality: 90 }).toBuffer();
}

/** Character error rate: edit distance over code points / reference length, whitespace folded. */
export function cer(reference: string, hypothesis: string): number {
  const norm = (s: string) => [...s.normalize('NFC').replace(/\s+/g, ' ').trim()];
  const a = norm(reference);
  const b = norm(hypothesis);
  if (a.length === 0) return b.length === 0 ? 0 : 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]! / a.length;
}
