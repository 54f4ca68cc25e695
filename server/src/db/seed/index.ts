import { eq, sql } from 'drizzle-orm';
import { idCheckChar, proposeFullName, validateAlias, type OrgType } from '@tj/shared';
import { createDb, createPool, type Db } from '../client';
import { orgs, rosterEntries, users } from '../schema';
import { loadConfig } from '../../env';
import { createPii, type Pii } from '../../lib/pii';
import { useSealKey } from '../schema/sealed';
import { childPath, rootPath } from '../../lib/org-path';
import { hashPassword } from '../../modules/auth/password';
import { fieldsComplete, syncSecretaryRegistered } from '../../modules/orgs/service';
import { DEMO_ACCOUNTS, DEMO_ALIASES } from './demo-accounts';
import { seedDemoMembers } from './demo-members';
import { seedDemoGraduation } from './demo-graduation';
import { CITIES, DEEP_PATHS, OTHER_COMMITTEES, PROVINCE, TRANSFER_ROLE_ORGS, UNIVERSITIES, WORKING_COMMITTEES } from './guangdong';
import { theRow } from '../../lib/rows';
import { countRosterLines } from '../../modules/roster/lines';
import { seedDemoArchives } from './demo-archives';
import { seedDemoRatings } from './demo-ratings';
import { seedDemoOrgLife } from './demo-org-life';
import { seedDemoNotices } from './demo-notices';
import type { Storage } from '../../adapters/storage/types';
import { LocalDiskStorage } from '../../adapters/storage/local';

type OrgRow = typeof orgs.$inferSelect;

