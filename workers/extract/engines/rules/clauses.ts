/**
 * Clause-level lexical data for the rules engine: words that open a subordinate clause, condition
 * and exception markers, deadline, penalty and cross-reference phrases. Kept apart from the trigger
 * lexicon because these are not deontic: they only help carve a sentence into subject / action /
 * condition once a trigger has been found.
 *
 * Every list is a regex source fragment matched with the `iu` flags; space-delimited languages get
 * Unicode word boundaries added by `wordRegex`.
 */

const L = '[\\p{L}\\p{M}\\p{N}]';

/** Compiles alternatives into one regex with Unicode word boundaries (ASCII `\b` breaks on "é"). */
export function wordRegex(alternatives: readonly string[], flags = 'iu'): RegExp {
  const sorted = [...alternatives].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<!${L})(?:${sorted.join('|')})(?!${L})`, flags);
}

/** Plain alternation without boundaries, for CJK and Thai. */
export function substringRegex(alternatives: readonly string[], flags = 'u'): RegExp {
  const sorted = [...alternatives].sort((a, b) => b.length - a.length);
  return new RegExp(`(?:${sorted.join('|')})`, flags);
}

/**
 * Words that open a subordinate (conditional, relative, complement) clause. A trigger that follows
 * one of them inside the same comma-delimited chunk is demoted: in "the controller shall ensure that
 * the processor may ..." the sentence is an obligation, not a permission.
 */
export const SUBORDINATORS: Readonly<Record<string, readonly string[]>> = {
  eng: ['where', 'if', 'when', 'whenever', 'unless', 'that', 'which', 'who', 'whom', 'whose', 'provided', 'insofar', 'whether', 'until', 'so far as', 'in so far as', 'to the extent', 'except', 'save'],
  fra: ['si', "s'il", "s'ils", 'lorsque', "lorsqu'", 'quand', 'que', "qu'", 'qui', 'dont', 'lequel', 'laquelle', 'lesquels', 'lesquelles', 'sauf', 'à moins', 'pour autant', 'dans la mesure où'],
  deu: ['wenn', 'falls', 'sofern', 'soweit', 'dass', 'was', 'wer', 'wo', 'weil', 'damit', 'indem', 'welche', 'welcher', 'welches', 'es sei denn', 'sobald', 'ob', 'bevor', 'nachdem', 'um'],
  spa: ['si', 'cuando', 'que', 'quien', 'quienes', 'cuyo', 'cuya', 'salvo', 'a menos', 'siempre que', 'en la medida'],
  ita: ['se', 'qualora', 'quando', 'che', 'cui', 'il quale', 'la quale', 'i quali', 'salvo', 'a meno', 'purché', 'ove', 'nella misura'],
  por: ['se', 'quando', 'caso', 'que', 'cujo', 'cuja', 'salvo', 'a menos', 'desde que', 'sempre que', 'na medida'],
  nld: ['indien', 'als', 'wanneer', 'tenzij', 'welke', 'voor zover', 'mits', 'ingeval', 'zodra'],
  swe: ['om', 'när', 'såvida', 'att', 'som', 'vilken', 'vilket', 'vilka', 'i den mån'],
  dan: ['hvis', 'når', 'medmindre', 'at', 'som', 'hvilken', 'hvilket', 'for så vidt'],
  nob: ['hvis', 'når', 'med mindre', 'at', 'som', 'dersom'],
  fin: ['jos', 'kun', 'joka', 'jotka', 'jonka', 'että', 'mikäli', 'paitsi'],
  est: ['kui', 'mis', 'kes', 'et', 'juhul', 'välja arvatud'],
  lav: ['ja', 'ka', 'kas', 'kad', 'kuri', 'kura', 'kuru', 'ja vien', 'izņemot'],
  lit: ['jei', 'jeigu', 'kai', 'kad', 'kuris', 'kuri', 'kurie', 'nebent'],
  pol: ['jeżeli', 'jeśli', 'gdy', 'kiedy', 'że', 'który', 'która', 'które', 'którzy', 'chyba że', 'o ile'],
  ces: ['pokud', 'jestliže', 'když', 'že', 'který', 'která', 'které', 'kteří', 'ledaže', 'jakmile'],
  slk: ['ak', 'keď', 'že', 'ktorý', 'ktorá', 'ktoré', 'ktorí', 'pokiaľ', 'ibaže'],
  slv: ['če', 'kadar', 'ko', 'da', 'ki', 'razen če'],
  hrv: ['ako', 'kada', 'kad', 'da', 'koji', 'koja', 'koje', 'osim ako'],
  srp: ['ako', 'kada', 'da', 'koji', 'koja', 'koje', 'ако', 'када', 'да', 'који', 'која', 'које'],
  bul: ['ако', 'когато', 'че', 'който', 'която', 'което', 'които', 'освен ако', 'доколкото'],
  ron: ['dacă', 'când', 'că', 'care', 'cu excepția', 'în cazul în care', 'în măsura în care'],
  hun: ['ha', 'amikor', 'hogy', 'amely', 'amelyek', 'aki', 'akik', 'kivéve', 'amennyiben'],
  ell: ['εάν', 'αν', 'όταν', 'ότι', 'που', 'ο οποίος', 'η οποία', 'το οποίο', 'εκτός εάν', 'εφόσον'],
  mlt: ['jekk', 'meta', 'fejn', 'li', 'sakemm', 'ħlief jekk'],
  gle: ['má', 'más', 'nuair', 'gur', 'mura'],
  rus: ['если', 'когда', 'что', 'который', 'которая', 'которое', 'которые', 'за исключением', 'при условии'],
  ukr: ['якщо', 'коли', 'що', 'який', 'яка', 'яке', 'які', 'за винятком'],
  ara: ['إذا', 'إن', 'عندما', 'الذي', 'التي', 'الذين', 'ما لم', 'في حال', 'بشرط'],
  heb: ['אם', 'כאשר', 'אשר', 'אלא אם'],
  ind: ['jika', 'apabila', 'bila', 'yang', 'kecuali'],
  msa: ['jika', 'apabila', 'yang', 'kecuali'],
  cat: ['si', 'quan', 'que', 'qui', 'llevat'],
  glg: ['se', 'cando', 'que', 'quen', 'salvo'],
};

/** Markers opening a condition clause ("where", "lorsque", "wenn", 如果 ...). */
export const CONDITION_MARKERS: Readonly<Record<string, readonly string[]>> = {
  eng: ['if', 'where', 'when', 'whenever', 'provided that', 'in the event that', 'in the event of', 'in case of', 'in the case of', 'insofar as', 'in so far as', 'to the extent that', 'on condition that'],
  fra: ['si', "s'il", "s'ils", 'lorsque', "lorsqu'", 'quand', 'dans la mesure où', 'pour autant que', 'à condition que', 'en cas de', 'sous réserve'],
  deu: ['wenn', 'falls', 'sofern', 'soweit', 'sobald', 'im falle', 'im fall', 'vorbehaltlich'],
  spa: ['si', 'cuando', 'siempre que', 'en caso de', 'en la medida en que', 'a condición de que', 'sin perjuicio'],
  ita: ['se', 'qualora', 'quando', 'purché', 'nel caso in cui', 'in caso di', 'ove', 'nella misura in cui', 'fatto salvo'],
  por: ['se', 'quando', 'caso', 'desde que', 'sempre que', 'na medida em que', 'em caso de', 'sem prejuízo'],
  nld: ['indien', 'als', 'wanneer', 'voor zover', 'mits', 'ingeval', 'in geval van', 'onverminderd'],
  swe: ['om', 'när', 'i den mån', 'vid', 'förutsatt att'],
  dan: ['hvis', 'når', 'for så vidt', 'forudsat at', 'ved'],
  nob: ['hvis', 'når', 'dersom', 'forutsatt at'],
  fin: ['jos', 'kun', 'mikäli', 'siltä osin kuin'],
  est: ['kui', 'juhul kui', 'juhul'],
  lav: ['ja', 'kad', 'ciktāl', 'gadījumā'],
  lit: ['jei', 'jeigu', 'kai', 'atveju'],
  pol: ['jeżeli', 'jeśli', 'gdy', 'w przypadku', 'o ile'],
  ces: ['pokud', 'jestliže', 'když', 'v případě', 'není-li', 'je-li'],
  slk: ['ak', 'keď', 'pokiaľ', 'v prípade'],
  slv: ['če', 'kadar', 'v primeru'],
  hrv: ['ako', 'kada', 'u slučaju'],
  srp: ['ako', 'kada', 'u slučaju', 'ако', 'када', 'у случају'],
  bul: ['ако', 'когато', 'в случай', 'доколкото'],
  ron: ['dacă', 'când', 'în cazul în care', 'în măsura în care', 'atunci când'],
  hun: ['ha', 'amikor', 'amennyiben', 'esetén'],
  ell: ['εάν', 'αν', 'όταν', 'εφόσον', 'σε περίπτωση'],
  mlt: ['jekk', 'meta', 'fejn', "fil-każ ta'"],
  gle: ['má', 'más', 'nuair', 'i gcás'],
  rus: ['если', 'когда', 'в случае', 'при условии'],
  ukr: ['якщо', 'коли', 'у разі', 'в разі'],
  bel: ['калі', 'у выпадку'],
  mkd: ['ако', 'кога', 'во случај'],
  ara: ['إذا', 'إن', 'عندما', 'في حال', 'في حالة', 'بشرط', 'شريطة'],
  heb: ['אם', 'כאשר', 'במקרה'],
  tur: ['eğer', 'halinde', 'durumunda', 'takdirde'],
  hin: ['यदि', 'जब', 'जहां', 'जहाँ', 'बशर्ते'],
  ben: ['যদি', 'যখন', 'যেক্ষেত্রে'],
  urd: ['اگر', 'جب', 'بشرطیکہ'],
  fas: ['اگر', 'چنانچه', 'هرگاه', 'در صورتی که'],
  ind: ['jika', 'apabila', 'dalam hal', 'bila'],
  msa: ['jika', 'apabila', 'sekiranya'],
  vie: ['nếu', 'khi', 'trường hợp'],
  tgl: ['kung', 'kapag'],
  swa: ['iwapo', 'ikiwa', 'endapo'],
  cat: ['si', 'quan', 'en cas de'],
  glg: ['se', 'cando', 'en caso de'],
  eus: ['baldin', 'kasuan'],
  isl: ['ef', 'þegar'],
  sqi: ['nëse', 'kur', 'në rast'],
  afr: ['indien', 'as', 'wanneer'],
};

/** Markers opening an exception ("unless", "sauf si", "es sei denn" ...). */
export const EXCEPTION_MARKERS: Readonly<Record<string, readonly string[]>> = {
  eng: ['unless', 'except', 'save', 'other than', 'with the exception of', 'without prejudice to'],
  fra: ['sauf', 'à moins que', "à moins qu'", "à l'exception de", 'hormis', 'excepté'],
  deu: ['es sei denn', 'außer', 'ausgenommen', 'mit ausnahme'],
  spa: ['salvo', 'a menos que', 'excepto', 'con excepción de', 'a excepción de'],
  ita: ['salvo', 'a meno che', 'eccetto', 'ad eccezione di', 'tranne'],
  por: ['salvo', 'a menos que', 'exceto', 'com exceção de', 'exceto se'],
  nld: ['tenzij', 'behalve', 'met uitzondering van', 'uitgezonderd'],
  swe: ['såvida', 'utom', 'med undantag av'],
  dan: ['medmindre', 'undtagen', 'bortset fra'],
  nob: ['med mindre', 'unntatt', 'bortsett fra'],
  fin: ['paitsi', 'lukuun ottamatta', 'ellei'],
  est: ['välja arvatud', 'kui ei'],
  lav: ['izņemot', 'ja vien'],
  lit: ['nebent', 'išskyrus'],
  pol: ['chyba że', 'z wyjątkiem', 'wyjąwszy'],
  ces: ['ledaže', 's výjimkou', 'kromě'],
  slk: ['s výnimkou', 'ibaže', 'okrem'],
  slv: ['razen če', 'razen'],
  hrv: ['osim ako', 'osim'],
  srp: ['osim ako', 'osim', 'осим ако', 'осим'],
  bul: ['освен ако', 'освен', 'с изключение на'],
  ron: ['cu excepția', 'cu excepţia', 'exceptând', 'decât dacă'],
  hun: ['kivéve', 'kivételével'],
  ell: ['εκτός εάν', 'εκτός αν', 'εκτός από', 'με εξαίρεση'],
  mlt: ['ħlief', 'sakemm ma', "bl-eċċezzjoni ta'"],
  gle: ['mura', 'seachas', 'ach amháin'],
  rus: ['за исключением', 'кроме', 'если иное не'],
  ukr: ['за винятком', 'крім'],
  ara: ['ما لم', 'باستثناء', 'إلا إذا', 'عدا', 'ما عدا'],
  heb: ['אלא אם', 'למעט', 'חוץ מ'],
  tur: ['hariç', 'dışında', 'müstesna'],
  hin: ['सिवाय', 'के सिवाय', 'जब तक कि'],
  ind: ['kecuali'],
  msa: ['kecuali'],
  vie: ['trừ', 'trừ trường hợp'],
  cat: ['llevat', 'excepte', 'tret de'],
  glg: ['salvo', 'agás', 'excepto'],
  isl: ['nema'],
  sqi: ['përveç', 'me përjashtim'],
  afr: ['tensy', 'behalwe'],
};

/** Chinese/Japanese conditions are marked at the end of the clause, not the start. */
export const CJK_CONDITION = {
  cmn: /(?:如果|若|如|凡|在)?[^，。；,;]{2,80}?(?:的|时|時|情形|情况下|情況下)(?=[，,])/u,
  jpn: /[^、。]{2,80}?(?:場合(?:には|は|において)?|ときは|とき|限り)(?=[、，,])/u,
} as const;

export const CJK_EXCEPTION = {
  cmn: /(?:但是|但|除)[^。；;]{1,120}?(?:除外|外)?(?=[，。；,;]|$)/u,
  jpn: /ただし[、，]?[^。]{1,160}/u,
} as const;

/** Clause-end punctuation across scripts (Latin, CJK full-width, Arabic, Devanagari danda, Greek). */
export const CLAUSE_END = /[.;。；！？!?؛।॥·]/u;

/**
 * Connectors stripped from the start of a heuristic subject ("and the processor shall" -> "the
 * processor"). Short function words only; a long list here would eat real nouns.
 */
export const LEADING_CONNECTORS = new RegExp(
  `^(?:(?:and|or|but|then|so|thus|also|however|nevertheless|furthermore|moreover|in addition|et|ou|mais|puis|alors|cependant|toutefois|néanmoins|und|oder|aber|so|dann|jedoch|allerdings|y|pero|luego|sin embargo|no obstante|ed|oppure|ma|tuttavia|contudo|todavia|en|maar|echter|evenwel|och|eller|men|dock|og|ja|tai|ning|või|un|vai|ir|arba|oraz|lub|jednak|nebo|alebo|avšak|ali|ili|međutim|и|или|но|однако|însă|totuși|și|sau|és|vagy|azonban|και|ή|ωστόσο|jew|agus|nó|ve|veya|ancak|fakat|ama|lakin|ne var ki|و|أو|لكن|غير أن|ו|או)(?:\\s+|$))+`,
  'iu',
);

/** Determiners that usually open the addressee noun phrase in SVO languages. */
export const DETERMINERS = new RegExp(
  `(?<!${L})(?:the|a|an|each|every|any|all|no|such|that|this|these|those|le|la|les|l'|un|une|chaque|tout|toute|tous|der|die|das|den|dem|des|ein|eine|einen|jeder|jede|jedes|diese|dieser|dieses|jene|el|los|las|un|una|cada|todo|toda|il|lo|gli|i|uno|ogni|o|os|as|um|uma|de|het|een|elk|elke|die|deze|den|det|de|en|ett|varje|dessa|denna|detta|az|egy|ο|η|το|οι|τα|κάθε|il-|l-|is-|it-|id-|an|na|al)(?!${L})`,
  'iu',
);

