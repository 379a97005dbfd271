import { coverageTable, encodedCorpus } from './src/corpus';
let all = 0, part = 0;
for (const id of encodedCorpus()) {
  const rows = coverageTable(id);
  const p = rows.filter((r) => r.from.startsWith('partial'));
  all += rows.length; part += p.length;
  console.log(id, rows.length, 'partial', p.length, p.map((r) => r.id).join(' '));
}
console.log('total', all, 'partial', part, ((all - part) / all * 100).toFixed(1) + '%');
