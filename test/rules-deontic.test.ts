import { describe, expect, it } from 'vitest';
import type { Modality } from '../schemas/obligation.ts';
import {
  classifySentence,
  compileAllLexicons,
  detectScript,
  findTriggers,
  hasDeonticTrigger,
} from '../workers/extract/engines/rules/deontic.ts';
import { COVERED_LANGUAGES, TRIGGER_LEXICONS, lexiconCode } from '../workers/extract/engines/rules/triggers.ts';

const EU24 = ['bul', 'ces', 'dan', 'deu', 'ell', 'eng', 'spa', 'est', 'fin', 'fra', 'gle', 'hrv', 'hun', 'ita', 'lit', 'lav', 'mlt', 'nld', 'pol', 'por', 'ron', 'slk', 'slv', 'swe'];

describe('trigger lexicon', () => {
  it('covers at least 40 languages including the 24 EU languages and zh, ja, ar, ru, hi', () => {
    expect(COVERED_LANGUAGES.length).toBeGreaterThanOrEqual(40);
    for (const code of [...EU24, 'cmn', 'jpn', 'ara', 'rus', 'hin']) expect(COVERED_LANGUAGES).toContain(code);
  });

  it('compiles every pattern of every language', () => {
    expect(compileAllLexicons()).toBe(COVERED_LANGUAGES.length);
  });

  it('gives every language at least one trigger per modality', () => {
    for (const lex of TRIGGER_LEXICONS.values()) {
      for (const m of ['prohibition', 'obligation', 'permission', 'exemption'] as const) {
        expect(lex[m].length, `${lex.code} ${m}`).toBeGreaterThan(0);
      }
    }
  });

  it('maps ISO 639-1 and macrolanguage codes onto lexicons', () => {
    expect(lexiconCode('en')).toBe('eng');
    expect(lexiconCode('zh')).toBe('cmn');
    expect(lexiconCode('zho')).toBe('cmn');
    expect(lexiconCode('pt-BR')).toBe('por');
    expect(lexiconCode('und')).toBeNull();
    expect(lexiconCode(null)).toBeNull();
  });
});

