/**
 * Legislative heading keywords, one record per language, so a linguist can review a language in one
 * place. headings.ts compiles them into line patterns:
 *  - `before`: keyword then number ("Article 5", "Глава 2", "§ 5", "ANNEX III", "Artículo primero");
 *  - `after`: number then keyword ("5 artikla", "16. cikk", "1 kap.", "5 §", "I. FEJEZET");
 *  - `ordinalFirst`: an ordinal word then the keyword ("Erster Abschnitt", "BİRİNCİ BÖLÜM").
 * Keywords are regular-expression source matched case-insensitively; write "\\." for a literal dot.
 * Kinds: part (Part/Title/Book), chapter, section, subsection, article (the citable unit: Article,
 * §, 条, Section of a US act is `section` and becomes the unit when sections outnumber articles),
 * annex (Annex/Schedule/Appendix; its text is cited "Annex III …", never to the last article).
 *
 * Styles covered (≥ 30, each with a fixture in test/structure-headings.test.ts): see HEADING_STYLES.
 */
export type StyleKind = 'part' | 'chapter' | 'section' | 'subsection' | 'article' | 'annex';

export interface HeadingStyle {
  /** ISO 639-1 where one exists, 'xx' for cross-language conventions. */
  lang: string;
  before?: Partial<Record<StyleKind, readonly string[]>>;
  after?: Partial<Record<StyleKind, readonly string[]>>;
  ordinalFirst?: Partial<Record<StyleKind, readonly string[]>>;
  /** Ordinal words that stand for a number in this language ("premier", "primero", "Erster"). */
  ordinals?: readonly string[];
}

