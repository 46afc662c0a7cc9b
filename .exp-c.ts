import { francAll } from 'franc-all';
import { readFileSync } from 'node:fs';
const langs: Record<string,string> = {bg:'bul',cs:'ces',da:'dan',de:'deu',el:'ell',en:'eng',es:'spa',et:'est',fi:'fin',fr:'fra',ga:'gle',hr:'hrv',hu:'hun',it:'ita',lt:'lit',lv:'lvs',mt:'mlt',nl:'nld',pl:'pol',pt:'por',ro:'ron',sk:'slk',sl:'slv',sv:'swe'};
const major = new Set([...Object.values(langs),'ekk','eng','cmn','jpn','kor','arb','rus','hin','ukr','tur','srp','bos','nob','nno','ind','zlm','vie','tha','heb','pes','urd','ben','cat','glg','eus','isl','mkd','bel','kat','hye','swh','afr']);
function pick(r: [string, number][], delta: number) {
  const top = r[0]!; if (major.has(top[0])) return top[0];
  const spread = top[1] - (r[Math.min(9, r.length-1)]?.[1] ?? 0) || 1;
  for (const c of r.slice(1, 5)) { if (major.has(c[0]) && (top[1]-c[1])/spread < delta) return c[0]; }
  return top[0];
}
for (const delta of [0, 0.1, 0.2, 0.3]) for (const len of [30, 60, 120, 300]) {
  let ok = 0, n = 0; const wrong: string[] = []; const rOk: number[] = [], rBad: number[] = [];
  for (const [l, code] of Object.entries(langs)) {
    const t = readFileSync(`/work/shared/corpus/regulations/${l}/gdpr-2016-679-consolidated-${l}.DERIVED.txt`, 'utf8').split('\n').filter(x => x.length > len);
    for (let i = 0; i < 30 && i < t.length; i++) {
      const s = t[Math.floor(i * t.length / 30)]!.slice(0, len);
      const r = francAll(s) as [string, number][];
      n++; const p = pick(r, delta);
      const spread = r[0]![1] - (r[Math.min(9, r.length-1)]?.[1] ?? 0) || 1;
      const ratio = (r[0]![1] - (r[1]?.[1] ?? 0)) / spread;
      const good = p === code || (code==='est' && p==='ekk');
      if (good) { ok++; rOk.push(ratio); } else { wrong.push(`${code}->${p}`); rBad.push(ratio); }
    }
  }
  const q = (a: number[], f: number) => a.sort((x,y)=>x-y)[Math.floor(a.length*f)]?.toFixed(2);
  console.log(delta, len, (ok/n).toFixed(3), 'ratioOk p25/50', q(rOk,.25), q(rOk,.5), 'ratioBad p50/p75', q(rBad,.5), q(rBad,.75), wrong.slice(0,10).join(' '));
}
