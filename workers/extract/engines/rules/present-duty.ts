/**
 * Duties stated without a modal verb. Many legal traditions write duties in the plain present
 * indicative ("Le responsable du traitement notifie …", "Aanbieders zorgen ervoor dat …", "Veri
 * sorumlusu … tedbirleri alır", "网络运营者采取措施 …"): French drafting manuals even say the present
 * "a valeur impérative". The rules engine takes such a sentence as a duty when a legal-role noun from
 * the language's lexicon (lexicon/<code>.ts `roleNouns`) is the subject of its main clause: at the
 * start of a clause that is not subordinate, after nothing but a subject-case determiner, or, in
 * verb-initial clauses, right after the finite verb. Definitions are never duties. Confidence is
 * lower than for a modal trigger (see rules-extractor.ts).
 */
import { LEADING_CONNECTORS, SUBORDINATORS } from './clauses.ts';
import { patternSource } from './deontic.ts';
import { TRIGGER_LEXICONS, lexiconCode, type LanguageLexicon } from './triggers.ts';

export interface PresentDuty {
  modality: 'obligation' | 'prohibition';
  /** The subject as written: the role noun phrase (with coordinated roles) or the pronoun. */
  subject: string;
  /** UTF-16 offset of the subject in the sentence. */
  index: number;
  /** True when the subject is a pronoun; the caller resolves it to the last actor. */
  pronoun: boolean;
  language: string;
}

const B = '[\\p{L}\\p{M}\\p{N}]';
const MAX_SENTENCE = 2000;

/** Conjunctions that join coordinated actors ("the controller and the processor", "A、B"). */
const COORDINATOR = "(?:and|or|and/or|et|ou|und|oder|en|of|y|o|e|ou|i|och|eller|og|ja|tai|ning|või|un|vai|ir|arba|oraz|lub|a|alebo|nebo|in|ali|și|sau|és|vagy|και|ή|и|или|u|jew|agus|nó|ve|veya|ya da|و|أو|、|和|及|与|以及|或者|並びに|及び|又は)";

/** Words that introduce a definition: such a sentence names a term, it binds no one. */
const DEFINITION_VERBS = new RegExp(
  `(?<!${B})(?:means|mean|refers to|désigne|désignent|on entend par|bezeichnet|bezeichnen|im Sinne|betekent|wordt verstaan|significa|significam|se entiende|si intende|entende-se|oznacza|oznaczają|означава|означават|означает|означают|означає|znamená|znamenajú|pomeni|pomenijo|znači|tarkoittaa|tarkoitetaan|tähendab|nozīmē|reiškia|jelenti|σημαίνει|νοείται|înseamnă|tfisser|ciallaíonn|avses|betyder|forstås|menes|anlamına gelir|ifade eder|يقصد|يعني|מוגדר|berarti|adalah|nghĩa là|हैं:|का अर्थ)(?!${B})|是指|系指|とは、|という。`,
  'iu',
);

/** A quoted term at the start ("'personal data' means", «données», „Daten"). */
const QUOTED_TERM = /^\s*["'“”‘’«»„‚「『][^"'“”‘’«»„‚「」『』]{1,80}["'“”‘’«»‚」』]/u;

/** List markers and paragraph numbers that open a sentence: "1.", "(a)", "a)", "iv)", "*9*)", "11 inci". */
export const LEADING_MARKER = /^\s*(?:[*([]*(?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,6})[*)\].]*[.)]\s*|\(\d{1,3}[a-z]?\)\s*|[-–—•·*]\s+)/iu;

/**
 * True when the sentence defines a term: a quoted term or a short "Term: …" opening, or a
 * definitional verb ("means", "désigne", "bezeichnet", 是指) in its first 120 characters.
 */
export function isDefinition(sentence: string): boolean {
  const body = sentence.replace(LEADING_MARKER, '');
  if (QUOTED_TERM.test(body) && DEFINITION_VERBS.test(body.slice(0, 200))) return true;
  const colon = body.search(/[:：]/u);
  if (colon > 0 && colon < 60) {
    const term = body.slice(0, colon).trim();
    const rest = body.slice(colon + 1).trim();
    const termWords = term.split(/\s+/u).length;
    // "d) Kişisel veri: …": a short noun phrase, then its meaning. A lead-in ends at its colon.
    if (termWords <= 4 && rest.split(/\s+/u).length >= 3 && !/[,;]/u.test(term)) return true;
  }
  // Unquoted: "Controller means …", "Pour l'application du présent règlement, on entend par …":
  // the definitional word comes after a short term, not as a noun later on ("must have regard to
  // the means of the child").
  const m = DEFINITION_VERBS.exec(body.slice(0, 160));
  if (!m) return false;
  const before = body.slice(0, m.index).trim().split(/\s+/u).filter(Boolean);
  return before.length <= 6 && !/^(?:the|a|an|its|their|his|her|by|of|les|des|ses|leurs)$/iu.test(before[before.length - 1] ?? '');
}

