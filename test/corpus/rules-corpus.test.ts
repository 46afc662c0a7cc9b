/**
 * The rules engine against the shared annotated corpus (read in place, never copied into the repo).
 * Skipped when the corpus is absent; point OBLIGATO_CORPUS at it to run elsewhere.
 *
 * Caveat on the Robaldo set: its files hold the *annotations* ("IT IS OBLIGATORY / FOR the court /
 * TO have regard ..."), not the statute sentences; the modal verb of the source ("shall", "may
 * not") is gone. What can be measured is (a) that the impersonal deontic form the annotators wrote
 * ("it is obligatory / permitted / prohibited for X to ...") is recognised, and (b) that modals
 * surviving inside the action and condition text ("... which may ...", "unless ... shall not ...")
 * do not override it. That is a check of the lexicon and of the precedence logic, not an estimate
 * of recall on raw statute text; the GDPR parallel check below is the cross-language one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Modality } from '../../schemas/obligation.ts';
import { classifySentence, hasDeonticTrigger } from '../../workers/extract/engines/rules/deontic.ts';
import { extractObligations } from '../../workers/extract/engines/rules/rules-extractor.ts';
import { describeWith, requireSystem } from '../support/system-deps.ts';

const CORPUS = path.resolve(import.meta.dirname, '../..', process.env.OBLIGATO_CORPUS ?? '../shared/corpus');
const ROBALDO = path.join(CORPUS, 'labelled', 'robaldo-uk-regulative-norms');
const REGULATIONS = path.join(CORPUS, 'regulations');


// ───────────────────────────── Robaldo UK regulative norms ─────────────────────────────

interface Norm {
  label: Modality;
  /** The whole annotation as one line: "IT IS OBLIGATORY FOR the court TO ... WHEN/IF/WHERE ...". */
  text: string;
  /** The same without the "IT IS ..." header: actor, action and conditions only. */
  body: string;
}

const LABELS: Readonly<Record<string, Modality>> = {
  OBLIGATORY: 'obligation',
  PERMITTED: 'permission',
  PROHIBITED: 'prohibition',
};

/** Norms are separated by dashed lines; files mix LF and CRLF. */
function readNorms(): Norm[] {
  const norms: Norm[] = [];
  for (const act of readdirSync(ROBALDO).sort()) {
    const dir = path.join(ROBALDO, act);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const raw = readFileSync(path.join(dir, file), 'utf8').replace(/\r\n?/gu, '\n');
      for (const block of raw.split(/^-{5,}\s*$/mu)) {
        const lines = block
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        const head = /^IT IS (OBLIGATORY|PERMITTED|PROHIBITED)$/u.exec(lines[0] ?? '');
        const label = head ? LABELS[head[1] ?? ''] : undefined;
        if (!label) continue;
        norms.push({ label, text: lines.join(' '), body: lines.slice(1).join(' ') });
      }
    }
  }
  return norms;
}

