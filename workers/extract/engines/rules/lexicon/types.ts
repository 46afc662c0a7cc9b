/**
 * The shape of one language's lexicon file (lexicon/<iso639-3>.ts). `deontic.ts` compiles the
 * triggers; nothing in a lexicon file executes, so a linguist can review one language in one place.
 *
 * Pattern mini-syntax (one string = one trigger; kept as plain strings so linguists can edit them
 * without knowing how they are matched):
 *  - a leading `=` makes the pattern case-sensitive (German nouns are capitalised, verbs are not);
 *  - a leading `~` marks a weak trigger (ambiguous verb such as EN "can", DE "soll", ZH single-char
 *    应); weak triggers count for the recall prefilter but lose against strong ones when a sentence
 *    has both, and lower the confidence of the rules engine;
 *  - a space matches any run of whitespace (`\s+`; `\s*` for unsegmented scripts);
 *  - ` … ` is a short gap: up to 6 words without clause punctuation for space-delimited scripts,
 *    up to 40 characters without clause punctuation for CJK/Thai (German "darf … nicht");
 *  - everything else is JavaScript regular-expression source, matched with the `iu` flags.
 *    Write apostrophes as a plain `'` and Romanian ș/ț with comma-below: the compiler widens them to
 *    the typographic and cedilla variants found in real documents. Never put `'`, ș or ț inside a
 *    `[...]` class, because the widening would corrupt the class;
 *  - Arabic-script letters are widened too (alef/yeh/kaf/teh-marbuta variants, optional harakat and
 *    tatweel), so write the bare undiacritised form.
 * For space-delimited scripts the compiler adds Unicode word boundaries around each pattern
 * (`\b` is ASCII-only and would split "darüber" or "должен"), so a pattern never matches inside a
 * longer word unless it says so with `\p{L}*`.
 */
import type { Modality } from '../../../../../schemas/obligation.ts';

export type Script =
  | 'Latn'
  | 'Cyrl'
  | 'Grek'
  | 'Arab'
  | 'Hebr'
  | 'Deva'
  | 'Beng'
  | 'Hani'
  | 'Jpan'
  | 'Hang'
  | 'Thai';

export interface TriggerLexicon {
  /** ISO 639-3 code. */
  readonly code: string;
  readonly name: string;
  readonly scripts: readonly Script[];
  /** 'space': words are delimited by spaces, patterns get word boundaries; 'none': plain substrings. */
  readonly segmentation: 'space' | 'none';
  /**
   * Where the addressee usually stands relative to the trigger: the rules engine takes the
   * subject from that side. 'SOV' languages put it at the start of the clause, far from the verb.
   */
  readonly subjectSide: 'before' | 'after' | 'SOV';
  /** Letters that can be glued in front of a trigger word (Arabic و/ف, Hebrew ו/ה/ש). */
  readonly proclitics?: string;
  readonly prohibition: readonly string[];
  readonly obligation: readonly string[];
  readonly permission: readonly string[];
  readonly exemption: readonly string[];
  /**
   * Extra recall-only cues for the LLM prefilter (nouns such as "obligation", "right", "penalty"):
   * they never decide a modality, they only keep a segment in the LLM's queue.
   */
  readonly cues?: readonly string[];
  /** Words that are not triggers when written capitalised inside a sentence (EN month "May"). */
  readonly capitalisedNonTriggers?: readonly string[];
}

/** A sentence a test classifies with this language's lexicon; the expected answer is written here. */
export interface LexiconExample {
  readonly sentence: string;
  /** Expected modality, or null when the sentence states no norm. */
  readonly modality: Modality | null;
  /** Expected addressee, when the example checks the subject. */
  readonly subject?: string;
}

/**
 * One language's lexicon file: the triggers plus the data the rules engine needs beyond modal
 * verbs, side by side so a linguist can review one language in one place.
 */
export interface LanguageLexicon extends TriggerLexicon {
  /**
   * Legal-role nouns (controller, processor, provider, operator, authority, Member State, 运营者,
   * 事業者 ...), in the trigger pattern syntax. A role noun as the subject of a present-tense finite
   * verb in an article body states a duty even without a modal verb ("Le responsable du traitement
   * notifie ...", "Aanbieders zorgen ervoor dat ..."): see present-duty.ts.
   */
  readonly roleNouns?: readonly string[];
  /**
   * Words that may open the subject noun phrase before a role noun: articles and quantifiers in the
   * subject case ("the", "each", "le", "l'", "der", "jeder", "ο", "η", "οι", "każde"). A role noun
   * preceded by anything else at the start of a clause (a preposition: "to the controller") is not
   * the subject. Entries ending in an apostrophe attach without a space ("l'autorité").
   */
  readonly determiners?: readonly string[];
  /** Third-person subject pronouns ("it", "il", "elle", "er", "sie"): resolved to the last actor. */
  readonly pronouns?: readonly string[];
  /** Negation words that turn a present-tense duty into a prohibition ("ne … pas", "nicht", "δεν"). */
  readonly negation?: readonly string[];
  /**
   * Verb-initial main clauses: the subject follows the finite verb after a fronted phrase (German
   * "Im Falle … meldet der Verantwortliche", Greek "… λαμβάνουν ο υπεύθυνος …"). The word before the
   * determiner must then be a verb: lower-case, not in `notVerbs`, and, when `presentVerb` is set,
   * matching it.
   */
  readonly inverted?: boolean;
  /**
   * Free word order with case marking: `roleNouns` lists only subject-case (nominative) forms, so a
   * role noun anywhere in a main clause is its subject ("W terminie miesiąca … administrator
   * informuje"). Set for Slavic, Baltic, Finnic, Hungarian, Greek and Romanian lexicons.
   */
  readonly freeOrder?: boolean;
  /**
   * Regex source (one word, case-insensitive) for a finite present-tense verb form. SOV languages
   * (Turkish aorist "alır", Japanese 講ずる) test it on the clause's last word; inverted languages on the
   * word before the subject.
   */
  readonly presentVerb?: string;
  /** Lower-case words that can stand before a subject determiner without being verbs (prepositions, conjunctions). */
  readonly notVerbs?: readonly string[];
  /**
   * Modal verbs that state an ability as often as a permission (English "can"). With a subject
   * that is neither a role noun nor one of `actorWords` they state a capability ("The system can
   * store ten records"), which is no norm. Not set for Dutch/German/Nordic "kan/kann" or Greek
   * "μπορεί": there they are the statutes' ordinary permission verb, passive included ("… können …
   * bereitgestellt werden" = "may be provided"); on GDPR the rule cost 0.1–0.2 agreement in those
   * languages, so it is English-only.
   */
  readonly abilityVerbs?: readonly string[];
  /** Nouns for persons and bodies that can hold a permission besides the role nouns ("person", "court"). */
  readonly actorWords?: readonly string[];
  /** Sentences the tests classify (triggers and present-tense duties). */
  readonly examples?: readonly LexiconExample[];
}
