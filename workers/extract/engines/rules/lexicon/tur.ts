import type { LanguageLexicon } from './types.ts';

/** Turkish: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'tur',
  name: 'Turkish',
  scripts: ['Latn'],
  segmentation: 'space',
  subjectSide: 'SOV',
  prohibition: [
    'yasaktır',
    'yasaklanmıştır',
    'yasak',
    '\\p{L}+(?:mamalıdır|memelidir|mamalı|memeli)',
    '\\p{L}{2,}(?:amaz|emez|amazlar|emezler|ılamaz|ilemez|ulamaz|ülemez)',
  ],
  obligation: [
    'zorundadır',
    'zorundadırlar',
    'zorunda',
    'yükümlüdür',
    'yükümlüdürler',
    'yükümlü',
    'mecburdur',
    '\\p{L}+(?:malıdır|melidir|malıdırlar|melidirler)',
    'gerekir',
    'gerekmektedir',
    'şarttır',
    '~\\p{L}+(?:malı|meli)',
    '~gerekli',
  ],
  permission: [
    '\\p{L}+(?:abilir|ebilir|abilirler|ebilirler)',
    'hakkına sahiptir',
    'hakkı vardır',
    'yetkilidir',
    'yetkili',
    'serbesttir',
  ],
  exemption: ['uygulanmaz', 'uygulanmayacaktır', 'muaftır', 'muaf tutulur', '\\p{L}*muaf\\p{L}*', '~istisna\\p{L}*'],
  cues: ['yükümlülü\\p{L}*', 'hak\\p{L}*', 'ceza\\p{L}*', 'sağla\\p{L}*'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["veri sorumlusu", "veri sorumluları", "veri işleyen(?:ler)?", "Kurul", "Kurum", "Başkanlık", "Bakanlık", "işveren(?:ler)?", "işletmeci(?:ler)?", "(?:hizmet )?sağlayıcı(?:lar)?", "yükümlü(?:ler)?", "lisans sahibi", "operatör(?:ler)?", "kamu kurum ve kuruluşları"],
  determiners: ["her"],
  presentVerb: "\\p{L}+(?:[ıiuü]r|[ae]r|[ıiuü]rlar|[ae]rler|maz|mez|maz(?:lar)?|mez(?:ler)?|[dt][ıiuü]r|[dt][ıiuü]rlar)",
};
