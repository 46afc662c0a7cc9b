import type { LanguageLexicon } from './types.ts';

/** Korean: deontic triggers (syntax in types.ts). */
export const lexicon: LanguageLexicon = {
  code: 'kor',
  name: 'Korean',
  scripts: ['Hang'],
  segmentation: 'none',
  subjectSide: 'SOV',
  prohibition: ['(?:서는|어서는|여서는) (?:아니|안) (?:된다|되며|되고|되나)', '금지한다', '금지된다', '금지되며', '할 수 없다', '수 없으며', '수 없다'],
  obligation: ['(?:여야|어야|아야|해야) (?:한다|하며|하고|할)', '의무가 있다', '의무를 진다', '의무를 부담'],
  permission: ['수 있다', '수 있으며', '수 있고', '권리를 가진다', '권리가 있다', '권리를 갖는다'],
  exemption: ['적용하지 (?:아니|않)', '적용되지 (?:아니|않)', '면제'],
  cues: ['의무', '권리', '과태료', '벌금', '징역'],
  // ── present-tense duties (present-duty.ts) ──
  roleNouns: ["(?:개인정보처리|정보통신서비스 제공|사업|운영|사용|제공|수탁)자(?:는|가)", "위원회(?:는|가)", "장관(?:은|이)", "사업주(?:는|가)", "공공기관(?:은|이)"],
  presentVerb: ".*(?:한다|된다|는다|진다|른다|킨다|운다|준다|둔다|않는다)",
};
