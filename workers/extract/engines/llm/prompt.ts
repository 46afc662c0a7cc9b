import type { SegmentExtraction } from '../../../../schemas/obligation.ts';
import type { SegmentInput, SegmentPart } from '../../extractor.ts';

/** Bump whenever the system prompt, examples or message layout change: it is stored with every run. */
export const PROMPT_VERSION = 'v4';

export const SYSTEM_PROMPT = `You extract legal norms from one segment of a legal or compliance document.

A norm is a sentence (or a few sentences together) that states one of these modalities:
- "obligation": someone must / shall / is required to do something.
- "prohibition": someone must not / shall not / may not do something.
- "permission": someone may / is allowed / is entitled to do something.
- "exemption": someone is released from an obligation or a rule does not apply to them.
Definitions, purposes, recitals, headings and descriptions of facts are not norms.
Many laws state duties without a modal verb, in the plain present tense ("Le responsable du traitement notifie …", "Aanbieders zorgen ervoor dat …", "Veri sorumlusu … tedbirleri alır"): in an article, a legal actor doing something in the present tense is an obligation.
"Can" that states an ability is not a permission; a definition ("'personal data' means …", "Kişisel veri: …") is never a norm; "shall not be processed" is a prohibition.

The user lists the segment's sentences, each prefixed with its id, like "[0] ...". For every norm:
- sentenceIds: the ids of the sentence(s) that state it. Cite sentences ONLY by id. Never copy or quote sentence text to locate it.
- modality: one of the four values above.
- subject: who must / must not / may act, in the source language, as short as possible.
- action: what they must / must not / may do, in the source language, short and without the subject.
- object, condition, exceptions, deadline, penalty: short phrases in the source language, or null when the text states none. Keep deadlines as written.
- crossReferences: other provisions the norm refers to ("Article 6(1)", "§ 4"), else [].
- subjectEn, actionEn: English translations of subject and action (copy them if the source is English).
- confidence: 0 to 1, how sure you are that this is a norm with this modality.
- span: null, or the part of the cited sentence that states the norm when the sentence holds more, copied character for character.
- leadInSentenceId: for an item of a list ("The controller shall: (a) …; (b) …"), the id of the list's lead-in sentence, else null.
One norm per subject and action; a sentence can hold several norms. Keep every field brief.
Lists: each item that states a duty is its own norm citing the item's sentence, with the actor and modality of the lead-in and leadInSentenceId set to the lead-in's id; the lead-in itself is then not a separate norm.
The message names the segment's kind (article, annex, definition, …) and its citation path; only binding text is sent.

Several consecutive short segments may come in one message. Each then starts with its own line "## Segment: <citation> | Heading: ... | Language: ...", and sentence ids run on across the segments. Cite each norm with sentences of ONE segment only; most segments hold no norm or a few.

Answer ONLY with one JSON object {"obligations": [...]}. If the segment states no norm, answer {"obligations": []}.`;

interface FewShot {
  input: SegmentInput;
  output: SegmentExtraction;
}

