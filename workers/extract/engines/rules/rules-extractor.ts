/**
 * Rules engine: one obligation per sentence that carries a deontic trigger. Deterministic, no model,
 * no network; it is the baseline the LLM engine is measured against and the fallback when no model
 * is available. It cannot translate: `subjectEn` / `actionEn` repeat the source-language text.
 */
import type { ExtractedObligation, Modality } from '../../../../schemas/obligation.ts';
import type { Extractor, ExtractorInfo, SegmentInput, SegmentResult } from '../../extractor.ts';
import {
  CJK_CONDITION,
  CJK_EXCEPTION,
  CONDITION_MARKERS,
  CROSS_REFERENCE_PATTERNS,
  DEADLINE_PATTERNS,
  DETERMINERS,
  EXCEPTION_MARKERS,
  GENERIC_DEADLINE,
  LEADING_CONNECTORS,
  PENALTY_PATTERNS,
  SUBORDINATORS,
  wordRegex,
} from './clauses.ts';
import { classifySentence, type DeonticClassification } from './deontic.ts';
import { findPresentDuty, findRoleSubject, isCapability, isDefinition, type PresentDuty } from './present-duty.ts';
import { cleanSubject, isPronounSubject } from './subjects.ts';
import { COVERED_LANGUAGES, TRIGGER_LEXICONS, lexiconCode } from './triggers.ts';
import type { SegmentKind } from '../../../../schemas/text.ts';
import { listStructure, type ListRole } from '../../../../services/ingest/segments/enumerations.ts';

/**
 * rules-v2: definitions are never normative, present-tense duties of legal-role subjects, subjects
 * cleaned of connectives/pronouns/numbers/list markers, pronouns resolved to the last actor.
 */
export const RULES_PROMPT_VERSION = 'rules-v2';

const MAX_SUBJECT = 300;
const MAX_ACTION = 300;
const MAX_CLAUSE = 300;
const FALLBACK_SUBJECT_CHARS = 80;
/** Lists multiply norms (one per item); GDPR's longest article yields 40 with items. */
const MAX_PER_SEGMENT = 64;

/** Cuts at a word boundary so capped fields do not end mid-word. */
function cap(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trim();
}

