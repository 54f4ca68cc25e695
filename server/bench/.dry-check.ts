import { todayInChina } from '@tj/shared';
import { People } from './people';
import { PARTITIONS, SEED, planPartitions, provinceOf } from './partition';
import { rngOf } from './province';
const members = Number(process.argv[2]);
const parts = process.argv[3].split(',').map(Number);
const today = todayInChina();
const province = provinceOf(members, today);
const bases = planPartitions(province.orgs, PARTITIONS);
for (const part of parts) {
  const rng = rngOf((SEED + 1 + Math.imul(part + 1, 0x9e3779b1)) >>> 0);
  const people = new People(rng, today, part, PARTITIONS);
  let mi = bases[part].member;
  let maxSeq = 0;
  for (const o of province.orgs) {
    if (o.id % PARTITIONS !== part) continue;
    if (o.type !== 'branch') { people.cadre(o.regionCode); rng(); continue; }
    for (let k = 0; k < (o.members ?? 0); k++) people.person(o, mi++, k === 0);
  }
  const ps = people as unknown as { idSeq: Map<string, number>; devSeq: Map<number, number> };
  for (const v of ps.idSeq.values()) maxSeq = Math.max(maxSeq, v);
  console.log(`part ${part}: ok, max id seq ${maxSeq}/${Math.floor(500 / PARTITIONS)}, max dev ${Math.max(...ps.devSeq.values())}/${Math.floor(1e6 / PARTITIONS)}`);
}
