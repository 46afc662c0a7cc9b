import { describe, expect, it } from 'vitest';
import { LanguageGuess } from '../schemas/text.ts';
import { detectLanguage } from '../services/ingest/language/detect-language.ts';

/**
 * Thai writes vowels and tones as combining marks: the script counter counts them, the letter
 * counter does not, and a corpus exam sheet came back with confidence 1.342 (schema: at most 1).
 */
describe('language confidence stays within [0, 1]', () => {
  const texts = [
    'ข้อ ๑ ผู้ควบคุมข้อมูลส่วนบุคคลต้องแจ้งเจ้าของข้อมูล',
    'ที่นี่มีน้ำใจ ไม่ได้ไม่ดี ผู้ใหญ่ใจดี', // dense in combining marks
    // Long enough for the per-script regex count, which includes the marks.
    'ผู้ใหญ่ใจดี ที่นี่มีน้ำใจ ไม่ได้ไม่ดี '.repeat(40),
    'ล้ำ', 'กิ้', 'ကျွန်ုပ်', 'ស្រុកខ្មែរ', 'ສະບາຍດີ', 'हिंदी', 'ਪੰਜਾਬੀ',
  ];
  for (const text of texts) {
    it(text, () => {
      const guess = detectLanguage(text);
      expect(() => LanguageGuess.parse(guess)).not.toThrow();
      expect(guess.confidence).toBeLessThanOrEqual(1);
      for (const c of guess.candidates) expect(c.score).toBeLessThanOrEqual(1);
    });
  }
});
