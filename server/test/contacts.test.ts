import { eq } from 'drizzle-orm';
import type { App } from '../src/app';
import { orgs, rosterEntries } from '../src/db/schema';
import { buildTestApp } from './helper';
import { insertApprovedMember, insertOrg, onboardedCadre, orgTree } from './fixtures';

type Org = Awaited<ReturnType<typeof insertOrg>>;
type Contact = { secretaryName: string | null; secretaryPhone: string | null };

/** Issue 13 item 4: the secretary members and transfer parties see, and who sees the phone. */
describe('secretary contacts (§9)', () => {
  let app: App;
  let tree: Awaited<ReturnType<typeof orgTree>>;
  let otherBranch: Org;

  beforeAll(async () => {
    app = await buildTestApp();
    tree = await orgTree(app);
    otherBranch = await insertOrg(app, tree.otherCity, 'branch');
    // what an admin typed into the org records
    for (const o of [tree.branch, otherBranch, tree.grade]) {
      await app.db.update(orgs).set({ secretaryName: '示例书记', secretaryPhone: '13700001234' }).where(eq(orgs.id, o.id));
    }
  });
  afterAll(() => app.close());

  /** An onboarded 书记 of `org`'s roster bound to an account, named `name`. */
  async function secretaryOf(org: Org, name: string) {
    const c = await onboardedCadre(app, org.id, { isOperator: true });
    await app.db.update(rosterEntries).set({ name }).where(eq(rosterEntries.userId, c.userId));
    return c;
  }

  const get = async (url: string, headers: Record<string, string>) => {
    const res = await app.inject({ method: 'GET', url, headers });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('member home and status page: the org record, masked, while no secretary has onboarded; then the onboarded 书记, masked', async () => {
    const m = await insertApprovedMember(app, tree.branch.id, '周成员');
    const before: Contact = (await get('/api/me/home', m.headers)).branch;
    expect(before).toMatchObject({ secretaryName: '示例书记', secretaryPhone: '137****1234' });

    // a roster line that has not onboarded (no account bound) is not a contact yet
    const sec = await secretaryOf(tree.branch, '林书记');
    await app.db.update(rosterEntries).set({ onboardedAt: null }).where(eq(rosterEntries.userId, sec.userId));
    expect((await get('/api/me/home', m.headers)).branch.secretaryName).toBe('示例书记');
    await app.db.update(rosterEntries).set({ onboardedAt: new Date() }).where(eq(rosterEntries.userId, sec.userId));

    // a deputy is not the secretary
    const deputy = await onboardedCadre(app, tree.branch.id);
    await app.db.update(rosterEntries).set({ name: '副书记甲', position: 'deputySecretary' }).where(eq(rosterEntries.userId, deputy.userId));

    const home: Contact = (await get('/api/me/home', m.headers)).branch;
    const masked = `${sec.phone.slice(0, 3)}****${sec.phone.slice(-4)}`;
    expect(home).toMatchObject({ secretaryName: '林书记', secretaryPhone: masked });
    const status = (await get('/api/me/checkin', m.headers)).branch as Contact;
    expect(status).toMatchObject({ secretaryName: '林书记', secretaryPhone: masked });
  });

  it('transfer contacts: masked for the member and for cadres outside the chain, full for cadres of the org or an ancestor', async () => {
    const sec = await secretaryOf(otherBranch, '陈书记');
    const gradeAdmin = await onboardedCadre(app, tree.grade.id, { isAdmin: true });
    await app.db.update(rosterEntries).set({ position: 'organizationMember' }).where(eq(rosterEntries.userId, gradeAdmin.userId));
    const outsider = await onboardedCadre(app, otherBranch.id, { isAdmin: true });
    const cityCadre = await onboardedCadre(app, tree.city.id, { isAdmin: true });
    const m = await insertApprovedMember(app, tree.branch.id, '吴转出');
    const res = await app.inject({
      method: 'POST',
      url: `/api/orgs/${tree.grade.id}/transfers/out`,
      headers: gradeAdmin.headers,
      payload: { memberIds: [String(m.checkinId)], destinationOrgId: String(otherBranch.id), reason: 'jobTransfer' },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().items[0].id as string;
    const masked = `${sec.phone.slice(0, 3)}****${sec.phone.slice(-4)}`;

    const contacts = await get(`/api/me/transfers/${id}/contacts`, m.headers);
    expect(contacts.inBranch).toMatchObject({ secretaryName: '陈书记', secretaryPhone: masked });
    // the grade's record still names its placeholder, and the member sees it masked
    expect(contacts.outSuperior).toMatchObject({ secretaryName: '示例书记', secretaryPhone: '137****1234' });
    expect(contacts.outBranch.secretaryPhone ?? '').not.toMatch(/^\d{11}$/);

    // the in-branch's own admin is in its chain: full phone; the out side sees it masked
    const inSide = await get(`/api/orgs/${otherBranch.id}/transfers/${id}`, outsider.headers);
    expect(inSide.toBranch ?? inSide.toOrg).toMatchObject({ secretaryName: '陈书记', secretaryPhone: sec.phone });
    const outSide = await get(`/api/orgs/${tree.grade.id}/transfers/${id}`, gradeAdmin.headers);
    expect(outSide.toBranch ?? outSide.toOrg).toMatchObject({ secretaryName: '陈书记', secretaryPhone: masked });
    // cadres of ancestors (the grade, the city) see the out-branch's secretary in full
    expect(outSide.fromBranch).toMatchObject({ secretaryName: '林书记', secretaryPhone: expect.stringMatching(/^1\d{10}$/) });
    const fromCity = await get(`/api/orgs/${tree.city.id}/transfers/${id}`, cityCadre.headers);
    expect(fromCity.fromBranch.secretaryPhone).toBe(outSide.fromBranch.secretaryPhone);
    expect(fromCity.toBranch ?? fromCity.toOrg).toMatchObject({ secretaryPhone: masked });
  });
});
