import { francAll } from 'franc-all';
import { readFileSync } from 'node:fs';
const langs: Record<string,string> = {bg:'bul',cs:'ces',da:'dan',de:'deu',el:'ell',en:'eng',es:'spa',et:'est',fi:'fin',fr:'fra',ga:'gle',hr:'hrv',hu:'hun',it:'ita',lt:'lit',lv:'lvs',mt:'mlt',nl:'nld',pl:'pol',pt:'por',ro:'ron',sk:'slk',sl:'slv',sv:'swe'};
for (const len of [30, 60, 120, 300, 1000]) {
  let ok = 0, n = 0; const wrong: string[] = []; const gapsOk: number[] = [], gapsBad: number[] = [];
  for (const [l, code] of Object.entries(langs)) {
    const t = readFileSync(`/work/shared/corpus/regulations/${l}/gdpr-2016-679-consolidated-${l}.DERIVED.txt`, 'utf8').split('\n').filter(x => x.length > len);
    for (let i = 0; i < 20 && i < t.length; i++) {
      const s = t[Math.floor(i * t.length / 20)]!.slice(0, len);
      const r = francAll(s);
      n++; const gap = r[0]![1] - (r[1]?.[1] ?? 0);
      if (r[0]![0] === code) { ok++; gapsOk.push(gap); } else { wrong.push(`${code}->${r[0]![0]}`); gapsBad.push(gap); }
    }
  }
  const med = (a: number[]) => a.sort((x,y)=>x-y)[Math.floor(a.length/2)]?.toFixed(3);
  console.log(len, (ok/n).toFixed(3), 'gapOk', med(gapsOk), 'gapBad', med(gapsBad), wrong.slice(0,12).join(' '));
}