export const HEADING_STYLES: readonly HeadingStyle[] = [
  { lang: 'xx', before: { article: ['§'] }, after: { article: ['§'] } },
  {
    lang: 'en',
    before: {
      article: ['Article', 'Art\\.?', 'Clause', 'Rule'],
      section: ['Section', 'Sec\\.', 'Division'],
      subsection: ['Subsection', 'Sub-section', 'Subdivision'],
      chapter: ['Chapter', 'Chap\\.'],
      part: ['Part', 'Title', 'Book'],
      annex: ['Annex', 'Schedule', 'Appendix', 'Attachment', 'Exhibit'],
    },
    ordinals: ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'],
  },
  {
    lang: 'fr',
    before: { article: ['Article', 'Art\\.?'], section: ['Section', 'Sous-section'], chapter: ['Chapitre'], part: ['Partie', 'Titre', 'Livre'], annex: ['Annexe', 'Appendice'] },
    ordinals: ['premier', 'première', '1er', '1re', 'Ier', 'Ire', 'unique', 'préliminaire', 'deuxième', 'troisième', 'quatrième', 'cinquième'],
  },
  {
    lang: 'de',
    before: { article: ['Artikel', 'Art\\.'], section: ['Abschnitt', 'Unterabschnitt'], chapter: ['Kapitel'], part: ['Teil', 'Titel', 'Buch'], annex: ['Anhang', 'Anlage'] },
    ordinalFirst: { section: ['Abschnitt', 'Unterabschnitt'], chapter: ['Kapitel', 'Hauptstück'], part: ['Teil', 'Titel', 'Buch'] },
    ordinals: [
      'erster', 'erstes', 'erste', 'zweiter', 'zweites', 'zweite', 'dritter', 'drittes', 'dritte', 'vierter', 'viertes', 'vierte',
      'fünfter', 'fünftes', 'fünfte', 'sechster', 'sechstes', 'siebter', 'siebtes', 'achter', 'achtes', 'neunter', 'neuntes', 'zehnter', 'zehntes',
    ],
  },
  {
    lang: 'es',
    before: { article: ['Artículo', 'Articulo', 'Art\\.'], section: ['Sección', 'Seccion'], chapter: ['Capítulo', 'Capitulo'], part: ['Título', 'Titulo', 'Parte', 'Libro'], annex: ['Anexo', 'Apéndice'] },
    ordinals: ['primero', 'primera', 'segundo', 'segunda', 'tercero', 'tercera', 'cuarto', 'quinto', 'único', 'única', 'preliminar'],
  },
  {
    lang: 'it',
    before: { article: ['Articolo', 'Art\\.'], section: ['Sezione'], chapter: ['Capitolo', 'Capo'], part: ['Parte', 'Titolo', 'Libro'], annex: ['Allegato'] },
    ordinals: ['primo', 'secondo', 'terzo', 'unico', 'preliminare'],
  },
  {
    lang: 'pt',
    before: { article: ['Artigo', 'Art\\.'], section: ['Secção', 'Seção', 'Subsecção', 'Subseção'], chapter: ['Capítulo'], part: ['Parte', 'Título', 'Livro'], annex: ['Anexo'] },
    ordinals: ['primeiro', 'primeira', 'único', 'única'],
  },
  { lang: 'nl', before: { article: ['Artikel', 'Art\\.'], section: ['Afdeling', 'Paragraaf'], chapter: ['Hoofdstuk'], part: ['Deel', 'Titel', 'Boek'], annex: ['Bijlage'] } },
  { lang: 'ro', before: { article: ['Articolul', 'Art\\.'], section: ['Secțiunea', 'Secţiunea'], chapter: ['Capitolul'], part: ['Partea', 'Titlul'], annex: ['Anexa', 'Anexă'] } },
  { lang: 'pl', before: { article: ['Artykuł', 'Art\\.'], section: ['Sekcja', 'Oddział'], chapter: ['Rozdział', 'Rozdzial'], part: ['Dział', 'Tytuł', 'Część', 'Księga'], annex: ['Załącznik', 'Zalacznik'] } },
  { lang: 'cs', before: { article: ['Článek', 'Čl\\.'], section: ['Oddíl'], chapter: ['Kapitola'], part: ['Hlava', 'Část', 'Díl'], annex: ['Příloha'] } },
  { lang: 'sk', before: { article: ['Článok', 'Čl\\.'], section: ['Oddiel'], chapter: ['Kapitola'], part: ['Hlava', 'Časť', 'Diel'], annex: ['Príloha'] } },
  { lang: 'sl', before: { article: ['Člen'], section: ['Oddelek'], chapter: ['Poglavje'], part: ['Del'], annex: ['Priloga'] }, after: { article: ['člen'], section: ['oddelek'], chapter: ['poglavje'], part: ['del'] } },
  { lang: 'hr', before: { article: ['Članak'], section: ['Odjeljak'], chapter: ['Poglavlje'], part: ['Glava', 'Dio'], annex: ['Prilog'] } },
  { lang: 'hu', after: { article: ['cikk', '§'], section: ['szakasz', 'alcím'], chapter: ['fejezet'], part: ['rész', 'cím'], annex: ['melléklet'] }, before: { annex: ['Melléklet'] } },
  { lang: 'fi', after: { article: ['artikla', '§'], section: ['jakso'], chapter: ['luku'], part: ['osa', 'osasto'] }, before: { annex: ['Liite'] } },
  { lang: 'et', after: { article: ['artikkel'], section: ['jagu'], chapter: ['peatükk'], part: ['osa', 'jaotis'] }, before: { article: ['Artikkel'], annex: ['Lisa'] } },
  { lang: 'lt', after: { article: ['straipsnis'], section: ['skirsnis'], chapter: ['skyrius'], part: ['dalis', 'antraštinė dalis'] }, before: { annex: ['Priedas'] } },
  { lang: 'lv', after: { article: ['pants'], section: ['iedaļa'], chapter: ['nodaļa'], part: ['daļa', 'sadaļa'] }, before: { annex: ['Pielikums'] } },
  { lang: 'sv', before: { article: ['Artikel'], section: ['Avsnitt'], chapter: ['Kapitel'], part: ['Avdelning', 'Del'], annex: ['Bilaga'] }, after: { chapter: ['kap\\.'], article: ['§'] } },
  { lang: 'da', before: { article: ['Artikel'], section: ['Afdeling', 'Afsnit'], chapter: ['Kapitel'], part: ['Del', 'Afsnit'], annex: ['Bilag'] } },
  { lang: 'nb', before: { article: ['Artikkel'], chapter: ['Kapittel'], part: ['Del'], annex: ['Vedlegg'] } },
  { lang: 'el', before: { article: ['Άρθρο', 'Αρθρο', 'ΑΡΘΡΟ'], section: ['Τμήμα', 'ΤΜΗΜΑ'], chapter: ['Κεφάλαιο', 'Κεφαλαιο', 'ΚΕΦΑΛΑΙΟ'], part: ['Μέρος', 'ΜΕΡΟΣ', 'Τίτλος', 'ΤΙΤΛΟΣ'], annex: ['Παράρτημα', 'ΠΑΡΑΡΤΗΜΑ'] } },
  { lang: 'bg', before: { article: ['Член', 'Чл\\.'], section: ['Раздел'], chapter: ['Глава'], part: ['Част', 'Дял'], annex: ['Приложение'] } },
  { lang: 'ru', before: { article: ['Статья', 'Ст\\.'], section: ['Раздел', 'Параграф'], chapter: ['Глава'], part: ['Часть', 'Книга'], annex: ['Приложение'] }, ordinals: ['первая', 'первый', 'вторая', 'третья'] },
  { lang: 'uk', before: { article: ['Стаття'], section: ['Розділ'], chapter: ['Глава'], part: ['Частина', 'Книга'], annex: ['Додаток'] } },
  { lang: 'ga', before: { article: ['Airteagal'], section: ['Roinn'], chapter: ['Caibidil'], part: ['Cuid', 'Teideal'], annex: ['Iarscríbhinn'] } },
  { lang: 'mt', before: { article: ['Artikolu'], section: ['Taqsima'], chapter: ['Kapitolu'], part: ['Parti', 'Titolu'], annex: ['Anness'] } },
  { lang: 'tr', before: { article: ['Madde'], section: ['Kısım'], chapter: ['Bölüm'], annex: ['Ek'] }, ordinalFirst: { chapter: ['BÖLÜM', 'Bölüm'], part: ['KISIM', 'Kısım'], section: ['Kısım'] }, ordinals: ['birinci', 'ikinci', 'üçüncü', 'dördüncü', 'beşinci', 'altıncı', 'yedinci', 'sekizinci', 'dokuzuncu', 'onuncu'] },
  { lang: 'id', before: { article: ['Pasal'], section: ['Bagian', 'Paragraf'], chapter: ['Bab'], part: ['Buku'], annex: ['Lampiran'] }, ordinals: ['kesatu', 'pertama', 'kedua', 'ketiga', 'keempat', 'kelima'] },
  { lang: 'vi', before: { article: ['Điều'], section: ['Mục'], chapter: ['Chương'], part: ['Phần'], annex: ['Phụ lục'] } },
  { lang: 'hi', before: { article: ['अनुच्छेद', 'धारा', 'नियम'], chapter: ['अध्याय'], part: ['भाग'], annex: ['अनुसूची', 'परिशिष्ट'] } },
  { lang: 'bn', before: { article: ['ধারা', 'অনুচ্ছেদ'], chapter: ['অধ্যায়'], part: ['ভাগ'], annex: ['তফসিল'] } },
  { lang: 'th', before: { article: ['มาตรา'], chapter: ['หมวด'], section: ['ส่วนที่'], annex: ['ภาคผนวก'] } },
  { lang: 'fa', before: { article: ['ماده'], chapter: ['فصل'], section: ['بخش'], annex: ['پیوست'] } },
  { lang: 'ur', before: { article: ['دفعہ'], chapter: ['باب'], annex: ['جدول'] } },
  { lang: 'sw', before: { article: ['Kifungu'], part: ['Sehemu'], annex: ['Jedwali', 'Nyongeza'] } },
  { lang: 'he', before: { article: ['סעיף'], chapter: ['פרק'], section: ['סימן'], annex: ['תוספת', 'נספח'] } },
];
