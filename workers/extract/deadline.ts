/**
 * Normalises a deadline as written in a regulation into an ISO-8601 date or duration, plus the event
 * a relative deadline runs from. Engine-independent: it reads only the deadline text.
 */
import type { NormalizedDeadline } from '../../schemas/obligation.ts';

const NONE: NormalizedDeadline = { iso: null, kind: null, trigger: null };

const MONTHS: Readonly<Record<string, number>> = (() => {
  const names: [number, string[]][] = [
    [1, ['january', 'jan', 'janvier', 'januar', 'jänner', 'enero', 'gennaio', 'janeiro', 'januari']],
    [2, ['february', 'feb', 'février', 'fevrier', 'februar', 'febrero', 'febbraio', 'fevereiro', 'februari']],
    [3, ['march', 'mar', 'mars', 'märz', 'marz', 'marzo', 'março', 'marco', 'maart']],
    [4, ['april', 'apr', 'avril', 'abril', 'aprile']],
    [5, ['may', 'mai', 'mayo', 'maggio', 'maio', 'mei']],
    [6, ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'junho']],
    [7, ['july', 'jul', 'juillet', 'juli', 'julio', 'luglio', 'julho']],
    [8, ['august', 'aug', 'août', 'aout', 'agosto', 'augustus']],
    [9, ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'setembro']],
    [10, ['october', 'oct', 'octobre', 'oktober', 'octubre', 'ottobre', 'outubro']],
    [11, ['november', 'nov', 'novembre', 'noviembre', 'novembro']],
    [12, ['december', 'dec', 'décembre', 'decembre', 'dezember', 'diciembre', 'dicembre', 'dezembro']],
  ];
  const out: Record<string, number> = {};
  for (const [n, list] of names) for (const name of list) out[name] = n;
  return out;
})();

const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Number words up to twenty plus round tens, in the languages whose deadlines we parse. */
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, ninety: 90, hundred: 100,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11,
  douze: 12, quinze: 15, vingt: 20, trente: 30, soixante: 60,
  ein: 1, eine: 1, einem: 1, einer: 1, eines: 1, einen: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6,
  sieben: 7, acht: 8, neun: 9, zehn: 10, zwölf: 12, vierzehn: 14, fünfzehn: 15, zwanzig: 20, dreißig: 30,
  sechzig: 60, neunzig: 90,
  uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
  doce: 12, quince: 15, veinte: 20, treinta: 30, sesenta: 60, noventa: 90,
  due: 2, tre: 3, quattro: 4, sei: 6, sette: 7, otto: 8, dieci: 10, quindici: 15, venti: 20, trenta: 30,
  um: 1, uma: 1, dois: 2, duas: 2, três: 3, trinta: 30,
  twee: 2, drie: 3, vijf: 5, zes: 6, tien: 10, dertig: 30,
};

function numberWord(word: string): number | null {
  const w = word.toLowerCase();
  if (/^\d+$/u.test(w)) return Number(w);
  const direct = NUMBER_WORDS[w];
  if (direct !== undefined) return direct;
  // "twenty-four", "thirty one"
  const parts = w.split(/[-\s]+/u);
  if (parts.length === 2) {
    const tens = NUMBER_WORDS[parts[0] ?? ''];
    const units = NUMBER_WORDS[parts[1] ?? ''];
    if (tens !== undefined && units !== undefined && tens >= 20 && units < 10) return tens + units;
  }
  return null;
}