describeWith(requireSystem({ corpus: 'labelled/robaldo-uk-regulative-norms' }), 'Robaldo UK regulative norms (745 annotated)', () => {
  it('measures trigger recall and modality accuracy', () => {
    const norms = readNorms();
    const perLabel = { obligation: 0, permission: 0, prohibition: 0, exemption: 0 };
    for (const n of norms) perLabel[n.label]++;
    // The parser must see exactly the documented set, or the numbers below mean nothing.
    expect(norms).toHaveLength(745);
    expect(perLabel).toEqual({ obligation: 310, permission: 314, prohibition: 121, exemption: 0 });

    let fired = 0;
    let correct = 0;
    let bodyFired = 0;
    const confusion = new Map<string, number>();
    for (const n of norms) {
      if (hasDeonticTrigger(n.text, 'eng')) fired++;
      if (hasDeonticTrigger(n.body, 'eng')) bodyFired++;
      const got = classifySentence(n.text, 'eng')?.modality ?? 'none';
      if (got === n.label) correct++;
      const key = `${n.label} -> ${got}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    const recall = fired / norms.length;
    const accuracy = correct / norms.length;
    console.log(
      [
        `Robaldo norms: ${norms.length}`,
        `  trigger recall (hasDeonticTrigger on the annotation): ${recall.toFixed(3)}`,
        `  modality accuracy (classifySentence): ${accuracy.toFixed(3)}`,
        `  norms whose actor/action/condition text alone carries a trigger or cue: ${(bodyFired / norms.length).toFixed(3)} (the source modal is not in the files)`,
        '  confusion (gold -> predicted):',
        ...[...confusion].sort().map(([k, v]) => `    ${k}: ${v}`),
      ].join('\n'),
    );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    // Measured 0.983: 13 errors, each a modal inside the action or an enumerated list ("(a) this
    // section shall ...") outranking the header under the prohibition > obligation > permission rule.
    expect(accuracy).toBeGreaterThanOrEqual(0.96);
  });
});

// ───────────────────────────── GDPR in 24 languages ─────────────────────────────

const GDPR_LANGS = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'];

/**
 * These translations render every "shall" of Article 33 with the plain present indicative ("le
 * responsable du traitement notifie" style; here: "администраторът ... уведомява", "teatab",
 * "paziņo", "meldt", "notifică", "obvesti", "γνωστοποιεί"), so no lexical trigger can find an
 * obligation in that article; checked by reading the text, not chosen to make the test pass.
 */
const PRESENT_INDICATIVE_ART33 = new Set(['bg', 'el', 'et', 'lv', 'nl', 'ro', 'sl']);

interface Article {
  article: string;
  text: string;
}

function readGdpr(lang: string): Article[] {
  const file = path.join(REGULATIONS, lang, `gdpr-2016-679-articles-${lang}.DERIVED.jsonl`);
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Article);
}

/** Paragraph and point lines ("1.", "(a)", "a)") are numbering, not text. */
function units(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '' && !/^\(?[\p{L}\p{N}]{1,5}\)?\.?$/u.test(l.trim()));
}

function sentences(unit: string): string[] {
  return unit.split(/(?<=[.;!?])\s+(?=[\p{Lu}\p{Lo}„«(])/u);
}

describeWith(requireSystem({ corpus: 'regulations/en' }), 'GDPR Article 33 across the 24 EU languages', () => {
  it('finds deontic sentences in every language and obligations wherever a modal is used', () => {
    const rows: string[] = [];
    for (const lang of GDPR_LANGS) {
      const art = readGdpr(lang).find((a) => a.article === '033');
      expect(art, lang).toBeDefined();
      const sents = units(art?.text ?? '').flatMap(sentences);
      const obligations = extractObligations({ citation: 'Article 33', heading: null, language: lang, sentences: sents });
      const count = (m: Modality) => obligations.filter((o) => o.modality === m).length;
      const prefilter = sents.filter((s) => hasDeonticTrigger(s, lang)).length;
      rows.push(
        `  ${lang}: ${sents.length} sentences, ${obligations.length} with a trigger (obligation ${count('obligation')}, permission ${count('permission')}, prohibition ${count('prohibition')}, exemption ${count('exemption')}), prefilter ${prefilter}`,
      );
      expect(obligations.length, lang).toBeGreaterThanOrEqual(1);
      if (!PRESENT_INDICATIVE_ART33.has(lang)) expect(count('obligation'), lang).toBeGreaterThanOrEqual(1);
    }
    console.log(['GDPR Art. 33 per language:', ...rows].join('\n'));
  });

  it('finds obligations in every language over the whole regulation', () => {
    for (const lang of GDPR_LANGS) {
      const sents = readGdpr(lang).flatMap((a) => units(a.text).flatMap(sentences));
      const obligations = sents.filter((s) => classifySentence(s, lang)?.modality === 'obligation').length;
      expect(obligations, lang).toBeGreaterThanOrEqual(10);
    }
  });

  /**
   * Sentence-aligned comparison with the English text (English modals as silver labels): how
   * often the same sentence triggers in language X, and with the same modality. Low values mean
   * the translation uses the present indicative, not that the lexicon is wrong; the floors are the
   * measured values minus 0.05 so that a broken lexicon fails.
   */
  it('agrees with English sentence by sentence', () => {
    const FLOOR: Readonly<Record<string, number>> = {
      bg: 0.23, cs: 0.24, da: 0.31, de: 0.28, el: 0.24, es: 0.8, et: 0.21, fi: 0.55, fr: 0.24, ga: 0.68, hr: 0.28,
      hu: 0.4, it: 0.24, lt: 0.27, lv: 0.22, mt: 0.89, nl: 0.21, pl: 0.25, pt: 0.25, ro: 0.22, sk: 0.24, sl: 0.17, sv: 0.85,
    };
    const en = readGdpr('en');
    const rows: string[] = [];
    for (const lang of GDPR_LANGS.filter((l) => l !== 'en')) {
      const other = readGdpr(lang);
      let silver = 0;
      let triggered = 0;
      let agree = 0;
      let prefilter = 0;
      for (let i = 0; i < en.length; i++) {
        const ue = units(en[i]?.text ?? '');
        const ul = units(other[i]?.text ?? '');
        if (ue.length !== ul.length) continue;
        for (let j = 0; j < ue.length; j++) {
          const se = sentences(ue[j] ?? '');
          const sl = sentences(ul[j] ?? '');
          if (se.length !== sl.length) continue;
          for (let k = 0; k < se.length; k++) {
            const ce = classifySentence(se[k] ?? '', 'eng');
            if (!ce) continue;
            silver++;
            const cl = classifySentence(sl[k] ?? '', lang);
            if (cl) triggered++;
            if (cl?.modality === ce.modality) agree++;
            if (hasDeonticTrigger(sl[k] ?? '', lang)) prefilter++;
          }
        }
      }
      const a = agree / silver;
      rows.push(`  ${lang}: ${silver} EN-deontic sentences; triggered ${(triggered / silver).toFixed(3)}, same modality ${a.toFixed(3)}, prefilter ${(prefilter / silver).toFixed(3)}`);
      expect(a, lang).toBeGreaterThanOrEqual(FLOOR[lang] ?? 0.2);
    }
    console.log(['GDPR sentence agreement with English:', ...rows].join('\n'));
  });
});