/** Trims list markers, dashes, quotes and clause punctuation left at the edges of a fragment. */
function tidy(text: string): string {
  return text
    .replace(/^[\s,;:—–\-"“”«»'()[\]、，：；]+/u, '')
    .replace(/^\(?(?:[a-z]{1,3}|[ivxlc]{1,5}|\d{1,3})[.)]\s+/iu, '')
    .replace(/[\s,;:—–\-"“”«»'(、，：；]+$/u, '')
    .trim();
}

const hasLetter = /\p{L}/u;

function lastClauseChunk(pre: string): string {
  // 、 joins coordinated nouns in Chinese/Japanese ("A、B应当"), so it does not end a clause.
  const parts = pre.split(/[,;:،，：；]/u);
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i] ?? '';
    if (hasLetter.test(p)) return p;
  }
  return '';
}

/**
 * Subject before the trigger (SVO): the last comma-delimited chunk before it, minus connectors; when
 * that chunk is long ("In the case of a breach the controller shall"), the noun phrase from the last
 * determiner.
 */
function subjectBefore(pre: string): string {
  let chunk = tidy(tidy(lastClauseChunk(pre)).replace(LEADING_CONNECTORS, ''));
  // German/Scandinavian inversion ("Erfolgt ..., so ist") leaves only a particle, which was stripped.
  if (!/\p{L}{2,}/u.test(chunk)) return '';
  const words = chunk.split(/\s+/u);
  if (words.length > 8) {
    const tail = words.slice(-8);
    let from = -1;
    for (let i = 0; i < tail.length - 1; i++) {
      if (DETERMINERS.test(tail[i] ?? '')) from = i;
    }
    chunk = (from >= 0 ? tail.slice(from) : tail.slice(-5)).join(' ');
  }
  return tidy(chunk);
}

/** Subject after the trigger (VSO: Arabic "يلتزم المتحكم", Irish "Cuirfidh an próiseálaí"). */
function subjectAfter(post: string, language: string): string {
  let text = post.trimStart();
  if (language === 'ara') text = text.replace(/^على\s+/u, '');
  const clause = text.split(/[,;:.،؛]/u)[0] ?? '';
  const words = clause.split(/\s+/u).filter(Boolean);
  const stop = language === 'ara' ? /^(?:أن|بأن|ب\p{L}+)$/u : /^(?:ar|do|le|chun|go|a|to|that)$/iu;
  // Irish/Tagalog: article + noun ("an próiseálaí"); Arabic: a noun and its idafa complements.
  const limit = language === 'ara' ? 3 : /^(?:an|na|ang|ng|mga)$/iu.test(words[0] ?? '') ? 2 : 1;
  const out: string[] = [];
  for (const w of words) {
    if (stop.test(w) || out.length >= limit) break;
    out.push(w);
  }
  return tidy(out.join(' '));
}

/** Verb-second languages put the subject after the finite verb when something else is fronted. */
const V2_LANGUAGES = new Set(['deu', 'nld', 'swe', 'dan', 'nob', 'isl', 'afr']);

function invertedSubject(pre: string, post: string, language: string): string | null {
  if (!V2_LANGUAGES.has(language)) return null;
  const chunk = tidy(lastClauseChunk(pre));
  const firstWord = chunk.split(/\s+/u)[0] ?? '';
  const frontedNonSubject = !hasLetter.test(chunk) || /[,;:]\s*$/u.test(pre) || !DETERMINERS.test(firstWord);
  if (!frontedNonSubject) return null;
  const m = /^\s*([\p{L}'’-]+)\s+([\p{L}'’-]+)(?:\s+([\p{L}'’-]+))?/u.exec(post);
  if (!m?.[1] || !m[2] || !DETERMINERS.test(m[1])) return null;
  // German nouns are capitalised: keep an adjective in between ("der zuständige Verantwortliche").
  if (language === 'deu' && m[3] && !/^\p{Lu}/u.test(m[2]) && /^\p{Lu}/u.test(m[3])) return `${m[1]} ${m[2]} ${m[3]}`;
  return `${m[1]} ${m[2]}`;
}

/** Subject of verb-final languages: the topic/subject-marked phrase at the start of the clause. */
function subjectSov(pre: string, language: string): string {
  const clause = pre.trimStart();
  if (language === 'jpn') {
    const m = /^(.{1,60}?)(?:は|が)[、，]/u.exec(clause) ?? /^(.{1,40}?)(?:は|が)/u.exec(clause);
    return m?.[1] ? tidy(m[1]) : '';
  }
  if (language === 'kor') {
    const m = /^(\S+?)(?:은|는|이|가)(?=\s)/u.exec(clause);
    return m?.[1] ? tidy(m[1]) : '';
  }
  const chunk = clause.split(/[,;:،，]/u)[0] ?? '';
  if (language === 'hin' || language === 'urd' || language === 'ben') {
    const m = /^(.{1,80}?)\s(?:को|ने|का|की|کو|نے|কে|এর)(?=\s)/u.exec(chunk);
    if (m?.[1]) return tidy(m[1]);
  }
  return tidy(chunk.split(/\s+/u).slice(0, 3).join(' '));
}

/** Relative and complement words that open a clause but never a subject noun phrase. */
const RELATIVE_OPENER = /^(?:who|whom|whose|which|that|where|qui|que|dont|lequel|laquelle|welche[rs]?|wer|die|dat|waarvan|quien|quienes|cuyo|cui|il quale|la quale|który|która|które|который|которая|которые)(?![\p{L}\p{M}])/iu;

function extractSubject(sentence: string, c: DeonticClassification): string {
  const lex = TRIGGER_LEXICONS.get(c.language);
  const pre = sentence.slice(0, c.index);
  const post = sentence.slice(c.index + c.trigger.length);
  let subject = '';
  // The Arabic "على X أن" construction carries its addressee inside the trigger itself.
  const inTrigger = /^على\s+(.+?)\s+أن$/u.exec(c.trigger);
  if (inTrigger?.[1]) subject = inTrigger[1];
  else if (lex?.subjectSide === 'after') subject = subjectAfter(post, c.language);
  else if (lex?.subjectSide === 'SOV') subject = subjectSov(pre, c.language);
  else if (lex?.segmentation === 'none') subject = tidy(lastClauseChunk(pre));
  else subject = invertedSubject(pre, post, c.language) ?? subjectBefore(pre);
  // A legal-role noun phrase in the clause before the trigger is the addressee even when a relative
  // clause sits between it and the verb ("The supervisory authority with which a complaint has
  // been lodged shall").
  if (lex?.subjectSide === 'before' && lex.segmentation === 'space') {
    const role = findRoleSubject(lastClauseChunk(pre), c.language);
    if (role) subject = role;
  } else if (lex?.subjectSide === 'SOV') {
    // Verb-final: the role noun that opens the sentence ("Veri sorumlusu … gerekli tedbirleri alır").
    const role = findRoleSubject(pre.replace(/^[\s\d().a-z]*?(?=\p{L}{2})/iu, ''), c.language);
    if (role) subject = role.replace(/(?:は|が|은|는|이|가)$/u, '');
  }
  // "The processor and any person …, who has access to personal data, shall not": a chunk that
  // opens with a relative word is not the subject; the role noun opening the sentence is.
  if (RELATIVE_OPENER.test(subject)) {
    const role = findRoleSubject(pre.replace(/^[\s\d().a-z]*?(?=\p{L}{2})/iu, ''), c.language);
    if (role) subject = role;
  }
  if (!hasLetter.test(subject)) subject = cap(tidy(pre), FALLBACK_SUBJECT_CHARS);
  if (!hasLetter.test(subject)) subject = 'unspecified';
  return cap(subject, MAX_SUBJECT);
}

const markerCache = new Map<string, { condition: RegExp | null; exception: RegExp | null }>();

function markersFor(language: string): { condition: RegExp | null; exception: RegExp | null } {
  const hit = markerCache.get(language);
  if (hit) return hit;
  const cond = CONDITION_MARKERS[language];
  const exc = EXCEPTION_MARKERS[language];
  const entry = {
    condition: cond?.length ? wordRegex(cond.map((m) => m.replace(/ /g, '\\s+').replace(/'/g, "['’]"))) : null,
    exception: exc?.length ? wordRegex(exc.map((m) => m.replace(/ /g, '\\s+').replace(/'/g, "['’]"))) : null,
  };
  markerCache.set(language, entry);
  return entry;
}

/** Text from a marker to the end of its clause: the next comma when the clause is fronted, else the sentence end. */
function clauseFrom(sentence: string, start: number, stopAtComma: boolean, limit: number): string {
  const rest = sentence.slice(start, Math.max(start, limit));
  if (!stopAtComma) {
    const end = sentence.slice(start).search(/[;:.؛。；]/u);
    return cap(tidy(end > 0 ? sentence.slice(start, start + end) : sentence.slice(start)), MAX_CLAUSE);
  }
  // "Where, and in so far as, it is not possible ..., the information may": skip commas that would
  // leave a clause of fewer than three words.
  const re = /[,;:.،؛。；，]/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(rest)) !== null) {
    const candidate = rest.slice(0, m.index);
    if (candidate.trim().split(/\s+/u).length >= 3) return cap(tidy(candidate), MAX_CLAUSE);
  }
  return cap(tidy(rest), MAX_CLAUSE);
}

function findClause(sentence: string, re: RegExp | null, triggerIndex: number): string | null {
  if (!re) return null;
  const m = re.exec(sentence);
  if (!m) return null;
  // A fronted clause ("Where X, the controller shall") ends at its comma; a trailing one
  // ("... unless X") runs to the end of the sentence.
  const fronted = m.index < triggerIndex;
  return clauseFrom(sentence, m.index, fronted, fronted ? triggerIndex : sentence.length) || null;
}

/** Time adverbials that can open the action slot before the verb ("shall without undue delay ... notify"). */
const OPENING_ADVERBIAL =
  /^(?:without|within|not later than|no later than|immediately|promptly|forthwith|unverzüglich|innerhalb|binnen|spätestens|dans|sans|au plus tard|sin|en un plazo|a más tardar|senza|entro|sem|no prazo|zonder|binnen|uiterlijk)(?![\p{L}])/iu;

function extractAction(sentence: string, c: DeonticClassification, subject: string, deadline: string | null): string {
  const lex = TRIGGER_LEXICONS.get(c.language);
  const post = sentence.slice(c.index + c.trigger.length);
  let action = '';
  if (lex?.subjectSide === 'SOV') {
    // Verb-final: the action sits between the subject and the trigger.
    const pre = sentence.slice(0, c.index);
    const at = subject && subject !== 'unspecified' ? pre.indexOf(subject) : -1;
    action = tidy(at >= 0 ? pre.slice(at + subject.length).replace(/^(?:は|が|은|는|이|가)/u, '') : lastClauseChunk(pre));
  } else {
    let text = post;
    if (lex?.subjectSide === 'after' && subject && text.includes(subject)) text = text.slice(text.indexOf(subject) + subject.length);
    const { exception } = markersFor(c.language);
    const end = text.search(/[;.؛。；]/u);
    text = end > 0 ? text.slice(0, end) : text;
    if (exception) {
      const m = exception.exec(text);
      if (m && m.index > 0) text = text.slice(0, m.index);
    }
    action = tidy(text);
    // Inverted V2 order repeats the subject right after the trigger ("kann der Verantwortliche ...").
    if (subject && action.startsWith(subject)) action = tidy(action.slice(subject.length));
    // "shall without undue delay and, where feasible, not later than 72 hours after ..., notify":
    // drop the deadline adverbial that opens the action.
    const at = deadline ? action.indexOf(deadline) : -1;
    if (deadline && at >= 0 && at < 80 && OPENING_ADVERBIAL.test(action)) {
      const rest = tidy(action.slice(at + deadline.length));
      if (rest.split(/\s+/u).length >= 2) action = rest;
    }
  }
  if (!hasLetter.test(action)) action = c.trigger;
  return cap(action, MAX_ACTION);
}

function extractDeadline(sentence: string, language: string): string | null {
  const patterns = DEADLINE_PATTERNS[language] ?? [];
  let vague: string | null = null;
  for (const re of patterns) {
    const m = re.exec(sentence);
    if (!m) continue;
    // Prefer a concrete period or date over "without undue delay" when a sentence has both.
    if (/\d|[一二三四五六七八九十]/u.test(m[0])) return cap(tidy(m[0]), MAX_CLAUSE);
    vague ??= m[0];
  }
  if (vague) return cap(tidy(vague), MAX_CLAUSE);
  if (patterns.length === 0) {
    const m = GENERIC_DEADLINE.exec(sentence);
    if (m) return cap(tidy(m[0]), MAX_CLAUSE);
  }
  return null;
}

function extractPenalty(sentence: string): string | null {
  for (const re of PENALTY_PATTERNS) {
    const m = re.exec(sentence);
    if (m) return cap(tidy(m[0]), 400);
  }
  return null;
}

function extractCrossReferences(sentence: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const re of CROSS_REFERENCE_PATTERNS) {
    re.lastIndex = 0;
    for (const m of sentence.matchAll(re)) {
      const ref = cap(m[0].replace(/\s+/gu, ' ').trim(), 120);
      const key = ref.toLowerCase();
      if (ref.length < 3 || seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
      if (out.length >= 10) return out;
    }
  }
  return out;
}

function confidenceOf(c: DeonticClassification): number {
  if (c.strength === 'weak') return 0.5;
  return c.mainClause ? 0.7 : 0.6;
}

/** A trigger found by the lexicon, or a present-tense duty standing in for one. */
type Finding = { kind: 'trigger'; c: DeonticClassification } | { kind: 'present'; d: PresentDuty };

/** Builds the obligation for one classified sentence; exported for tests and the bench. */
export function obligationFromSentence(
  sentence: string,
  sentenceId: number,
  c: DeonticClassification,
): ExtractedObligation {
  return buildObligation(sentence, sentenceId, { kind: 'trigger', c });
}

function buildObligation(sentence: string, sentenceId: number, f: Finding): ExtractedObligation {
  const c: DeonticClassification = f.kind === 'trigger'
    ? f.c
    // A present-tense duty has no trigger word: the clause from its subject on plays that part, so
    // the action is read after the subject and conditions are placed relative to it.
    : { modality: f.d.modality, trigger: f.d.subject, index: f.d.index, strength: 'weak', mainClause: true, language: f.d.language };
  const language = c.language;
  const subject = f.kind === 'trigger' ? extractSubject(sentence, c) : cap(f.d.subject, MAX_SUBJECT);
  const deadline = extractDeadline(sentence, language);
  const action = f.kind === 'trigger'
    ? extractAction(sentence, c, subject, deadline)
    : presentAction(sentence, f.d, language);
  let condition: string | null;
  let exceptions: string | null;
  if (language === 'cmn' || language === 'jpn') {
    condition = CJK_CONDITION[language].exec(sentence)?.[0] ?? null;
    exceptions = CJK_EXCEPTION[language].exec(sentence)?.[0] ?? null;
  } else {
    const markers = markersFor(language);
    condition = findClause(sentence, markers.condition, c.index);
    exceptions = findClause(sentence, markers.exception, c.index);
  }
  const modality: Modality = c.modality;
  return {
    sentenceIds: [sentenceId],
    modality,
    subject,
    action,
    object: null,
    condition: condition ? cap(tidy(condition), MAX_CLAUSE) : null,
    exceptions: exceptions ? cap(tidy(exceptions), MAX_CLAUSE) : null,
    deadline,
    penalty: extractPenalty(sentence),
    crossReferences: extractCrossReferences(sentence),
    // The rules engine cannot translate: for non-English input the *En fields repeat the source text.
    subjectEn: subject,
    actionEn: action,
    confidence: f.kind === 'trigger' ? confidenceOf(c) : f.d.pronoun ? PRESENT_PRONOUN_CONFIDENCE : PRESENT_CONFIDENCE,
    // The whole sentence is the quote: rules have no sub-span that would be more precise.
    span: null,
    leadInSentenceId: null,
  };
}

/**
 * A duty in the plain present tense carries less evidence than a modal verb: measured on GDPR, it
 * is right for a role-noun subject most of the time but not as reliably as "shall" (see BENCHMARKS).
 */
const PRESENT_CONFIDENCE = 0.45;
const PRESENT_PRONOUN_CONFIDENCE = 0.4;

/** The action of a present-tense duty: the clause after its subject, up to the sentence's end. */
function presentAction(sentence: string, d: PresentDuty, language: string): string {
  const lex = TRIGGER_LEXICONS.get(language);
  let text = sentence.slice(d.index + d.subject.length);
  if (lex?.subjectSide === 'SOV' || d.index > 0 && lex?.inverted) {
    // Verb-final or verb-initial clause: the whole clause is the action.
    text = sentence.slice(0, d.index).replace(/^[\s\d().a-z]*?(?=\p{L}{2})/iu, '') + ' ' + text;
  }
  const end = text.search(/[;.؛。；]/u);
  const action = tidy((end > 0 ? text.slice(0, end) : text).replace(/^[はが은는이가]/u, ''));
  return cap(hasLetter.test(action) ? action : sentence, MAX_ACTION);
}

/**
 * True when the trigger sits in a comma-delimited chunk that opens with a subordinator (", um … zu
 * können"): the main clause is elsewhere. A relative clause inside the subject ("L'autorità … che
 * … può presentare") is not such a chunk, and its trigger stays the sentence's modality.
 */
function inFrontedSubordinate(sentence: string, c: DeonticClassification): boolean {
  const before = sentence.slice(0, c.index);
  const from = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':')) + 1;
  if (from <= 0) return false;
  const subs = SUBORDINATORS[c.language];
  if (!subs?.length) return false;
  return wordRegex(subs.map((w) => w.replace(/ /g, '\\s+'))).exec(before.slice(from).trimStart())?.index === 0;
}

/** Segment kinds whose sentences may state a duty without a modal verb. */
const PRESENT_DUTY_KINDS: ReadonlySet<SegmentKind> = new Set(['article', 'annex', 'table', 'other']);

/** List roles of a segment's sentences (lead-in / item / plain), read from the sentences joined by newlines. */
function listRolesOf(sentences: readonly string[]): ListRole[] {
  let text = '';
  const spans = sentences.map((s) => {
    const start = text.length;
    text += `${s}\n`;
    return { start, end: start + s.length };
  });
  return listStructure(text, spans);
}

/** An item's own words, without its marker ("(b) keep records" → "keep records"). */
function itemAction(sentence: string, marker: string | null): string {
  const trimmed = sentence.trimStart();
  const body = marker && trimmed.startsWith(marker) ? trimmed.slice(marker.length) : trimmed;
  const action = tidy(body.replace(/[;,.]\s*(?:(?:and|or|et|ou|und|oder|en|of|y|o|e|i|и|или|ja|tai|és|vagy|και|ή|oraz|lub|albo|a|și|sau)\s*)?$/iu, ''));
  return cap(hasLetter.test(action) ? action : sentence.trim(), MAX_ACTION);
}

/** Synchronous core, for callers (bench, tests) that want the obligations without the interface. */
export function extractObligations(input: SegmentInput): ExtractedObligation[] {
  const lang = lexiconCode(input.language) ?? input.language;
  const requested = lang === 'und' ? null : lang;
  const presentAllowed = input.kind === undefined || PRESENT_DUTY_KINDS.has(input.kind);
  const roles = listRolesOf(input.sentences);
  const found = new Map<number, ExtractedObligation>();
  /** Lead-ins whose items became norms: the items state the duties, the lead-in is their shared context. */
  const leadInsWithItems = new Set<number>();
  let lastActor: string | null = null;
  input.sentences.forEach((sentence, i) => {
    // A definition names a term; any "may" inside it describes, it does not permit.
    if (input.kind === 'definition' || isDefinition(sentence)) return;
    const role = roles[i];
    const lead = role?.role !== 'plain' && role?.leadIn != null ? found.get(role.leadIn) : undefined;
    const c = classifySentence(sentence, requested);
    let ob: ExtractedObligation | null = null;
    // A modal that only sits in a subordinate clause ("…, um den Nachweis erbringen zu können") is
    // weaker evidence than a role noun governing the main clause in the present tense.
    const present = c && !c.mainClause && presentAllowed && inFrontedSubordinate(sentence, c) ? findPresentDuty(sentence, requested) : null;
    if (present) ob = buildObligation(sentence, i, { kind: 'present', d: present });
    else if (c) {
      ob = obligationFromSentence(sentence, i, c);
      // "The system can store ten records": an ability, not a permission.
      if (c.modality === 'permission' && isCapability(c.trigger, ob.subject, c.language)) ob = null;
    } else if (lead) {
      // An item without a trigger of its own inherits actor and modality from its lead-in.
      const action = itemAction(sentence, role?.marker ?? null);
      ob = {
        ...lead, sentenceIds: [i], action, actionEn: action, object: null, deadline: extractDeadline(sentence, requested ?? ''),
        penalty: extractPenalty(sentence), crossReferences: extractCrossReferences(sentence), span: null,
        confidence: Math.max(0.3, lead.confidence - 0.05),
      };
    } else if (presentAllowed) {
      const d = findPresentDuty(sentence, requested);
      if (d) ob = buildObligation(sentence, i, { kind: 'present', d });
    }
    if (!ob) return;
    const language = c?.language ?? requested ?? '';
    let subject = cleanSubject(ob.subject);
    if (isPronounSubject(subject, language) || (lead && subject === 'unspecified')) subject = lead?.subject ?? lastActor ?? 'unspecified';
    else if (subject !== 'unspecified') lastActor = subject;
    if (lead && role?.leadIn != null) {
      leadInsWithItems.add(role.leadIn);
      ob = { ...ob, leadInSentenceId: role.leadIn };
    }
    found.set(i, { ...ob, subject, subjectEn: subject });
  });
  const out = [...found.entries()].filter(([i]) => !leadInsWithItems.has(i)).map(([, o]) => o);
  return out.slice(0, MAX_PER_SEGMENT);
}

export function createRulesExtractor(): Extractor {
  const info: ExtractorInfo = {
    engine: 'rules',
    modelName: null,
    modelSha256: null,
    promptVersion: RULES_PROMPT_VERSION,
    params: { languages: COVERED_LANGUAGES.length },
  };
  return {
    info,
    extractSegment(input: SegmentInput, signal?: AbortSignal): Promise<SegmentResult> {
      if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return Promise.resolve({ obligations: extractObligations(input), promptTokens: 0, completionTokens: 0 });
    },
    close(): Promise<void> {
      return Promise.resolve();
    },
  };
}
