import type { LanguageLexicon } from './types.ts';

/** Serbian: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'srp',
  name: 'Serbian',
  scripts: ['Cyrl', 'Latn'],
  segmentation: 'space',
  subjectSide: 'before',
  prohibition: [
    '(?:ne|не) (?:sme|smeju|сме|смеју)',
    '(?:je|su|је|су) (?:[^\\s,;:.()]+ )?(?:zabranjen\\p{L}*|забрањен\\p{L}*)',
    '(?:zabranjuje se|забрањује се)',
    '(?:nema|nemaju|нема|немају) (?:pravo|право)',
    '~(?:ne|не) (?:može|mogu|може|могу)',
  ],
  obligation: [
    '(?:mora|moraju|мора|морају)',
    '(?:je|su|је|су) (?:[^\\s,;:.()]+ )?(?:dužan|dužna|dužni|obavezan|obavezna|obavezni|дужан|дужна|дужни|обавезан|обавезна|обавезни)',
    '(?:ima|imaju|има|имају) (?:obavezu|обавезу)',
    '~(?:treba|треба)',
  ],
  permission: [
    '(?:može|mogu|може|могу)',
    '(?:sme|smeju|сме|смеју)',
    '(?:ima|imaju|има|имају) (?:pravo|право)',
    '(?:je|su|је|су) (?:[^\\s,;:.()]+ )?(?:ovlašćen\\p{L}*|овлашћен\\p{L}*|dozvoljen\\p{L}*|дозвољен\\p{L}*)',
  ],
  exemption: [
    '(?:se )?(?:ne primenjuj\\p{L}*|не примењуј\\p{L}*)(?: se| се)?',
    '(?:се )?не примењуј\\p{L}*',
    '(?:nije|није) (?:dužan|obavezan|дужан|обавезан)',
    '(?:je|su|је|су) (?:[^\\s,;:.()]+ )?(?:izuzet\\p{L}*|oslobođen\\p{L}*|изузет\\p{L}*|ослобођен\\p{L}*)',
  ],
  cues: ['obavez\\p{L}*', 'обавез\\p{L}*', 'prav\\p{L}*', 'прав\\p{L}*', 'zabran\\p{L}*', 'забран\\p{L}*', 'kazn\\p{L}*', 'казн\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["rukovala(?:c|oci)", "obrađivač(?:i)?", "nadzorni organ", "Poverenik", "руковала(?:ц|оци)", "обрађивач(?:и)?", "надзорни орган", "Повереник", "poslodav(?:ac|ci)", "послодав(?:ац|ци)", "operator(?:i)?", "оператор(?:и)?", "pružalac usluga", "пружалац услуга", "nadležni organ", "надлежни орган"],
  determiners: ["svaki", "svaka", "svako", "сваки", "свака", "свако"],
  negation: ["ne", "не", "nikada", "никада"],
  freeOrder: true,
};