const CJK_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** 十五 -> 15, 三十 -> 30, 二十四 -> 24, 一百 -> 100; ASCII and full-width digits pass through. */
export function parseCjkNumber(text: string): number | null {
  const ascii = text.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/u.test(ascii)) return Number(ascii);
  let total = 0;
  let current = 0;
  for (const ch of ascii) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const d = CJK_DIGITS[ch];
      if (d === undefined) return null;
      current = current * 10 + d;
    }
  }
  return total + current;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function findDate(text: string): string | null {
  let m = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/u.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日/u.exec(text);
  if (m) return isoDate(parseCjkNumber(m[1] ?? '') ?? 0, parseCjkNumber(m[2] ?? '') ?? 0, parseCjkNumber(m[3] ?? '') ?? 0);
  m = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?\\s+(?:of\\s+|de\\s+)?(${MONTH_ALT})\\.?,?\\s+(?:de\\s+)?(\\d{4})`, 'iu').exec(text);
  if (m) return isoDate(Number(m[3]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]));
  m = new RegExp(`(?<![\\p{L}])(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, 'iu').exec(text);
  if (m) return isoDate(Number(m[3]), MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2]));
  // Numeric day-first dates (31.01.2025, 31/01/2025) as written in European legislation; a first
  // field that cannot be a day but a second that can means the US month-first order.
  m = /(?<!\d)(\d{1,2})[./](\d{1,2})[./](\d{4})(?!\d)/u.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    return b > 12 && a <= 12 ? isoDate(y, a, b) : isoDate(y, b, a);
  }
  return null;
}

type Unit = 'H' | 'MIN' | 'D' | 'W' | 'M' | 'Y';

const UNIT_WORDS: readonly [RegExp, Unit][] = [
  [/^(?:hours?|hrs?|h|heures?|stunden?|horas?|ore|ora|uur|uren)$/iu, 'H'],
  [/^(?:minutes?|mins?|minuten?|minutos?|minuti)$/iu, 'MIN'],
  [/^(?:days?|jours?|tagen?|tages|tage|werktagen?|arbeitstagen?|días?|dias?|giorni|giorno|dagen|dag|werkdagen)$/iu, 'D'],
  [/^(?:weeks?|semaines?|wochen?|woche|semanas?|settimane|settimana|weken|week)$/iu, 'W'],
  [/^(?:months?|mois|monaten?|monate|monats|monat|meses|mes|mês|mesi|mese|maanden|maand)$/iu, 'M'],
  [/^(?:years?|ans|années?|jahren?|jahres|jahre|jahr|años?|anos?|anni|anno|jaar|jaren)$/iu, 'Y'],
];

const CJK_UNITS: readonly [RegExp, Unit][] = [
  [/^(?:小时|小時|時間)$/u, 'H'],
  [/^(?:分钟|分鐘|分)$/u, 'MIN'],
  [/^(?:工作日|日|天)$/u, 'D'],
  [/^(?:周|週|星期|週間)$/u, 'W'],
  [/^(?:个月|個月|月|箇月|か月|ヶ月|カ月)$/u, 'M'],
  [/^年$/u, 'Y'],
];

function duration(n: number, unit: Unit): string {
  switch (unit) {
    case 'H':
      return `PT${n}H`;
    case 'MIN':
      return `PT${n}M`;
    case 'D':
      return `P${n}D`;
    case 'W':
      return `P${n}W`;
    case 'M':
      return `P${n}M`;
    case 'Y':
      return `P${n}Y`;
  }
}

// "thirty one" is one number: a tens word may take a unit word after a space (or a hyphen), which
// is tried first; otherwise "within thirty one days" read as 1 day.
const NUMBER_TOKEN = `(?:(?:twenty|thirty|forty|fifty|sixty|ninety)[-\\s](?:one|two|three|four|five|six|seven|eight|nine)|\\d+|[\\p{L}]+(?:-[\\p{L}]+)?)`;
const UNIT_TOKEN =
  '(?:hours?|hrs?|h|minutes?|mins?|days?|weeks?|months?|years?|fortnight|heures?|jours?|semaines?|mois|ans|années?|Stunden?|Minuten?|Tagen?|Tages|Tage|Werktagen?|Arbeitstagen?|Wochen?|Woche|Monaten?|Monats|Monate|Monat|Jahren?|Jahres|Jahre|Jahr|horas?|minutos?|días?|dias?|semanas?|meses|mes|mês|años?|anos?|ore|ora|minuti|giorni|giorno|settimane|mesi|mese|anni|anno|uur|uren|dagen|dag|werkdagen|weken|week|maanden|maand|jaar|jaren)';