const cases: [lang: string | null, sentence: string, modality: Modality | null, trigger?: string][] = [
  // English, including precedence and false-positive guards
  ['eng', 'The controller shall notify the personal data breach to the supervisory authority.', 'obligation', 'shall'],
  ['eng', 'The Commission shall adopt implementing acts.', 'obligation', 'shall'],
  ['eng', 'The processor shall not engage another processor without prior written authorisation.', 'prohibition', 'shall not'],
  ['eng', 'A local authority may not place a child in secure accommodation.', 'prohibition', 'may not'],
  ['eng', 'Employees must not disclose confidential information.', 'prohibition', 'must not'],
  ['eng', 'No person shall operate a money service business without a licence.', 'prohibition'],
  ['eng', 'Processing of genetic data shall be prohibited.', 'prohibition'],
  ['eng', 'The supervisory authority may impose a temporary ban on processing.', 'permission', 'may'],
  ['eng', 'The data subject shall have the right to obtain confirmation.', 'permission', 'shall have the right'],
  ['eng', 'The data subject is entitled to lodge a complaint.', 'permission'],
  ['eng', 'Paragraphs 1 to 3 shall not apply where the data subject already has the information.', 'exemption', 'shall not apply'],
  ['eng', 'The controller is required to keep records of processing activities.', 'obligation'],
  ['eng', 'Where the data are no longer necessary, the controller shall erase them.', 'obligation', 'shall'],
  ['eng', 'The controller shall ensure that the processor may access the data.', 'obligation', 'shall'],
  ['eng', 'The Regulation entered into force in May 2018.', null],
  ['eng', 'It was adopted on 27 April 2016 and published in May.', null],
  ['eng', 'This Regulation lays down rules relating to the protection of natural persons.', null],
  // French
  ['fra', 'Le responsable du traitement doit notifier la violation.', 'obligation', 'doit'],
  ['fra', 'Le sous-traitant ne doit pas recruter un autre sous-traitant.', 'prohibition'],
  ['fra', 'Il est interdit de traiter ces données.', 'prohibition'],
  ['fra', "Les décisions ne peuvent être fondées sur les catégories particulières de données.", 'prohibition'],
  ['fra', "Les données ne peuvent être traitées que si la personne y a consenti.", 'permission'],
  ['fra', "La personne concernée a le droit de retirer son consentement à tout moment.", 'permission'],
  ['fra', 'Les employeurs sont tenus de informer les salariés.', 'obligation'],
  ['fra', "Le présent article ne s'applique pas aux autorités publiques.", 'exemption'],
  // German
  ['deu', 'Der Verantwortliche muss die Daten löschen.', 'obligation', 'muss'],
  ['deu', 'Der Auftragsverarbeiter darf die Daten nicht weitergeben.', 'prohibition'],
  ['deu', 'Die Verarbeitung genetischer Daten ist untersagt.', 'prohibition'],
  ['deu', 'Die betroffene Person hat das Recht, eine Bestätigung zu verlangen.', 'permission'],
  ['deu', 'Die Aufsichtsbehörde kann eine Geldbuße verhängen.', 'permission', 'kann'],
  ['deu', 'Der Arbeitgeber ist verpflichtet, die Unterlagen aufzubewahren.', 'obligation'],
  ['deu', 'Absatz 1 findet keine Anwendung, soweit die betroffene Person bereits informiert ist.', 'exemption'],
  ['deu', 'Absatz 2 gilt nicht für Behörden.', 'exemption'],
  // Spanish
  ['spa', 'El responsable del tratamiento deberá notificar la violación.', 'obligation', 'deberá'],
  ['spa', 'Queda prohibido el tratamiento de datos biométricos.', 'prohibition'],
  ['spa', 'El encargado no podrá recurrir a otro encargado.', 'prohibition', 'no podrá'],
  ['spa', 'El interesado tendrá derecho a obtener la rectificación.', 'permission'],
  ['spa', 'El apartado 1 no se aplicará al tratamiento por autoridades públicas.', 'exemption'],
  ['spa', 'El responsable del tratamiento documentará cualquier violación de la seguridad.', 'obligation'],
  // Italian, Portuguese, Dutch, Polish, Swedish, Greek, Maltese, Irish, Finnish
  ['ita', 'Il titolare del trattamento deve documentare qualsiasi violazione.', 'obligation'],
  ['ita', 'È vietato trattare dati genetici.', 'prohibition'],
  ['por', 'O subcontratante não pode contratar outro subcontratante.', 'prohibition'],
  ['por', 'O titular dos dados tem o direito de obter a retificação.', 'permission'],
  ['nld', 'De verwerker mag geen andere verwerker in dienst nemen.', 'prohibition'],
  ['nld', 'De verwerkingsverantwoordelijke moet de inbreuk documenteren.', 'obligation'],
  ['pol', 'Administrator nie może przetwarzać danych.', 'prohibition'],
  ['pol', 'Zgłoszenie musi co najmniej opisywać charakter naruszenia.', 'obligation'],
  ['swe', 'Personuppgiftsbiträdet ska underrätta den personuppgiftsansvarige.', 'obligation', 'ska'],
  ['swe', 'De registrerade ska ha rätt att återkalla sitt samtycke.', 'permission'],
  ['swe', 'Personuppgifter får inte behandlas för andra ändamål.', 'prohibition'],
  ['ell', 'Απαγορεύεται η επεξεργασία γενετικών δεδομένων.', 'prohibition'],
  ['ell', 'Ο εκτελών την επεξεργασία οφείλει να ενημερώνει τον υπεύθυνο.', 'obligation'],
  ['mlt', 'Il-kontrollur għandu jiddokumenta kwalunkwe ksur ta\' data personali.', 'obligation'],
  ['mlt', "L-informazzjoni tista' tiġi pprovduta f'fażijiet.", 'permission'],
  ['gle', 'Déanfaidh an rialaitheoir aon sáruithe a dhoiciméadú.', 'obligation'],
  ['gle', 'Féadfar an fhaisnéis a sholáthar i gcéimeanna.', 'permission'],
  ['fin', 'Rekisterinpitäjän on ilmoitettava henkilötietojen tietoturvaloukkauksesta.', 'obligation'],
  ['fin', 'Henkilötietoja ei saa käsitellä muihin tarkoituksiin.', 'prohibition'],
  // Chinese, Japanese
  ['cmn', '个人信息处理者应当采取必要措施，保障所处理的个人信息的安全。', 'obligation', '应当'],
  ['cmn', '任何组织、个人不得非法收集、使用、加工、传输他人个人信息。', 'prohibition', '不得'],
  ['cmn', '个人有权撤回其同意。', 'permission', '有权'],
  ['cmn', '本法不适用于自然人因个人或者家庭事务处理个人信息。', 'exemption', '不适用'],
  ['cmn', '相应的数据应用系统运行良好。', null],
  ['jpn', '個人情報取扱事業者は、個人データを第三者に提供してはならない。', 'prohibition', 'てはならない'],
  ['jpn', '個人情報取扱事業者は、必要な措置を講じなければならない。', 'obligation', 'なければならない'],
  ['jpn', '本人は、当該個人情報取扱事業者に対し、開示を請求することができる。', 'permission', 'ことができる'],
  ['jpn', '前項の規定は、次に掲げる場合については、適用しない。', 'exemption', '適用しない'],
  // Arabic
  ['ara', 'لا يجوز معالجة البيانات الشخصية دون موافقة صاحبها.', 'prohibition', 'لا يجوز'],
  ['ara', 'يجب على جهة التحكم أن تشعر الجهة المختصة.', 'obligation', 'يجب'],
  ['ara', 'يلتزم المتحكم بإخطار صاحب البيانات.', 'obligation', 'يلتزم'],
  ['ara', 'يجوز لصاحب البيانات الرجوع عن موافقته.', 'permission', 'يجوز'],
  ['ara', 'يُحظر نقل البيانات الشخصية خارج المملكة.', 'prohibition'],
  ['ara', 'لا تسري أحكام هذا النظام على الاستخدام الشخصي.', 'exemption'],
  // Russian, Ukrainian, Bulgarian
  ['rus', 'Оператор обязан уведомить уполномоченный орган.', 'obligation', 'обязан'],
  ['rus', 'Обработка специальных категорий персональных данных запрещается.', 'prohibition', 'запрещается'],
  ['rus', 'Оператор не вправе раскрывать персональные данные.', 'prohibition', 'не вправе'],
  ['rus', 'Субъект персональных данных имеет право на доступ к своим данным.', 'permission', 'имеет право'],
  ['rus', 'Настоящий закон не распространяется на архивные документы.', 'exemption'],
  ['ukr', 'Володілець зобов\'язаний повідомити суб\'єкта.', 'obligation'],
  ['bul', 'Администраторът трябва да уведоми надзорния орган.', 'obligation', 'трябва'],
  ['bul', 'Информацията може да се подаде поетапно.', 'permission', 'може'],
  // Hindi and others
  ['hin', 'प्रत्येक व्यक्ति को शिक्षा का अधिकार है।', 'permission'],
  ['hin', 'किसी को भी दासता में नहीं रखा जाएगा।', 'prohibition'],
  ['kor', '개인정보처리자는 개인정보를 안전하게 관리하여야 한다.', 'obligation'],
  ['tur', 'Veri sorumlusu ilgili kişiyi bilgilendirmekle yükümlüdür.', 'obligation'],
  ['ind', 'Pengendali data wajib memberitahukan kegagalan pelindungan data.', 'obligation'],
  ['vie', 'Tổ chức không được thu thập dữ liệu trái phép.', 'prohibition'],
];