interface CompiledRoles {
  lex: LanguageLexicon;
  /** Role noun at the start of a clause, after optional subject-case determiners. */
  start: RegExp;
  /** Role noun right after a finite verb (verb-initial clauses). */
  inverted: RegExp | null;
  /** Role noun anywhere (coordination extension, CJK). */
  role: RegExp;
  pronoun: RegExp | null;
  negation: RegExp | null;
  verb: RegExp | null;
  notVerbs: ReadonlySet<string>;
  subordinator: RegExp | null;
  /** Any subordinator word, unanchored: where a negation stops belonging to the main clause. */
  subordinateAt: RegExp | null;
}

function alternation(items: readonly string[], lex: LanguageLexicon): string {
  return [...items].sort((a, b) => b.length - a.length).map((s) => patternSource(s, lex)).join('|');
}

function compileRoles(lex: LanguageLexicon): CompiledRoles | null {
  if (!lex.roleNouns?.length) return null;
  const spaced = lex.segmentation === 'space';
  const roles = alternation(lex.roleNouns, lex);
  const after = spaced ? `(?!${B})` : '';
  const dets = lex.determiners ?? [];
  const glued = dets.filter((d) => /['’]$/u.test(d)).map((d) => patternSource(d, lex));
  const free = dets.filter((d) => !/['’]$/u.test(d));
  const detAlt = free.length ? alternation(free, lex) : null;
  const detPrefix = [
    detAlt ? `(?:${detAlt})\\s+(?:[\\p{L}\\p{M}-]+\\s+)??` : null,
    glued.length ? `(?:${glued.join('|')})` : null,
  ].filter(Boolean).join('|');
  const start = new RegExp(`^(?:${detPrefix ? `(?:${detPrefix})` : ''})?(?:${roles})${after}`, 'iu');
  const inverted = lex.inverted
    ? new RegExp(`(?<!${B})([\\p{L}\\p{M}]+)\\s+(${detPrefix ? `(?:${detPrefix})` : ''}(?:${roles})${after})`, 'giu')
    : null;
  const subs = SUBORDINATORS[lex.code];
  return {
    lex,
    start,
    inverted,
    role: new RegExp(`${spaced ? `(?<!${B})` : ''}(?:${detPrefix ? `(?:${detPrefix})` : ''})?(?:${roles})${after}`, 'giu'),
    pronoun: lex.pronouns?.length ? new RegExp(`^(?:${alternation(lex.pronouns, lex)})(?!${B})`, 'iu') : null,
    negation: lex.negation?.length
      ? new RegExp(spaced ? `(?<!${B})(?:${alternation(lex.negation, lex)})(?!${B})` : `(?:${alternation(lex.negation, lex)})`, 'iu')
      : null,
    verb: lex.presentVerb ? new RegExp(`^(?:${lex.presentVerb})$`, 'iu') : null,
    notVerbs: new Set((lex.notVerbs ?? []).map((w) => w.toLowerCase())),
    subordinator: subs?.length ? new RegExp(`^(?:${subs.map((s) => patternSource(s, lex)).join('|')})(?:(?<=['’ʼ])|(?!${B}))`, 'iu') : null,
    subordinateAt: subs?.length ? new RegExp(`(?<!${B})(?:${subs.map((s) => patternSource(s, lex)).join('|')})(?:(?<=['’ʼ])|(?!${B}))`, 'iu') : null,
  };
}

const cache = new Map<string, CompiledRoles | null>();

function rolesFor(code: string): CompiledRoles | null {
  if (cache.has(code)) return cache.get(code) ?? null;
  const lex = TRIGGER_LEXICONS.get(code);
  const c = lex ? compileRoles(lex) : null;
  cache.set(code, c);
  return c;
}

/** Compiles every role lexicon now (the lexicon test calls it so a bad pattern fails in CI). */
export function compileAllRoleLexicons(): number {
  let n = 0;
  for (const code of TRIGGER_LEXICONS.keys()) if (rolesFor(code)) n++;
  return n;
}

/** Languages whose lexicon lists role nouns. */
export function roleLanguages(): string[] {
  return [...TRIGGER_LEXICONS.values()].filter((l) => l.roleNouns?.length).map((l) => l.code);
}

interface Chunk { start: number; end: number }

/** Comma/semicolon/colon-delimited chunks of a sentence, with their offsets. */
function chunksOf(text: string): Chunk[] {
  const out: Chunk[] = [];
  let from = 0;
  for (const m of text.matchAll(/[,;:،؛，；：]/gu)) {
    out.push({ start: from, end: m.index });
    from = m.index + m[0].length;
  }
  out.push({ start: from, end: text.length });
  return out;
}

/** Extends a role subject over coordinated roles ("le responsable du traitement et le sous-traitant"). */
function extendCoordination(c: CompiledRoles, text: string, end: number): number {
  const spaced = c.lex.segmentation === 'space';
  const re = new RegExp(`^${spaced ? '\\s*,?\\s+' : '\\s*'}${COORDINATOR}${spaced ? '\\s+' : '\\s*'}`, 'iu');
  let at = end;
  for (let i = 0; i < 4; i++) {
    const rest = text.slice(at);
    const conj = re.exec(rest) ?? (!spaced ? /^[、，]/u.exec(rest) : null);
    if (!conj) break;
    c.role.lastIndex = 0;
    const next = c.role.exec(rest.slice(conj[0].length));
    if (!next || next.index !== 0) break;
    at += conj[0].length + next[0].length;
  }
  return at;
}

/** The clause's last word, for verb-final languages. */
function lastWord(text: string): string {
  const words = text.replace(/[\s.。;；!?！？)"”»]+$/u, '').split(/[\s、，,]+/u);
  return words[words.length - 1] ?? '';
}

function negated(c: CompiledRoles, rest: string, sov: boolean): boolean {
  if (sov && c.lex.code === 'tur') return /(?:maz|mez|mamalıdır|memelidir)$/iu.test(lastWord(rest));
  if (!c.negation) return false;
  // Only the main clause: "entscheidet …, ob sie sich … befasst oder nicht" is no ban.
  let clause = rest.split(/[,;:.،؛。，；]/u)[0] ?? rest;
  // "… risponde … solo se non ha adempiuto": a negation inside a subordinate clause is not the main verb's.
  const sub = c.subordinateAt?.exec(clause);
  if (sub && sub.index > 0) clause = clause.slice(0, sub.index);
  return c.negation.test(clause);
}

/**
 * The present-tense duty of one sentence, or null. Callers ask only when the sentence has no modal
 * trigger and sits in an article body (not a recital, definition or scope statement).
 */
export function findPresentDuty(sentence: string, lang: string | null): PresentDuty | null {
  const code = lexiconCode(lang);
  const c = code ? rolesFor(code) : null;
  if (!c || !code) return null;
  const text = sentence.length > MAX_SENTENCE ? sentence.slice(0, MAX_SENTENCE) : sentence;
  if (isDefinition(text)) return null;
  const sov = c.lex.subjectSide === 'SOV';
  const spaced = c.lex.segmentation === 'space';
  for (const chunk of chunksOf(text)) {
    const raw = text.slice(chunk.start, chunk.end);
    const marker = LEADING_MARKER.exec(raw)?.[0] ?? (/^\s*/u.exec(raw)?.[0] ?? '');
    let lead = chunk.start === 0 ? marker.length : (/^\s*/u.exec(raw)?.[0].length ?? 0);
    // "However, …" / "Ancak veri sorumlusu …": a connective does not stop the subject from opening the clause.
    lead += LEADING_CONNECTORS.exec(raw.slice(lead))?.[0].length ?? 0;
    const body = raw.slice(lead);
    if (!body) continue;
    if (c.subordinator?.test(body)) continue;
    const at = chunk.start + lead;
    // Past a fronted subordinate clause or a short adverbial ("Par dérogation au paragraphe 7,") the
    // main clause follows; a longer chunk that is neither is the main clause itself.
    const fronted = spaced ? body.trim().split(/\s+/u).length <= 6 : body.length <= 24;
    const m = c.start.exec(body);
    if (m) {
      const end = extendCoordination(c, text, at + m[0].length);
      const rest = text.slice(end);
      // A role noun followed by nothing is not the subject of a verb; one followed by a comma is,
      // when an inserted clause separates it from its verb ("L'autorità …, qualora …, trasmette").
      if (!/^\s*[\p{L}\p{M},]/u.test(rest) && spaced) continue;
      if (!spaced && !sov && /^[的是、和与及或之]/u.test(rest)) continue;
      if (sov && c.verb && !c.verb.test(lastWord(text))) continue;
      // Japanese/Korean subjects carry their topic or subject particle inside the role pattern.
      const subject = text.slice(at, end).replace(/(?:は|が|은|는|이|가)$/u, '');
      return { modality: negated(c, rest, sov) ? 'prohibition' : 'obligation', subject, index: at, pronoun: false, language: code };
    }
    if (c.lex.freeOrder) {
      c.role.lastIndex = 0;
      const any = c.role.exec(body);
      if (any && any.index > 0) {
        const from = at + any.index;
        const end = extendCoordination(c, text, from + any[0].length);
        if (/^\s*[\p{L}\p{M},]/u.test(text.slice(end))) {
          return { modality: negated(c, text.slice(at), sov) ? 'prohibition' : 'obligation', subject: text.slice(from, end), index: from, pronoun: false, language: code };
        }
      }
    }
    const p = c.pronoun?.exec(body);
    if (p && /^\s+[\p{L}\p{M}]/u.test(body.slice(p[0].length))) {
      return { modality: negated(c, body.slice(p[0].length), sov) ? 'prohibition' : 'obligation', subject: p[0], index: at, pronoun: true, language: code };
    }
    if (c.inverted) {
      c.inverted.lastIndex = 0;
      for (const inv of body.matchAll(c.inverted)) {
        const verb = inv[1] ?? '';
        if (verb !== verb.toLowerCase() && inv.index !== 0) continue;
        if (c.notVerbs.has(verb.toLowerCase())) continue;
        if (c.verb && !c.verb.test(verb)) continue;
        const subjectAt = at + inv.index + inv[0].length - (inv[2]?.length ?? 0);
        const end = extendCoordination(c, text, at + inv.index + inv[0].length);
        return { modality: negated(c, text.slice(at), sov) ? 'prohibition' : 'obligation', subject: text.slice(subjectAt, end), index: subjectAt, pronoun: false, language: code };
      }
    }
    if (!fronted) break;
  }
  return null;
}

/**
 * The legal-role noun phrase that opens a clause (after connectors and determiners), with any
 * coordinated roles, or null. Used to pick the addressee before a modal trigger when a relative
 * clause separates it from the verb.
 */
export function findRoleSubject(clause: string, lang: string | null): string | null {
  const code = lexiconCode(lang);
  const c = code ? rolesFor(code) : null;
  if (!c) return null;
  const lead = clause.length - clause.trimStart().length;
  const body = clause.slice(lead);
  const m = c.start.exec(body);
  if (!m) return null;
  const end = extendCoordination(c, clause, lead + m[0].length);
  return clause.slice(lead, end).trim();
}

const abilityCache = new Map<string, { verb: RegExp; actor: RegExp | null } | null>();

/**
 * True when a permission trigger is an ability verb ("can", "kan", "μπορεί") whose subject is no
 * legal actor: "The system can store ten records" states a capability, not a permission.
 */
export function isCapability(trigger: string, subject: string, lang: string | null): boolean {
  const code = lexiconCode(lang);
  if (!code) return false;
  let entry = abilityCache.get(code);
  if (entry === undefined) {
    const lex = TRIGGER_LEXICONS.get(code);
    entry = lex?.abilityVerbs?.length
      ? {
        verb: new RegExp(`^(?:${alternation(lex.abilityVerbs, lex)})$`, 'iu'),
        actor: lex.actorWords?.length ? new RegExp(`(?<!${B})(?:${alternation(lex.actorWords, lex)})(?!${B})`, 'iu') : null,
      }
      : null;
    abilityCache.set(code, entry);
  }
  if (!entry || !entry.verb.test(trigger.trim())) return false;
  if (subject === 'unspecified') return false;
  const c = rolesFor(code);
  if (c) {
    c.role.lastIndex = 0;
    if (c.role.test(subject)) return false;
  }
  return !entry.actor?.test(subject);
}