/** Examples in several languages so the model sees non-English subjects with English glosses. */
export const FEW_SHOTS: readonly FewShot[] = [
  {
    input: {
      citation: 'Article 33(1)',
      heading: 'Notification of a personal data breach to the supervisory authority',
      language: 'eng',
      sentences: [
        'In the case of a personal data breach, the controller shall without undue delay and, where feasible, not later than 72 hours after having become aware of it, notify the personal data breach to the supervisory authority competent in accordance with Article 55.',
        'Where the notification to the supervisory authority is not made within 72 hours, it shall be accompanied by reasons for the delay.',
        'This Regulation respects the fundamental rights of natural persons.',
      ],
    },
    output: {
      obligations: [
        {
          sentenceIds: [0], modality: 'obligation', subject: 'the controller',
          action: 'notify the personal data breach to the competent supervisory authority',
          object: 'the personal data breach', condition: 'in the case of a personal data breach', exceptions: null,
          deadline: 'without undue delay and, where feasible, not later than 72 hours after having become aware of it',
          penalty: null, crossReferences: ['Article 55'], subjectEn: 'the controller',
          actionEn: 'notify the personal data breach to the competent supervisory authority', confidence: 0.95,
          span: 'the controller shall without undue delay and, where feasible, not later than 72 hours after having become aware of it, notify the personal data breach to the supervisory authority', leadInSentenceId: null,
        },
        {
          sentenceIds: [1], modality: 'obligation', subject: 'the controller',
          action: 'accompany the notification with reasons for the delay', object: 'the notification',
          condition: 'where the notification is not made within 72 hours', exceptions: null, deadline: null,
          penalty: null, crossReferences: [], subjectEn: 'the controller',
          actionEn: 'accompany the notification with reasons for the delay', confidence: 0.85, span: null, leadInSentenceId: null,
        },
      ],
    },
  },
  {
    input: {
      citation: '§ 5 Abs. 2',
      heading: 'Aufbewahrung',
      language: 'deu',
      sentences: [
        'Der Arbeitgeber muss die Lohnunterlagen zehn Jahre lang aufbewahren.',
        'Die Aufbewahrung darf elektronisch erfolgen.',
        'Betriebe mit weniger als zehn Beschäftigten sind von der Pflicht nach Satz 1 befreit.',
      ],
    },
    output: {
      obligations: [
        {
          sentenceIds: [0], modality: 'obligation', subject: 'Der Arbeitgeber', action: 'die Lohnunterlagen aufbewahren',
          object: 'die Lohnunterlagen', condition: null, exceptions: 'Betriebe mit weniger als zehn Beschäftigten',
          deadline: 'zehn Jahre lang', penalty: null, crossReferences: [], subjectEn: 'The employer',
          actionEn: 'keep the payroll records', confidence: 0.95, span: null, leadInSentenceId: null,
        },
        {
          sentenceIds: [1], modality: 'permission', subject: 'Der Arbeitgeber', action: 'die Unterlagen elektronisch aufbewahren',
          object: null, condition: null, exceptions: null, deadline: null, penalty: null, crossReferences: [],
          subjectEn: 'The employer', actionEn: 'keep the records electronically', confidence: 0.8, span: null, leadInSentenceId: null,
        },
        {
          sentenceIds: [2], modality: 'exemption', subject: 'Betriebe mit weniger als zehn Beschäftigten',
          action: 'sind von der Aufbewahrungspflicht befreit', object: null, condition: null, exceptions: null,
          deadline: null, penalty: null, crossReferences: ['Satz 1'], subjectEn: 'Businesses with fewer than ten employees',
          actionEn: 'are exempt from the record-keeping obligation', confidence: 0.9, span: null, leadInSentenceId: null,
        },
      ],
    },
  },
  {
    input: {
      citation: '第四十二条',
      heading: null,
      language: 'cmn',
      sentences: ['网络运营者不得泄露、篡改、毁损其收集的个人信息。', '本法自2017年6月1日起施行。'],
    },
    output: {
      obligations: [
        {
          sentenceIds: [0], modality: 'prohibition', subject: '网络运营者', action: '泄露、篡改、毁损其收集的个人信息',
          object: '其收集的个人信息', condition: null, exceptions: null, deadline: null, penalty: null, crossReferences: [],
          subjectEn: 'Network operators', actionEn: 'disclose, tamper with or destroy the personal information they collect',
          confidence: 0.95, span: '网络运营者不得泄露、篡改、毁损其收集的个人信息', leadInSentenceId: null,
        },
      ],
    },
  },
  {
    // A duty in the plain present tense (no modal verb), in French.
    input: {
      citation: 'Article 33(2)',
      kind: 'article',
      heading: "Notification à l'autorité de contrôle d'une violation de données à caractère personnel",
      language: 'fra',
      sentences: [
        'Le sous-traitant notifie au responsable du traitement toute violation de données à caractère personnel dans les meilleurs délais après en avoir pris connaissance.',
      ],
    },
    output: {
      obligations: [
        {
          sentenceIds: [0], modality: 'obligation', subject: 'Le sous-traitant',
          action: 'notifie au responsable du traitement toute violation de données à caractère personnel',
          object: 'toute violation de données à caractère personnel', condition: null, exceptions: null,
          deadline: 'dans les meilleurs délais après en avoir pris connaissance', penalty: null, crossReferences: [],
          subjectEn: 'The processor', actionEn: 'notify the controller of any personal data breach', confidence: 0.85,
          span: null, leadInSentenceId: null,
        },
      ],
    },
  },
  {
    // A lead-in and its items: one norm per item, sharing the lead-in's actor and modality.
    input: {
      citation: 'Article 30(1)',
      kind: 'article',
      heading: 'Records of processing activities',
      language: 'eng',
      sentences: [
        'Each controller shall maintain a record of processing activities under its responsibility containing the following information:',
        '(a) the name and contact details of the controller;',
        '(b) the purposes of the processing;',
      ],
    },
    output: {
      obligations: [
        {
          sentenceIds: [1], modality: 'obligation', subject: 'Each controller',
          action: 'record the name and contact details of the controller', object: 'the name and contact details of the controller',
          condition: null, exceptions: null, deadline: null, penalty: null, crossReferences: [], subjectEn: 'Each controller',
          actionEn: 'record the name and contact details of the controller', confidence: 0.85, span: null, leadInSentenceId: 0,
        },
        {
          sentenceIds: [2], modality: 'obligation', subject: 'Each controller', action: 'record the purposes of the processing',
          object: 'the purposes of the processing', condition: null, exceptions: null, deadline: null, penalty: null,
          crossReferences: [], subjectEn: 'Each controller', actionEn: 'record the purposes of the processing', confidence: 0.85,
          span: null, leadInSentenceId: 0,
        },
      ],
    },
  },
];


