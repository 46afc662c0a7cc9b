/**
 * Subject hygiene for the rules engine: an addressee is a noun phrase, never a connective
 * ("However", "Ancak"), a pronoun ("it", "who"), a number ("11 inci") or a list marker ("*9*)").
 * Pronouns are resolved by the caller to the last actor of the same segment.
 */
import { LEADING_CONNECTORS } from './clauses.ts';
import { TRIGGER_LEXICONS } from './triggers.ts';

/** Leading list markers and paragraph numbers: "(a)", "a)", "1.", "*9*)", "iv)", "§ 3". */
const MARKER = /^(?:[*([]*(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})[*)\].]*[.)]\s*|\(\d{1,3}[a-z]?\)\s*|§+\s*\d+\s*|[-–—•·*]\s+)+/iu;
/** Numbers with ordinal suffixes or words ("11 inci", "3rd", "2e", "1º", "第3"). */
const ORDINAL = /^(?:\d+\s*(?:['’.]?\s*(?:inci|ıncı|uncu|üncü|nci|ncı|ncu|ncü|st|nd|rd|th|er|ère|ème|e|º|°|ª))?(?![\p{L}\p{N}])\s*)+/iu;

/** Pronouns and relative words in subject position, across the covered languages. */
const PRONOUNS = new Set([
  'it', 'they', 'he', 'she', 'he or she', 'who', 'which', 'that', 'this', 'these', 'those', 'whom', 'whoever',
  'il', 'elle', 'ils', 'elles', 'qui', 'lequel', 'laquelle', 'celui-ci', 'celle-ci',
  'er', 'sie', 'es', 'welcher', 'welche', 'welches', 'dieser', 'diese', 'dieses',
  'hij', 'zij', 'ze', 'het', 'dit', 'deze',
  'él', 'ella', 'ellos', 'ellas', 'quien', 'quienes', 'este', 'esta', 'éste', 'ésta',
  'esso', 'essa', 'essi', 'esse', 'egli', 'ella', 'chi',
  'ele', 'ela', 'eles', 'elas', 'quem',
  'он', 'она', 'оно', 'они', 'который', 'которая', 'которые', 'він', 'вона', 'вони',
  'o', 'bu', 'onlar', 'bunlar', 'şu',
  'αυτός', 'αυτή', 'αυτό', 'αυτοί', 'ο οποίος', 'η οποία',
  'on', 'ona', 'ono', 'oni', 'one', 'ten', 'ta', 'to', 'który', 'która', 'które',
  'han', 'hon', 'den', 'det', 'de', 'hun', 'þeir',
  'ő', 'ők', 'aki', 'amely', 'hän', 'he', 'se', 'ta', 'nad', 'jis', 'ji', 'jie', 'viņš', 'viņa', 'viņi',
  'el', 'ea', 'ei', 'ele', 'acesta', 'aceasta', 'care',
  'هو', 'هي', 'هم', 'الذي', 'التي', 'הוא', 'היא', 'הם',
  '它', '其', '他', '她', '他们', '它们', '該', '该', 'それ', '彼', '그', '그들',
]);

/** Removes list markers, ordinals and connectives from the edges of a subject; 'unspecified' when nothing nominal is left. */
export function cleanSubject(subject: string): string {
  let s = subject.trim();
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(MARKER, '').replace(ORDINAL, '').replace(LEADING_CONNECTORS, '').replace(/^[\s,;:—–\-"“”«»'()[\]、，：；]+/u, '').trim();
    if (s === before) break;
  }
  s = s.replace(/[\s,;:—–\-"“”«»'(、，：；]+$/u, '').trim();
  if (!/\p{L}/u.test(s)) return 'unspecified';
  // A connective alone ("However", "Ancak") or a stray reference word is not an actor.
  if (LEADING_CONNECTORS.test(`${s} `) && s.replace(LEADING_CONNECTORS, '').trim() === '') return 'unspecified';
  return s;
}

/** True when the subject is a pronoun or relative word (in any covered language), to be resolved. */
export function isPronounSubject(subject: string, language: string): boolean {
  const s = subject.trim().toLowerCase();
  if (PRONOUNS.has(s)) return true;
  const lex = TRIGGER_LEXICONS.get(language);
  return (lex?.pronouns ?? []).some((p) => p.toLowerCase() === s);
}
