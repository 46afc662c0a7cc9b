import { asciiDigits, citationComponents, romanToNumber, wordToNumber, type CitationComponentType } from '../segments/citation-key.ts';

/**
 * Citation keys for units whose type the markup states (an ARTICLE element is an article
 * whatever its heading's language). Same format as segments/citation-key.ts: `type:value`
 * joined by "/", Roman numerals and other digit sets as arabic digits, letters lower-cased.
 */
export interface KeyPart {
  type: CitationComponentType;
  value: string;
}

/** "006" → "6", "IV" → "4", "(b)" → "b", "1." → "1", "5a" → "5a", "١٩" → "19"; null if empty. */
export function keyValue(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const t = asciiDigits(raw.trim()).replace(/^[([{]\s*|\s*[)\]}.:]+$/g, '').replace(/\s+/g, '');
  if (!t) return null;
  if (/^\d+$/.test(t)) return t.replace(/^0+(?=\d)/, '');
  if (/^\d+[a-z]*$/i.test(t)) return t.replace(/^0+(?=\d)/, '').toLowerCase();
  const roman = romanToNumber(t.toUpperCase() === t ? t : '');
  if (roman !== null) return String(roman);
  const word = wordToNumber(t);
  if (word !== null) return String(word);
  return t.toLowerCase();
}

/** The number in a heading such as "Article 16", "16. cikk", "Artikel 16a", "ANNEX III". */
export function headingNumber(heading: string): string | null {
  const parts = citationComponents(heading);
  if (parts.length) return parts.at(-1)!.value || null;
  const m = /(\p{Nd}+[a-z]?|\b[IVXLCDM]+\b)(?!.*(\p{Nd}|\b[IVXLCDM]+\b))/u.exec(heading);
  return m ? keyValue(m[1]) : null;
}

/** The key component a container heading ("CHAPTER IV", "Section 2") stands for, if recognised. */
export function containerPart(label: string): KeyPart | null {
  const parts = citationComponents(label);
  return parts.length === 1 && parts[0]!.value ? parts[0]! : null;
}

/** Parts joined; an unnumbered part (a document's only "ANNEX") is its bare type, as in citation-key.ts. */
export function joinKey(parts: ReadonlyArray<KeyPart | null>): string | null {
  const kept = parts.filter((p): p is KeyPart => p !== null);
  return kept.length ? kept.map((p) => (p.value ? `${p.type}:${p.value}` : p.type)).join('/') : null;
}

/** A key part, or null when the value is empty. */
export function part(type: CitationComponentType, raw: string | null | undefined): KeyPart | null {
  const value = keyValue(raw);
  return value === null ? null : { type, value };
}