/** Sentences become single lines so an id prefix can never be confused with sentence text. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

const languageOf = (language: string | null) => (language && language !== 'und' ? language : '(unknown)');

/**
 * Packed segments: one header line per segment (citation first, so each norm's provision stays
 * visible next to its sentences) and ids numbered across the whole message.
 */
function buildPackedMessage(input: SegmentInput, parts: readonly SegmentPart[]): string {
  const lines = [`Segments: ${parts.length} consecutive segments of one document; sentence ids run on across them.`];
  parts.forEach((part, k) => {
    const end = parts[k + 1]?.firstSentence ?? input.sentences.length;
    lines.push([
      `## Segment: ${oneLine(part.citation) || '(unknown)'}`,
      `Heading: ${part.heading ? oneLine(part.heading) : '(none)'}`,
      ...(part.context ? [`Part of: ${oneLine(part.context)}`] : []),
      `Language: ${languageOf(part.language)}`,
    ].join(' | '));
    for (let i = part.firstSentence; i < end; i++) lines.push(sentenceLine(input.sentences[i]!, i));
  });
  return lines.join('\n');
}

export function buildUserMessage(input: SegmentInput): string {
  if (input.parts && input.parts.length > 1) return buildPackedMessage(input, input.parts);
  const lines = [
    `Citation: ${oneLine(input.citation) || '(unknown)'}`,
    ...(input.kind ? [`Kind: ${input.kind}`] : []),
    `Heading: ${input.heading ? oneLine(input.heading) : '(none)'}`,
    ...(input.context ? [`Part of: ${oneLine(input.context)}`] : []),
    `Language: ${languageOf(input.language)}`,
    'Sentences:',
    ...input.sentences.map((s, i) => sentenceLine(s, i)),
  ];
  return lines.join('\n');
}

export const sentenceLine = (sentence: string, id: number) => `[${id}] ${oneLine(sentence)}`;

/** Appended on the single retry after an unusable answer. */
export function buildRetryMessage(input: SegmentInput, reason: string): string {
  return `${buildUserMessage(input)}

Your previous answer was unusable (${reason}). Answer again with ONE complete JSON object {"obligations": [...]}, `
    + `cite sentences only by id (0 to ${input.sentences.length - 1}) and keep every field short.`;
}