/** A checksum-valid demo ID number (Guangzhou, born 2000-01-01 + n days). */
export function demoIdNumber(n: number): string {
  const birth = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `440106${birth}${String(100 + (n % 900)).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const SURNAMES = '陈李黄张梁林刘吴罗杨郑何周谢王钟曾邓叶蔡许冯苏卢朱赖彭潘余莫';
const GIVEN = ['志强', '晓东', '文静', '嘉欣', '浩然', '思远', '雅婷', '俊杰', '诗琪', '子豪', '家乐', '慧敏', '振华', '美玲', '伟明', '丽娟', '建国', '晓燕', '国强', '秋萍'];

/** A realistic name for the secretary of the org record number `seq` (deterministic). */
export const demoSecretaryName = (seq: number) => `${SURNAMES[seq % SURNAMES.length]}${GIVEN[Math.floor(seq / SURNAMES.length + seq) % GIVEN.length]}`;

/**
 * The org record's 书记: the demo account that is its secretary when there is one (so the
 * record names the person who onboarded), else a named placeholder with a 137 number.
 */
function recordSecretary(shortName: string, seq: number) {
  const i = DEMO_ACCOUNTS.findIndex((a) => a.org === shortName);
  const account = DEMO_ACCOUNTS[i];
  if (account) return { name: account.name, phone: account.phone, idNumber: demoAccountIdNumber(i) };
  return { name: demoSecretaryName(seq), phone: `1370000${String(seq).padStart(4, '0')}`, idNumber: demoIdNumber(seq) };
}

const demoAccountIdNumber = (i: number) => demoIdNumber(5000 + i * 37);

async function insertOrg(db: Db, pii: Pii, parent: OrgRow | null, type: OrgType, shortName: string, industry: string, sortOrder: number, seq: number) {
  const staffing = type === 'leadingOrgan' || type === 'grassrootsCommittee';
  const secretary = recordSecretary(shortName, seq);
  const secretaryIdNumber = secretary.idNumber;
  const alias = DEMO_ALIASES[shortName] ?? null;
  if (alias && !validateAlias(alias, type).ok) throw new Error(`demo alias ${alias} breaks §3.2`);
  const fields = {
    secretaryName: secretary.name,
    secretaryIdNumber,
    secretaryPhone: secretary.phone,
    contactPhone: staffing ? '020-12345678' : null,
    email: staffing ? 'tuanwei@example.com' : null,
    adminStaffQuota: staffing ? 5 : null,
    adminStaffActual: staffing ? 4 : null,
    institutionStaffQuota: staffing ? 2 : null,
    institutionStaffActual: staffing ? 2 : null,
  };
  const fullName = proposeFullName(shortName, type);
  const [res] = await db.insert(orgs).values({
    parentId: parent?.id ?? null,
    path: 'pending',
    depth: parent ? parent.depth + 1 : 0,
    type,
    shortName,
    fullName,
    alias,
    industry,
    branchCategory: type === 'branch' ? 'ordinary' : null,
    ...fields,
    secretaryIdNumber: undefined,
    secretaryIdEnc: pii.encrypt(secretaryIdNumber),
    secretaryIdHash: pii.lookupHash(secretaryIdNumber),
    sortOrder,
    fieldsComplete: fieldsComplete(type, { shortName, fullName, industry, ...fields }),
  } as typeof orgs.$inferInsert);
  const id = Number(res.insertId);
  const path = parent ? childPath(parent.path, id) : rootPath(id);
  await db.update(orgs).set({ path }).where(eq(orgs.id, id));
  return theRow(await db.select().from(orgs).where(eq(orgs.id, id)), 'the org just inserted');
}

/** Seeds the demo province when the database has no orgs yet; returns whether it seeded. */
export async function seedDemo(db: Db, pii: Pii, storage?: Storage): Promise<boolean> {
  const [{ n }] = (await db.select({ n: sql<number>`count(*)` }).from(orgs)) as [{ n: number }];
  if (Number(n) > 0) return false;
  let seq = 1;
  const byName = new Map<string, OrgRow>();
  const add = async (parent: OrgRow | null, type: OrgType, shortName: string, industry: string, sort: number) => {
    const row = await insertOrg(db, pii, parent, type, shortName, industry, sort, seq++);
    byName.set(shortName, row);
    return row;
  };
  const province = await add(null, 'leadingOrgan', PROVINCE.shortName, 'partyGovernment', 0);
  let sort = 1;
  for (const [city] of CITIES) await add(province, 'leadingOrgan', `团${city}市委`, 'partyGovernment', sort++);
  for (const c of OTHER_COMMITTEES) await add(province, 'grassrootsCommittee', c.shortName, c.industry, sort++);
  for (const u of UNIVERSITIES) await add(province, 'grassrootsCommittee', `${u}团委`, 'university', sort++);
  for (const w of WORKING_COMMITTEES) await add(province, 'workingCommittee', w, 'partyGovernment', sort++);
  for (const p of DEEP_PATHS) {
    let parent = byName.get(p.under)!;
    for (const [type, shortName, industry] of p.chain) parent = await add(parent, type, shortName, industry, 0);
  }
  // after the deep paths, so the demo orgs keep the ids the E2E suites and the README name
  for (const t of TRANSFER_ROLE_ORGS) {
    const row = await add(province, 'branch', t.shortName, 'partyGovernment', sort++);
    await db.update(orgs).set({ transferRole: t.role }).where(eq(orgs.id, row.id));
  }

  const operators = new Map<string, number>();
  for (const [i, a] of DEMO_ACCOUNTS.entries()) {
    const idNumber = demoAccountIdNumber(i);
    const [res] = await db.insert(users).values({
      phone: a.phone,
      name: a.name,
      passwordHash: await hashPassword(a.password),
      // Demo cadres count as verified (issue 12); a member's identity comes from their check-in.
      ...(a.org ? { idEnc: pii.encrypt(idNumber), idHash: pii.lookupHash(idNumber), idVerifiedAt: new Date() } : {}),
    });
    if (!a.org) continue;
    const org = byName.get(a.org)!;
    operators.set(a.org, Number(res.insertId));
    await countRosterLines(db, org.id, 1);
    await db.insert(rosterEntries).values({
      orgId: org.id,
      name: a.name,
      idEnc: pii.encrypt(idNumber),
      idHash: pii.lookupHash(idNumber),
      phone: a.phone,
      position: 'secretary',
      isAdmin: a.admin,
      isOperator: true,
      userId: Number(res.insertId),
      onboardedAt: new Date(),
    });
  }
  await syncSecretaryRegistered(db, { phones: DEMO_ACCOUNTS.map((a) => a.phone) });
  await seedDemoMembers(db, pii, byName, operators, demoIdNumber);
  await seedDemoGraduation(db, byName, operators);
  await seedDemoOrgLife(db, byName, operators);
  // the PDFs need the upload storage; a caller without one gets the members uncertified
  if (storage) await seedDemoArchives(db, storage, byName, operators);
  await seedDemoRatings(db, pii, byName, demoIdNumber);
  await seedDemoNotices(db, byName, operators, storage);
  return true;
}

if (require.main === module) {
  const config = loadConfig();
  const pool = createPool(config.databaseUrl, 2);
  useSealKey(config.piiSecret);
  const pii = createPii(config.piiSecret);
  seedDemo(createDb(pool), pii, new LocalDiskStorage(config.uploadDir))
    .then((seeded) => console.log(seeded ? 'demo data seeded (团广东省委 + 85 direct subordinates, demo members and transfers)' : 'database not empty: seed skipped'))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => pool.end());
}
