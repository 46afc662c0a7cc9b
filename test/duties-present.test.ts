import { describe, expect, it } from 'vitest';
import type { Modality } from '../schemas/obligation.ts';
import type { SegmentKind } from '../schemas/text.ts';
import { compileAllRoleLexicons, isDefinition, roleLanguages } from '../workers/extract/engines/rules/present-duty.ts';
import { extractObligations } from '../workers/extract/engines/rules/rules-extractor.ts';
import { COVERED_LANGUAGES, TRIGGER_LEXICONS } from '../workers/extract/engines/rules/triggers.ts';

/** The rules engine on one segment; expected answers below are written out, never derived. */
function rules(language: string, sentences: string[], kind: SegmentKind = 'article') {
  return extractObligations({ citation: 'Article 1', heading: null, language, kind, sentences });
}

/** Duties in the plain present tense, without a modal verb (issue 9, item 5). */
const PRESENT: readonly { lang: string; sentence: string; subject: string; modality: Modality }[] = [
  { lang: 'nld', sentence: 'Aanbieders zorgen ervoor dat hun AI-systemen voldoen aan de eisen van deze afdeling.', subject: 'Aanbieders', modality: 'obligation' },
  { lang: 'ell', sentence: 'Ο υπεύθυνος επεξεργασίας λαμβάνει τα κατάλληλα τεχνικά και οργανωτικά μέτρα.', subject: 'Ο υπεύθυνος επεξεργασίας', modality: 'obligation' },
  { lang: 'tur', sentence: 'Veri sorumlusu kişisel verilerin güvenliği için gerekli tedbirleri alır.', subject: 'Veri sorumlusu', modality: 'obligation' },
  { lang: 'fra', sentence: "Le responsable du traitement notifie la violation à l'autorité de contrôle.", subject: 'Le responsable du traitement', modality: 'obligation' },
  { lang: 'rus', sentence: 'Оператор представляет в уполномоченный орган уведомление о намерении осуществлять обработку персональных данных.', subject: 'Оператор', modality: 'obligation' },
  { lang: 'cmn', sentence: '网络运营者采取技术措施，防范计算机病毒和网络攻击。', subject: '网络运营者', modality: 'obligation' },
  { lang: 'deu', sentence: 'Im Falle einer Verletzung meldet der Verantwortliche diese unverzüglich der Aufsichtsbehörde.', subject: 'der Verantwortliche', modality: 'obligation' },
  { lang: 'ita', sentence: 'Il titolare del trattamento mette in atto misure tecniche e organizzative adeguate.', subject: 'Il titolare del trattamento', modality: 'obligation' },
  { lang: 'spa', sentence: 'El responsable del tratamiento aplica medidas técnicas y organizativas apropiadas.', subject: 'El responsable del tratamiento', modality: 'obligation' },
  { lang: 'por', sentence: 'O subcontratante notifica o responsável pelo tratamento sem demora injustificada.', subject: 'O subcontratante', modality: 'obligation' },
  { lang: 'pol', sentence: 'Administrator prowadzi rejestr czynności przetwarzania.', subject: 'Administrator', modality: 'obligation' },
  { lang: 'pol', sentence: 'W terminie miesiąca od otrzymania żądania administrator informuje osobę o przedłużeniu terminu.', subject: 'administrator', modality: 'obligation' },
  { lang: 'jpn', sentence: '個人情報取扱事業者は、安全管理のために必要な措置を講ずる。', subject: '個人情報取扱事業者', modality: 'obligation' },
  { lang: 'ara', sentence: 'يتخذ المتحكم التدابير اللازمة لحماية البيانات الشخصية.', subject: 'المتحكم', modality: 'obligation' },
  // Negated present tense: a prohibition.
  { lang: 'fra', sentence: "Le sous-traitant ne recrute pas un autre sous-traitant sans l'autorisation écrite du responsable du traitement.", subject: 'Le sous-traitant', modality: 'prohibition' },
  { lang: 'deu', sentence: 'Der Auftragsverarbeiter nimmt keinen weiteren Auftragsverarbeiter ohne Genehmigung in Anspruch.', subject: 'Der Auftragsverarbeiter', modality: 'prohibition' },
  { lang: 'tur', sentence: 'Veri sorumlusu kişisel verileri üçüncü kişilere aktarmaz.', subject: 'Veri sorumlusu', modality: 'prohibition' },
];

