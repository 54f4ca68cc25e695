import { eq, sql } from 'drizzle-orm';
import { idCheckChar, type OrgType } from '@tj/shared';
import type { App } from '../src/app';
import { checkins, orgs, rosterEntries, users } from '../src/db/schema';
import { trackCheckinChange } from '../src/modules/stats/counters';
import { countRosterLines } from '../src/modules/roster/lines';
import { childPath, rootPath } from '../src/lib/org-path';
import { hashPassword } from '../src/modules/auth/password';
import { uniquePhone } from './helper';

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** Inserts an org directly (tests of the tree API create theirs through HTTP). */
export async function insertOrg(app: App, parent: typeof orgs.$inferSelect | null, type: OrgType, shortName?: string) {
  const name = shortName ?? `测试${uniq()}${type === 'branch' ? '团支部' : type === 'generalBranch' ? '团总支' : '团委'}`;
  const [res] = await app.db.insert(orgs).values({
    parentId: parent?.id ?? null,
    path: 'pending',
    depth: parent ? parent.depth + 1 : 0,
    type,
    shortName: name,
    fullName: `中国共产主义青年团${name}`,
    industry: 'other',
  });
  const id = Number(res.insertId);
  await app.db
    .update(orgs)
    .set({ path: parent ? childPath(parent.path, id) : rootPath(id) })
    .where(eq(orgs.id, id));
  const [row] = await app.db.select().from(orgs).where(eq(orgs.id, id));
  return row;
}

// Checksums verified with the shared validateIdNumber.
export const VALID_IDS = ['440106199003070028', '44030520000101003X', '440102200506150046', '110101199501010054', '650102200002020060'];

/** A user onboarded in `orgId` with the given flags, and a bearer header for them. */
export async function onboardedCadre(app: App, orgId: number, flags: { isAdmin?: boolean; isOperator?: boolean } = {}) {
  const phone = uniquePhone();
  const [res] = await app.db.insert(users).values({ phone, name: '测试团干', passwordHash: await hashPassword('abc12345') });
  const userId = Number(res.insertId);
  const idNumber = `ID-${uniq()}`;
  await countRosterLines(app.db, orgId, 1);
  await app.db.insert(rosterEntries).values({
    orgId,
    name: '测试团干',
    idEnc: app.pii.encrypt(idNumber),
    idHash: app.pii.lookupHash(idNumber),
    phone,
    position: 'secretary',
    isAdmin: flags.isAdmin ?? false,
    isOperator: flags.isOperator ?? flags.isAdmin ?? false,
    userId,
    onboardedAt: new Date(),
  });
  const token = app.jwt.sign({ sub: String(userId) });
  return { userId, phone, headers: { authorization: `Bearer ${token}` } };
}

/** Orgs under `path` whose kept `cadre_count` differs from their number of roster lines (should be none). */
export async function cadreCountDrift(app: App, path: string) {
  const [rows] = (await app.db.execute(
    sql`select o.id, o.cadre_count as kept, (select count(*) from roster_entries r where r.org_id = o.id) as roster_lines
      from orgs o where o.path like ${`${path}%`} having kept <> roster_lines`,
  )) as unknown as [{ id: number; kept: number; roster_lines: number }[]];
  return rows.map((r) => ({ id: Number(r.id), kept: Number(r.kept), lines: Number(r.roster_lines) }));
}

/** province → city → grassroots committee → general branch → branch, plus a sibling city. */
export async function orgTree(app: App) {
  const province = await insertOrg(app, null, 'leadingOrgan', `团测试${uniq()}省委`);
  const city = await insertOrg(app, province, 'leadingOrgan', `团测试${uniq()}市委`);
  const otherCity = await insertOrg(app, province, 'leadingOrgan', `团另一${uniq()}市委`);
  const school = await insertOrg(app, city, 'grassrootsCommittee');
  const grade = await insertOrg(app, school, 'generalBranch');
  const branch = await insertOrg(app, grade, 'branch');
  return { province, city, otherCity, school, grade, branch };
}

