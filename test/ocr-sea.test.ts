/**
 * Lao, Khmer and Myanmar scans: the scripts that, like Thai, do not separate words with spaces.
 * Debian's script/Thai put a space between every Thai character; these check that the models
 * chosen for the other three keep the text's own spaces and read it, on generated pages
 * (Noto fonts from fonts-noto-core). Pages carry the uploader's language hint: OSD names none of
 * the three scripts reliably (see services/ingest/ocr/ocr-page.ts), so unhinted routing is not
 * what is measured here.
 */
import { afterAll, expect } from 'vitest';
import { dropMarkLines } from '../services/ingest/ocr/mark-lines.ts';
import { ocrPageImage } from '../services/ingest/ocr/ocr-page.ts';
import { OcrPool } from '../services/ingest/ocr/ocr-pool.ts';
import { cer, renderTextImage } from './support/make-scans.ts';
import { describeWith, itWith, requireSystem } from './support/system-deps.ts';

const ocr = new OcrPool({ size: 2 });
afterAll(() => ocr.dispose());

// Each: a heading and the substance of a breach-notification duty and of the right to education.
const PAGES = [
  { lang: 'lao', model: 'lao', font: 'Noto Sans Lao', maxCer: 0.15, text: 'ມາດຕາ 5\nຜູ້ຄວບຄຸມຂໍ້ມູນຕ້ອງແຈ້ງໃຫ້ເຈົ້າໜ້າທີ່ຮູ້ພາຍໃນເຈັດສິບສອງຊົ່ວໂມງ\nທຸກຄົນມີສິດໄດ້ຮັບການສຶກສາ' },
  { lang: 'khm', model: 'khm', font: 'Noto Sans Khmer', maxCer: 0.08, text: 'មាត្រា ៥\nអ្នកគ្រប់គ្រងទិន្នន័យត្រូវជូនដំណឹងដល់អាជ្ញាធរ\nក្នុងរយៈពេលចិតសិបពីរម៉ោង\nមនុស្សគ្រប់រូបមានសិទ្ធិទទួលការអប់រំ' },
  { lang: 'mya', model: 'mya', font: 'Noto Sans Myanmar', maxCer: 0.1, text: 'ပုဒ်မ ၅\nဒေတာထိန်းချုပ်သူသည် အာဏာပိုင်ထံသို့ နာရီခုနစ်ဆယ့်နှစ်နာရီအတွင်း အကြောင်းကြားရမည်\nလူတိုင်းသည် ပညာသင်ကြားခွင့်ရှိသည်' },
] as const;

const spaces = (s: string) => (s.match(/ /g) ?? []).length;

describeWith(requireSystem({ tessdata: ['osd'] }), 'OCR of Lao, Khmer and Myanmar scans: word spacing and text', () => {
  for (const p of PAGES) {
    itWith(requireSystem({ tessdata: [p.model] }, { fonts: [p.font] }), `${p.lang}: the language model reads it with the text's own spaces`, async () => {
      const page = Array.from({ length: 6 }, () => p.text).join('\n');
      const r = await ocrPageImage(ocr, await renderTextImage(page, p.font, 12), p.lang);
      expect(r.model).toBe(p.model);
      // Thai through script/Thai had a space after every character (CER 86%); here the spaces are the text's.
      expect(Math.abs(spaces(r.text) - spaces(page))).toBeLessThanOrEqual(3);
      expect(cer(page, r.text)).toBeLessThan(p.maxCer);
    });
  }
});

describeWith(requireSystem(), 'Myanmar mark lines', () => {
  itWith(requireSystem(), 'drops a line of mark scraps above a Myanmar line, only for Myanmar models', () => {
    const out = '၀၀ ဂ ရြ ၀၀၈ ၀ ဝ ဓ ရု ရြ\nဒေတာထိန်းချုပ်သူသည် အာဏာပိုင်ထံသို့\nလူ သည် ပညာ';
    expect(dropMarkLines(out, 'mya')).toBe('ဒေတာထိန်းချုပ်သူသည် အာဏာပိုင်ထံသို့\nလူ သည် ပညာ');
    expect(dropMarkLines('a b c d e', 'eng')).toBe('a b c d e');
  });
});
