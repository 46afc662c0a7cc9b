/**
 * ISO 639-1 (two letters) → ISO 639-3, for every language that has a two-letter code. BCP-47
 * uses the two-letter code when one exists and the ISO 639-3 code otherwise, so with this table
 * any detected language gets a valid tag without a hand-kept list per detector.
 * Macrolanguages map to the individual language detectors report (zh → cmn, ar → arb, ...).
 */
export const ISO639_1_TO_3: Readonly<Record<string, string>> = {
  aa: 'aar', ab: 'abk', ae: 'ave', af: 'afr', ak: 'aka', am: 'amh', an: 'arg', ar: 'arb', as: 'asm', av: 'ava',
  ay: 'aym', az: 'azj', ba: 'bak', be: 'bel', bg: 'bul', bi: 'bis', bm: 'bam', bn: 'ben', bo: 'bod', br: 'bre',
  bs: 'bos', ca: 'cat', ce: 'che', ch: 'cha', co: 'cos', cr: 'cre', cs: 'ces', cu: 'chu', cv: 'chv', cy: 'cym',
  da: 'dan', de: 'deu', dv: 'div', dz: 'dzo', ee: 'ewe', el: 'ell', en: 'eng', eo: 'epo', es: 'spa', et: 'ekk',
  eu: 'eus', fa: 'pes', ff: 'ful', fi: 'fin', fj: 'fij', fo: 'fao', fr: 'fra', fy: 'fry', ga: 'gle', gd: 'gla',
  gl: 'glg', gn: 'grn', gu: 'guj', gv: 'glv', ha: 'hau', he: 'heb', hi: 'hin', ho: 'hmo', hr: 'hrv', ht: 'hat',
  hu: 'hun', hy: 'hye', hz: 'her', ia: 'ina', id: 'ind', ie: 'ile', ig: 'ibo', ii: 'iii', ik: 'ipk', io: 'ido',
  is: 'isl', it: 'ita', iu: 'iku', ja: 'jpn', jv: 'jav', ka: 'kat', kg: 'kon', ki: 'kik', kj: 'kua', kk: 'kaz',
  kl: 'kal', km: 'khm', kn: 'kan', ko: 'kor', kr: 'kau', ks: 'kas', ku: 'kmr', kv: 'kom', kw: 'cor', ky: 'kir',
  la: 'lat', lb: 'ltz', lg: 'lug', li: 'lim', ln: 'lin', lo: 'lao', lt: 'lit', lu: 'lub', lv: 'lvs', mg: 'plt',
  mh: 'mah', mi: 'mri', mk: 'mkd', ml: 'mal', mn: 'khk', mr: 'mar', ms: 'zlm', mt: 'mlt', my: 'mya', na: 'nau',
  nb: 'nob', nd: 'nde', ne: 'npi', ng: 'ndo', nl: 'nld', nn: 'nno', no: 'nor', nr: 'nbl', nv: 'nav', ny: 'nya',
  oc: 'oci', oj: 'oji', om: 'gaz', or: 'ory', os: 'oss', pa: 'pan', pi: 'pli', pl: 'pol', ps: 'pbu', pt: 'por',
  qu: 'quz', rm: 'roh', rn: 'run', ro: 'ron', ru: 'rus', rw: 'kin', sa: 'san', sc: 'srd', sd: 'snd', se: 'sme',
  sg: 'sag', si: 'sin', sk: 'slk', sl: 'slv', sm: 'smo', sn: 'sna', so: 'som', sq: 'als', sr: 'srp', ss: 'ssw',
  st: 'sot', su: 'sun', sv: 'swe', sw: 'swh', ta: 'tam', te: 'tel', tg: 'tgk', th: 'tha', ti: 'tir', tk: 'tuk',
  tl: 'tgl', tn: 'tsn', to: 'ton', tr: 'tur', ts: 'tso', tt: 'tat', tw: 'twi', ty: 'tah', ug: 'uig', uk: 'ukr',
  ur: 'urd', uz: 'uzn', ve: 'ven', vi: 'vie', vo: 'vol', wa: 'wln', wo: 'wol', xh: 'xho', yi: 'ydd', yo: 'yor',
  za: 'zha', zh: 'cmn', zu: 'zul',
};

/** ISO 639-3 codes (individual and macrolanguage) → ISO 639-1. */
export const ISO639_3_TO_1: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>();
  for (const [two, three] of Object.entries(ISO639_1_TO_3)) out.set(three, two);
  // Macrolanguage codes and the other individual members detectors use.
  const extra: Record<string, string> = {
    ara: 'ar', zho: 'zh', est: 'et', lav: 'lv', fas: 'fa', prs: 'fa', msa: 'ms', zsm: 'ms', nep: 'ne', mon: 'mn',
    aze: 'az', uzb: 'uz', swa: 'sw', sqi: 'sq', yid: 'yi', kur: 'ku', ori: 'or', pus: 'ps', mlg: 'mg', orm: 'om',
    que: 'qu', fil: 'tl', pnb: 'pa', hbs: 'sh', nor: 'no', kon: 'kg', ful: 'ff', grn: 'gn', kau: 'kr', cre: 'cr',
    oji: 'oj', kom: 'kv', ikt: 'iu', srd: 'sc', sme: 'se',
  };
  for (const [three, two] of Object.entries(extra)) if (!out.has(three)) out.set(three, two);
  return out;
})();