// ── check-in (issue 5) ────────────────────────────────────────────────────────────────
let idSeq = Math.floor(Math.random() * 900);
const ID_REGIONS = ['440106', '440305', '440102', '110101', '310104', '320102', '330106', '420102'];
// Test files share one database and each starts its own sequence: a per-file region (the
// province kept, the 4 digits after it random) keeps two files' members apart, where a shared
// birth date ('2002-03-04') and nearby starts used to give two files the same ID number.
const FILE_REGION_SALT = Math.floor(Math.random() * 10000);

/** A valid mainland ID number born on `birth` ('YYYY-MM-DD'), different on every call. */
export function makeIdNumber(birth = '2000-01-01', gender: 'male' | 'female' = 'female'): string {
  const n = idSeq++;
  const k = Math.floor(n / 500) % ID_REGIONS.length;
  const region = `${ID_REGIONS[k].slice(0, 2)}${String((FILE_REGION_SALT + k * 1237) % 10000).padStart(4, '0')}`;
  let seq = (n % 500) * 2 + (gender === 'male' ? 1 : 0);
  seq = seq % 1000;
  const first17 = `${region}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A bearer header for a fresh account (a member before check-in). */
export async function memberUser(app: App, name = '测试团员') {
  const phone = uniquePhone();
  const [res] = await app.db.insert(users).values({ phone, name, passwordHash: 'x' });
  const userId = Number(res.insertId);
  return { userId, phone, headers: { authorization: `Bearer ${app.jwt.sign({ sub: String(userId) })}` } };
}

/** The four steps of a complete, valid certification form (§4.3) for `branchId`. */
export function certForm(branchId: number | string, o: { idNumber?: string; name?: string; joinedAt?: string; developmentNumber?: string | null; phone?: string } = {}) {
  return {
    identity: { name: o.name ?? '李小红', idType: 'residentId', idNumber: o.idNumber ?? makeIdNumber(), joinedAt: o.joinedAt ?? '2014-05', branchId: String(branchId) },
    league: { income: 'studentNoIncome', holdsPosition: false, developmentNumber: o.developmentNumber ?? null, joinUnit: '广州市第一中学' },
    contact: {
      phone: o.phone ?? '13800138000',
      ethnicity: '01',
      politicalStatus: 'leagueMember',
      fullTimeEducation: 'bachelorStudying',
      highestEducation: 'bachelorStudying',
      isVolunteer: false,
      guardianContact: null,
      householdRegistration: '广东省广州市',
    },
    optional: { occupation: 'universityStudent', workUnit: '中山大学', email: '', qq: '' },
  };
}

/** A 1×1 PNG, and the first bytes of a JPEG and a WEBP (the server judges by these). */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
export const JPEG_HEAD = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
export const WEBP_HEAD = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(40, 2)]);

/** A multipart body with one file in field `field` (default "file"), whatever name and type it claims. */
export function fileUpload(data: Buffer, filename = 'photo.png', contentType = 'image/png', field = 'file') {
  const boundary = `----tjup${Date.now()}${Math.random().toString(36).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// ── transfers (issue 7) ────────────────────────────────────────────────────────────────
/**
 * A member approved in `branchId`, written directly (with its statistics counters) — for
 * tests that need many members quickly; the check-in tests cover the API path.
 */
export async function insertApprovedMember(app: App, branchId: number, name = '王小明') {
  const u = await memberUser(app, name);
  const idNumber = makeIdNumber('2002-03-04');
  const form = certForm(branchId, { idNumber, name });
  const { idNumber: _omit, ...identity } = form.identity;
  const data = { ...identity, ...form.league, ...form.contact, ...form.optional, gender: 'female', birthDate: '2002-03-04' };
  const hash = app.pii.lookupHash(idNumber);
  const now = new Date();
  const [res] = await app.db.insert(checkins).values({
    userId: u.userId,
    branchId,
    status: 'approved',
    savedSteps: 4,
    draft: data,
    approvedData: data,
    idEnc: app.pii.encrypt(idNumber),
    idHash: hash,
    approvedIdHash: hash,
    realNameStatus: 'passed',
    submittedAt: now,
    reviewedAt: now,
  });
  await trackCheckinChange(app.db, undefined, { branchId, status: 'approved', approvedData: data });
  return { ...u, checkinId: Number(res.insertId), idNumber, name };
}