describe('present-tense duties (no modal verb)', () => {
  it('has role nouns for every language with triggers, and they compile', () => {
    expect(roleLanguages().sort()).toEqual([...COVERED_LANGUAGES].sort());
    expect(compileAllRoleLexicons()).toBe(COVERED_LANGUAGES.length);
  });

  it('covers at least 10 languages in this file', () => {
    expect(new Set(PRESENT.map((c) => c.lang)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(PRESENT)('$lang: "$sentence" → $modality of $subject', ({ lang, sentence, subject, modality }) => {
    const [o, ...rest] = rules(lang, [sentence]);
    expect(rest).toHaveLength(0);
    expect(o?.modality).toBe(modality);
    expect(o?.subject).toBe(subject);
    // Less evidence than a modal verb.
    expect(o?.confidence).toBeLessThan(0.6);
  });

  it('reads present-tense duties only in article text, not in recitals or definitions', () => {
    const s = "Le responsable du traitement notifie la violation à l'autorité de contrôle.";
    expect(rules('fra', [s], 'recital')).toHaveLength(0);
    expect(rules('fra', [s], 'definition')).toHaveLength(0);
    expect(rules('fra', [s], 'annex')).toHaveLength(1);
  });

  it('takes no scope statement or plain description for a duty', () => {
    expect(rules('fra', ["Le présent règlement s'applique au traitement de données à caractère personnel."])).toHaveLength(0);
    expect(rules('eng', ['This Regulation lays down rules relating to the protection of natural persons.'])).toHaveLength(0);
    expect(rules('deu', ['Diese Verordnung gilt für die Verarbeitung personenbezogener Daten.'])).toHaveLength(0);
    // A role noun that is not the subject ("to the controller") states nothing.
    expect(rules('eng', ['Information relating to the controller is listed in Annex I.'])).toHaveLength(0);
  });
});

describe('modality fixes', () => {
  it('never takes a definition for a norm, even with a modal verb inside', () => {
    expect(rules('eng', ["'controller' means the natural or legal person which determines the purposes of processing, and which may be designated by Member State law."])).toHaveLength(0);
    expect(rules('tur', ['d) Kişisel veri: Kimliği belirli veya belirlenebilir gerçek kişiye ilişkin her türlü bilgiyi ifade eder.'])).toHaveLength(0);
    expect(isDefinition('« données à caractère personnel » désigne toute information se rapportant à une personne physique identifiée.')).toBe(true);
    // "the means of" is a noun, not a definition.
    expect(isDefinition('A local authority must have regard to the means of the child concerned.')).toBe(false);
  });

  it('reads English "can" with a non-actor subject as a capability, and with an actor as a permission', () => {
    expect(rules('eng', ['The system can store up to ten records.'])).toHaveLength(0);
    expect(rules('eng', ['The supervisory authority can order the suspension of data flows.']).map((o) => o.modality)).toEqual(['permission']);
  });

  it('labels a negated passive duty a prohibition', () => {
    expect(rules('eng', ['Personal data shall not be processed for other purposes.']).map((o) => o.modality)).toEqual(['prohibition']);
    expect(rules('deu', ['Personenbezogene Daten dürfen nicht für andere Zwecke verarbeitet werden.']).map((o) => o.modality)).toEqual(['prohibition']);
  });

  it('does not take an authorised body ("уполномоченный орган") for a permission', () => {
    expect(rules('rus', ['Оператор направляет уведомление в уполномоченный орган.']).map((o) => o.modality)).toEqual(['obligation']);
  });
});

describe('subjects', () => {
  it('never a connective', () => {
    expect(rules('eng', ['However, the controller shall keep records.'])[0]?.subject).toBe('the controller');
    expect(rules('tur', ['Ancak veri sorumlusu bu bilgileri siler.'])[0]?.subject).toBe('veri sorumlusu');
  });

  it('never a list marker or an ordinal', () => {
    expect(rules('eng', ['*9*) Every Consent Manager shall keep a record of consents.'])[0]?.subject).toBe('Every Consent Manager');
  });

  it('resolves pronouns to the last actor of the segment', () => {
    const found = rules('eng', [
      'The lead supervisory authority shall cooperate with the other supervisory authorities concerned.',
      'It shall without delay submit a draft decision to the other supervisory authorities concerned.',
    ]);
    expect(found.map((o) => o.subject)).toEqual(['The lead supervisory authority', 'The lead supervisory authority']);
    const fr = rules('fra', [
      "L'autorité de contrôle chef de file communique sans tarder les informations utiles.",
      'Elle soumet sans tarder un projet de décision aux autres autorités de contrôle concernées.',
    ]);
    expect(fr.map((o) => o.subject)).toEqual(["L'autorité de contrôle", "L'autorité de contrôle"]);
  });

  it('keeps coordinated actors', () => {
    expect(rules('cmn', ['网络运营者、网络产品提供者应当保护用户信息。'])[0]?.subject).toBe('网络运营者、网络产品提供者');
    expect(rules('eng', ['The controller and the processor shall designate a data protection officer.'])[0]?.subject).toBe('The controller and the processor');
    expect(rules('fra', ['Le responsable du traitement et le sous-traitant tiennent un registre.'])[0]?.subject).toBe('Le responsable du traitement et le sous-traitant');
  });

  it('takes the role noun, not a relative clause, as the addressee', () => {
    expect(rules('eng', ['The supervisory authority with which a complaint has been lodged shall inform the complainant on the decision.'])[0]?.subject)
      .toBe('The supervisory authority');
  });
});

describe('lists: lead-in and items', () => {
  it('gives one norm per item, inheriting actor and modality, with the lead-in id', () => {
    const found = rules('eng', [
      '1. The operator shall keep the following records:',
      '(a) the name of each customer;',
      '(b) the date of each sale.',
      '2. The operator must not sell the records.',
    ]);
    expect(found.map((o) => [o.sentenceIds, o.modality, o.subject, o.leadInSentenceId])).toEqual([
      [[1], 'obligation', 'The operator', 0],
      [[2], 'obligation', 'The operator', 0],
      [[3], 'prohibition', 'The operator', null],
    ]);
    expect(found[0]?.action).toBe('the name of each customer');
  });

  it('inherits a permission and a present-tense duty alike', () => {
    const may = rules('eng', ['Member States may provide for:', '(a) exemptions for small businesses;', '(b) a register of operators.']);
    expect(may.map((o) => o.modality)).toEqual(['permission', 'permission']);
    const fr = rules('fra', ['Le responsable du traitement communique à la personne concernée:', 'a) son identité;', 'b) les finalités du traitement.']);
    expect(fr.map((o) => [o.modality, o.subject, o.leadInSentenceId])).toEqual([
      ['obligation', 'Le responsable du traitement', 0],
      ['obligation', 'Le responsable du traitement', 0],
    ]);
  });
});

describe('lexicon files', () => {
  it('are one per language and name their own code', () => {
    for (const [code, lex] of TRIGGER_LEXICONS) expect(lex.code).toBe(code);
  });
});