/** Deadline phrases found inside a sentence (raw text; `normalizeDeadline` turns them into ISO). */
const NUM = '(?:\\d+|[\\p{L}-]+)';
export const DEADLINE_PATTERNS: Readonly<Record<string, readonly RegExp[]>> = {
  eng: [
    new RegExp(`(?<!${L})(?:within|not later than|no later than|not more than|no more than|at the latest|at least|not less than|before the end of|before the expiry of|by the end of)\\s+(?:a period of\\s+|the period of\\s+)?${NUM}(?:\\s+(?:calendar|working|business|clear))?\\s+(?:hours?|days?|weeks?|months?|years?|minutes?)(?:\\s+(?:after|of|from|following|before|beginning with|starting)\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`(?<!${L})(?:not later than|no later than|by|before|until|on or before|prior to)\\s+(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)\\s*,?\\s+\\d{4}`, 'iu'),
    new RegExp(`(?<!${L})(?:not later than|no later than|by|before|until|on or before|prior to)\\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`, 'iu'),
    new RegExp(`${NUM}\\s+(?:hours?|days?|weeks?|months?|years?)\\s+(?:after|of|from|following|before)\\s+[^,;.]{1,120}`, 'iu'),
    new RegExp(`(?<!${L})(?:without undue delay|without delay|forthwith|immediately|promptly|as soon as (?:reasonably )?(?:practicable|possible)|within a reasonable (?:period|time))(?!${L})`, 'iu'),
  ],
  fra: [
    new RegExp(`(?<!${L})(?:dans un délai(?: maximal| maximum)? de|dans les|au plus tard dans les|endéans|sous)\\s+${NUM}\\s+(?:heures?|jours?(?: ouvrables| calendaires| francs)?|semaines?|mois|ans|années?)(?:\\s+(?:à compter de|après|suivant|de)\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`${NUM}\\s+(?:heures?|jours?|semaines?|mois|ans)\\s+au plus tard(?:\\s+après\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`(?<!${L})au plus tard le\\s+\\d{1,2}(?:er)?\\s+\\p{L}+\\s+\\d{4}`, 'iu'),
    new RegExp(`(?<!${L})(?:dans les meilleurs délais|sans délai|sans retard injustifié|sans tarder|immédiatement)(?!${L})`, 'iu'),
  ],
  deu: [
    new RegExp(`(?<!${L})(?:innerhalb(?: von| einer Frist von)?|binnen|spätestens(?: nach| innerhalb von)?|längstens|nach Ablauf von)\\s+${NUM}\\s+(?:Stunden?|Tagen?|Tage|Arbeitstagen?|Werktagen?|Wochen?|Monaten?|Monate|Monat|Jahren?|Jahre)(?:\\s*,?\\s+(?:nach|ab|nachdem|seit)\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`(?<!${L})(?:spätestens|bis)(?: zum| am)?\\s+\\d{1,2}\\.\\s*\\p{L}+\\s+\\d{4}`, 'iu'),
    new RegExp(`(?<!${L})(?:unverzüglich|ohne unangemessene Verzögerung|ohne schuldhaftes Zögern|sofort|umgehend)(?!${L})`, 'iu'),
  ],
  spa: [
    new RegExp(`(?<!${L})(?:en un plazo(?: máximo)? de|en el plazo de|dentro de(?:l plazo de)?|a más tardar|no más tarde de)\\s+${NUM}\\s+(?:horas?|días?(?: hábiles| naturales)?|semanas?|meses|mes|años?)(?:\\s+(?:después de|desde|a partir de|tras|a contar desde)\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`(?<!${L})(?:sin dilación indebida|sin demora|de inmediato|inmediatamente)(?!${L})`, 'iu'),
  ],
  ita: [
    new RegExp(`(?<!${L})(?:entro(?: il termine di)?|non oltre|al più tardi entro)\\s+${NUM}\\s+(?:ore|ora|giorni|giorno|settimane|mesi|mese|anni|anno)(?:\\s+(?:dal|dalla|dopo|da)\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`(?<!${L})(?:senza ingiustificato ritardo|senza ritardo|immediatamente|tempestivamente)(?!${L})`, 'iu'),
  ],
  por: [
    new RegExp(`(?<!${L})(?:no prazo(?: máximo)? de|dentro de|até|o mais tardar)\\s+${NUM}\\s+(?:horas?|dias?(?: úteis)?|semanas?|meses|mês|anos?)(?:\\s+(?:após|a contar d[eao]|a partir d[eao])\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`(?<!${L})(?:sem demora injustificada|sem demora|imediatamente)(?!${L})`, 'iu'),
  ],
  nld: [
    new RegExp(`(?<!${L})(?:binnen|uiterlijk|niet later dan)\\s+${NUM}\\s+(?:uur|uren|dagen|dag|werkdagen|weken|week|maanden|maand|jaar|jaren)(?:\\s+(?:na|nadat|vanaf)\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`(?<!${L})(?:zonder onredelijke vertraging|onverwijld|onmiddellijk|zo spoedig mogelijk)(?!${L})`, 'iu'),
  ],
  cmn: [
    /(?:自|从|從|在)?[^，。；,;]{0,30}?之日起[^，。；,;]{0,6}?[\d一二三四五六七八九十百两兩]+(?:个|個)?(?:工作日|日|天|小时|小時|个月|個月|月|年)(?:以内|内|內)/u,
    /[\d一二三四五六七八九十百两兩]+(?:个|個)?(?:工作日|日|天|小时|小時|个月|個月|月|年)(?:以内|内|內)/u,
    /(?:及时|及時|立即|立刻|without delay)/u,
  ],
  jpn: [
    /[^、。]{0,40}?から?[\d０-９一二三四五六七八九十百]+(?:時間|日|週間|箇月|か月|ヶ月|カ月|月|年)以内/u,
    /(?:遅滞なく|速やかに|直ちに)/u,
  ],
  ara: [
    new RegExp(`(?:خلال|في غضون|في مدة لا تتجاوز|في موعد لا يتجاوز|قبل مضي)\\s+(?:\\S+\\s+){0,2}?(?:ساعة|ساعات|يوما|يومًا|يوم|أيام|أسبوع|أسابيع|شهر|أشهر|شهرا|شهرًا|سنة|سنوات)(?:\\s+(?:من|بعد)\\s+[^،؛.]{1,120})?`, 'u'),
    /(?:دون تأخير|بدون تأخير|فورا|فورًا|على الفور)/u,
  ],
  rus: [
    new RegExp(`(?<!${L})(?:в течение|не позднее|не позже|в срок(?: не более)?|в срок до)\\s+(?:\\S+\\s+){0,2}?(?:часов|часа|час|дней|дня|день|рабочих дней|недель|недели|месяцев|месяца|месяц|лет|года|год)(?:\\s+(?:со дня|с момента|после|с даты)\\s+[^,;.]{1,120})?`, 'iu'),
    new RegExp(`(?<!${L})(?:незамедлительно|безотлагательно|без промедления|немедленно)(?!${L})`, 'iu'),
  ],
};

/**
 * Deadlines in languages without a dedicated list: a number followed by a time unit in any EU
 * language (the GDPR's "72 hours" appears as "72 timer", "72 órán belül", "72 часа" ...).
 */
export const GENERIC_DEADLINE = new RegExp(
  `(?:(?:[\\p{L}]+\\s+){0,3})\\d+\\s*(?:hours?|heures?|Stunden|horas?|ore|uur|timer|timmar|tuntia|tunnin|tundi|tunni|stundu|stundām|valand\\p{L}*|godzin\\p{L}*|hodin\\p{L}*|hodín|urah|ur|sati|sata|часа|часов|часови|ωρών|ώρες|órán|órával|óra|siegħa|uair|saat|jam|giờ|ชั่วโมง|days?|jours?|Tagen?|días?|giorni|dagen|dage|dagar|päivän|päivää|päivässä|päeva|dienu|dienām|dien\\p{L}*|dni|dnů|dní|dni|dana|дни|дней|дена|ημερών|nap\\p{L}*|jiem|lá|gün|hari|ngày|วัน|months?|mois|Monat\\p{L}*|meses|mesi|maanden|månader|måneder|kuukauden|kuu\\p{L}*|mēneš\\p{L}*|mėnes\\p{L}*|miesi\\p{L}*|měsíc\\p{L}*|mesiac\\p{L}*|mesec\\p{L}*|mjesec\\p{L}*|месец\\p{L}*|μην\\p{L}*|hónap\\p{L}*|xhur|mí|ay|bulan|tháng|เดือน)(?![\\p{L}])`,
  'iu',
);

/** Penalty clauses: only the obvious "liable to a fine / imprisonment" kind. */
export const PENALTY_PATTERNS: readonly RegExp[] = [
  /(?:liable|subject)(?: on (?:summary )?conviction)? to (?:an? )?(?:administrative )?(?:fines?|penalt(?:y|ies)|imprisonment|custodial sentence)[^.;]*/iu,
  /(?:shall be|is|are) (?:punished|punishable|sanctioned)[^.;]*/iu,
  /(?:commits|is guilty of) an? (?:criminal )?offen[cs]e[^.;]*/iu,
  /imprisonment for a term[^.;]*/iu,
  /(?:a )?fine (?:of|not exceeding|up to|of up to)[^.;]*/iu,
  /(?:passible|puni(?:e|s|es)?) d'(?:une? )?(?:amende|peine|emprisonnement)[^.;]*/iu,
  /(?:amende|peine d'emprisonnement|emprisonnement) (?:de|d'|pouvant aller)[^.;]*/iu,
  /(?:Geldbuße|Geldbußen|Geldstrafe|Freiheitsstrafe|Bußgeld)[^.;]*/iu,
  /(?:wird|werden) mit [^.;]{0,80}bestraft[^.;]*/iu,
  /(?:multa|multas|sanción|sanciones|pena de prisión) de[^.;]*/iu,
  /(?:será|serán) (?:sancionad|castigad)\p{L}*[^.;]*/iu,
  /(?:sanzione amministrativa|sanzioni amministrative|reclusione|ammenda)[^.;]*/iu,
  /(?:coima|coimas|pena de prisão)[^.;]*/iu,
  /(?:штраф\p{L}*|лишени\p{L}* свободы|наказывается)[^.;]*/iu,
  /(?:处|處|并处|並處)[^，。；]{0,30}?(?:罚款|罰款|拘留|有期徒刑|罚金|罰金)[^。；]*/u,
  /(?:罚款|罰款)[^。；]*/u,
  /(?:懲役|罰金|過料)[^。]*/u,
  /(?:يعاقب|غرامة|بالسجن|عقوبة)[^.،؛]*/u,
];

/**
 * Cross-references: "Article 6(1)(a)", "Art. 5", "section 12(3)", "§ 5 Abs. 2", "第十二条",
 * "55 straipsnį", "článku 55", "статьи 6". The same number-and-word shape covers most EU languages.
 */
export const CROSS_REFERENCE_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `(?<!${L})(?:Articles?|Art\\.|Arts\\.|Artikel|Artikels|Artículos?|Artigos?|Articolo|Articoli|artikla[n]?|artikli[s]?|artikkel|Artikolu|Airteagal|hAirteagal|článk[uy]|článek|člen[ua]?|členom|član(?:ak|ka|ku)|čl\\.|stavk[au]|άρθρ[οαου]+|член[а]?|стать[яиейю]|ст\\.|section|sections|s\\.|regulation|rule|paragraph|paragraphe|Absatz|apartado|paragrafo|alinéa|lid|ust\\.|odst\\.)\\s*\\d+[a-z]?(?:\\s*\\(\\d+[a-z]?\\))*(?:\\s*\\([a-z]{1,4}\\))*(?:\\s*(?:and|to|et|à|und|bis|y|a|e|en|tot)\\s+\\d+[a-z]?(?:\\s*\\(\\d+\\))*)?`,
    'giu',
  ),
  new RegExp(`§+\\s*\\d+[a-z]?(?:\\s*(?:Abs\\.|Absatz|para\\.)\\s*\\d+)?(?:\\s*(?:Satz|S\\.)\\s*\\d+)?`, 'giu'),
  new RegExp(
    `(?<!${L})\\d+[a-z]?\\.?\\s*(?:straipsn\\p{L}*|cikk\\p{L}*|artikl\\p{L}*|pant\\p{L}*|článk\\p{L}*|artiklan|artiklassa|artiklaa|artiklassa|statu\\p{L}*)(?!${L})`,
    'giu',
  ),
  /第[一二三四五六七八九十百千零〇\d]+条(?:の[一二三四五六七八九十\d]+)?(?:第[一二三四五六七八九十百\d]+(?:款|項|项))?(?:第[一二三四五六七八九十\d]+(?:项|項|号|號))?/gu,
  /(?:المادة|للمادة|بالمادة|المواد)\s+(?:\(?\d+\)?|\p{L}+)/gu,
  /(?:Regulation|Directive|Decision)\s+\((?:EU|EC|EEC|Euratom)\)\s+(?:No\s+)?\d+\/\d+(?:\/E[UC])?/giu,
];