/** Words that introduce the event a period runs from, as they follow the period. */
const TRIGGER_INTRO =
  /^\s*,?\s*(?:(?:au plus tard|at the latest|spätestens)\s+)?(?:after|of|from|following|since|upon|beginning with|starting from|après|à compter de la|à compter du|à compter de|à partir de la|à partir du|à partir de|suivant|nach|nachdem|ab|seit|desde|después de|a partir de|tras|a contar desde|dal|dalla|dopo|após|a contar da|a contar do|na|nadat|vanaf)\s+(.+)$/iu;

function cleanTrigger(raw: string): string | null {
  const cut = raw.split(/[;.]|,\s+(?:and|or|unless|where|et|und|y|e|o)\s/iu)[0] ?? '';
  const t = cut.replace(/^(?:the date of|the day of|la date de|dem Tag|el día de)\s+/iu, '').trim();
  return t.length > 0 ? t.slice(0, 200) : null;
}

function findDuration(text: string): { iso: string; trigger: string | null } | null {
  // Chinese/Japanese: 自收到申请之日起十五日内, 72小时内, 30日以内, 届出の日から30日以内
  const cjk = /(?:(?:自|从|從|在)([^，。；,;]{1,40}?)(?:之日|之时|之時)?起)?([\d０-９一二三四五六七八九十百两兩]+)\s*(?:个|個)?(个月|個月|箇月|か月|ヶ月|カ月|小时|小時|時間|工作日|週間|分钟|分鐘|日|天|周|週|星期|月|年)(?:以内|内|內)/u.exec(text);
  if (cjk) {
    const n = parseCjkNumber(cjk[2] ?? '');
    const unit = CJK_UNITS.find(([re]) => re.test(cjk[3] ?? ''))?.[1];
    if (n !== null && unit) return { iso: duration(n, unit), trigger: cjk[1]?.trim() || null };
  }
  const re = new RegExp(`(?<![\\p{L}\\d])(${NUMBER_TOKEN})(?:\\s+|-)(?:(?:calendar|working|business|clear|full|jours?|días?)\\s+)?(${UNIT_TOKEN})(?![\\p{L}])`, 'giu');
  for (const m of text.matchAll(re)) {
    const token = m[1] ?? '';
    const unitWord = m[2] ?? '';
    if (/^fortnight$/iu.test(unitWord)) {
      const n = numberWord(token) ?? 1;
      return { iso: `P${n * 2}W`, trigger: triggerAfter(text, (m.index ?? 0) + m[0].length) };
    }
    const n = numberWord(token);
    const unit = UNIT_WORDS.find(([u]) => u.test(unitWord))?.[1];
    if (n === null || !unit) continue;
    // Working days are counted as plain days: ISO-8601 has no business-day designator.
    return { iso: duration(n, unit), trigger: triggerAfter(text, (m.index ?? 0) + m[0].length) };
  }
  // "binnen 72 Stunden" after a bare number with no space ("72h")
  const compact = /(?<![\p{L}\d])(\d+)\s?(h|hrs|d)(?![\p{L}])/iu.exec(text);
  if (compact) {
    const n = Number(compact[1]);
    const iso = /^h/iu.test(compact[2] ?? '') ? `PT${n}H` : `P${n}D`;
    return { iso, trigger: triggerAfter(text, compact.index + compact[0].length) };
  }
  return null;
}

function triggerAfter(text: string, end: number): string | null {
  const m = TRIGGER_INTRO.exec(text.slice(end));
  return m?.[1] ? cleanTrigger(m[1]) : null;
}

/**
 * "within 72 hours after becoming aware" -> {PT72H, duration, 'becoming aware'};
 * "no later than 31 January 2025" -> {2025-01-31, date, null}; vague phrases ("without undue
 * delay") and unparseable text -> all nulls.
 */
export function normalizeDeadline(text: string | null): NormalizedDeadline {
  if (!text) return NONE;
  const t = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (!t) return NONE;
  const date = findDate(t);
  if (date) return { iso: date, kind: 'date', trigger: null };
  const d = findDuration(t);
  if (d) return { iso: d.iso, kind: 'duration', trigger: d.trigger };
  return NONE;
}