describe('classifySentence', () => {
  it.each(cases)('%s: %s', (lang, sentence, modality, trigger) => {
    const c = classifySentence(sentence, lang);
    if (modality === null) {
      expect(c).toBeNull();
      return;
    }
    expect(c?.modality).toBe(modality);
    if (trigger) expect(c?.trigger.toLowerCase()).toBe(trigger.toLowerCase());
    expect(c && sentence.slice(c.index, c.index + c.trigger.length)).toBe(c?.trigger);
  });

  it('falls back to the languages of the sentence script when the language is unknown', () => {
    expect(classifySentence('个人信息处理者应当采取必要措施。', null)?.modality).toBe('obligation');
    expect(classifySentence('個人情報取扱事業者は、提供してはならない。', 'und')?.language).toBe('jpn');
    expect(classifySentence('Оператор обязан уведомить субъекта.', 'xx')?.modality).toBe('obligation');
    expect(classifySentence('لا يجوز معالجة البيانات.', null)?.modality).toBe('prohibition');
    expect(classifySentence('The controller shall not transfer data.', null)?.modality).toBe('prohibition');
  });

  it('reads a mislabelled segment in its actual script', () => {
    expect(classifySentence('Оператор обязан уведомить субъекта.', 'eng')?.language).toBe('rus');
  });

  it('keeps the weak/strong distinction and demotes subordinate-clause triggers', () => {
    expect(classifySentence('Information can be found on the website.', 'eng')?.strength).toBe('weak');
    const c = classifySentence('Member States may provide that the controller shall keep a record.', 'eng');
    expect(c?.modality).toBe('permission');
    expect(c?.mainClause).toBe(true);
  });

  it('resolves overlapping triggers by length, then precedence', () => {
    const spans = findTriggers('The processor shall not engage another processor.', 'eng');
    expect(spans).toHaveLength(1);
    expect(spans[0]?.modality).toBe('prohibition');
  });
});

describe('hasDeonticTrigger (LLM prefilter)', () => {
  it('fires on every classified example', () => {
    for (const [lang, sentence, modality] of cases) {
      if (modality) expect(hasDeonticTrigger(sentence, lang), sentence).toBe(true);
    }
  });

  it('fires on recall cues even without a modal verb', () => {
    expect(hasDeonticTrigger('Processors are liable for damage caused by processing.', 'eng')).toBe(true);
    expect(hasDeonticTrigger('Le responsable du traitement garantit la sécurité des données.', 'fra')).toBe(true);
  });

  it('stays silent on neutral text', () => {
    expect(hasDeonticTrigger('The Regulation entered into force in May 2018.', 'eng')).toBe(false);
    expect(hasDeonticTrigger('Das Wetter war gestern schön.', 'deu')).toBe(false);
  });
});

describe('detectScript', () => {
  it('identifies the main scripts', () => {
    expect(detectScript('The controller')).toBe('Latn');
    expect(detectScript('Оператор')).toBe('Cyrl');
    expect(detectScript('個人情報取扱事業者は')).toBe('Jpan');
    expect(detectScript('个人信息处理者')).toBe('Hani');
    expect(detectScript('البيانات')).toBe('Arab');
    expect(detectScript('प्रत्येक व्यक्ति')).toBe('Deva');
    expect(detectScript('12345')).toBeNull();
  });
});
