import { eq } from 'drizzle-orm';
import type { OrgType } from '@tj/shared';
import type { App } from '../src/app';
import { orgs, rosterEntries, users } from '../src/db/schema';
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
  await app.db.update(orgs).set({ path: parent ? childPath(parent.path, id) : rootPath(id) }).where(eq(orgs.id, id));
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
