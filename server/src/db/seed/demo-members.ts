import { eq } from 'drizzle-orm';
import { transferStepDeadline, type CertStep, type CheckinStatus, type RealNameStatus, type TransferKind, type TransferReason } from '@tj/shared';
import type { Db } from '../client';
import { checkins, orgs, transfers, transferSteps, users } from '../schema';
import type { Pii } from '../../lib/pii';
import { audit } from '../../lib/audit';
import { hashPassword } from '../../modules/auth/password';
import { saveStep } from '../../modules/checkins/member-service';
import { realNameKey } from '../../modules/checkins/real-name';
import { trackCheckinChange } from '../../modules/stats/counters';
import { openFirstStep } from '../../modules/transfers/engine';
import { DEMO_MEMBER_ACCOUNTS } from './demo-accounts';
import { theRow } from '../../lib/rows';

type OrgRow = typeof orgs.$inferSelect;

/**
 * The states a member's check-in shows in the demo (§4.2): `draft` (steps saved, never
 * submitted), `waiting` (submitted, real-name passed: ready to approve), `realNameFailed`
 * (submitted, verification failed for good: offline verification), `returned` (with a
 * reason), `approved`, `offlinePassed` (approved after offline verification).
 */
export type DemoState = 'draft' | 'waiting' | 'realNameFailed' | 'returned' | 'approved' | 'offlinePassed';

export interface DemoMember {
  name: string;
  phone: string;
  /** demoIdNumber(n): checksum-valid, born 2005–2006 (a 2024 university class). */
  idSeq: number;
  branch: string;
  state: DemoState;
  /** 入团年份 (default: the year the member turned 15) */
  joinYear?: number;
  returnReason?: string;
}

const CLASS1 = '计算机科学与技术专业2024级1班团支部';
const CLASS2 = '软件工程专业2024级2班团支部';

const login = (phone: string) => {
  const a = DEMO_MEMBER_ACCOUNTS.find((x) => x.phone === phone)!;
  return { name: a.name, phone: a.phone };
};

/**
 * Members of the two demo classes in every state, so the review queue, the statistics and
 * the transfer boxes of the demo accounts are not empty (issue 13 item 17). The first three
 * are the demo's member logins (DEMO_MEMBER_ACCOUNTS); every member's password is demo1234.
 */
export const DEMO_MEMBERS: DemoMember[] = [
  { ...login('13800000002'), idSeq: 2001, branch: CLASS1, state: 'returned', returnReason: '入团年月与团员档案不符，请核对入团志愿书后重新提交' },
  { ...login('13800000003'), idSeq: 2004, branch: CLASS1, state: 'approved' },
  { ...login('13800000004'), idSeq: 2007, branch: CLASS1, state: 'approved' },
  { name: '孙一鸣', phone: '18600000101', idSeq: 2010, branch: CLASS1, state: 'draft' },
  { name: '郑佳琪', phone: '18600000102', idSeq: 2013, branch: CLASS1, state: 'waiting' },
  { name: '梁嘉俊', phone: '18600000103', idSeq: 2016, branch: CLASS1, state: 'waiting' },
  { name: '何晓雯', phone: '18600000104', idSeq: 2019, branch: CLASS1, state: 'realNameFailed' },
  // 2024 joins whose 入团志愿书 is not uploaded yet (团员身份尚未认证, seed/demo-archives.ts)
  { name: '罗浩宇', phone: '18600000105', idSeq: 2022, branch: CLASS1, state: 'approved', joinYear: 2024 },
  { name: '谢思颖', phone: '18600000106', idSeq: 2025, branch: CLASS1, state: 'approved', joinYear: 2024 },
  { name: '曾志文', phone: '18600000107', idSeq: 2028, branch: CLASS1, state: 'offlinePassed' },
  { name: '冯诗婷', phone: '18600000108', idSeq: 2031, branch: CLASS1, state: 'approved' },
  { name: '钱嘉怡', phone: '18600000201', idSeq: 2034, branch: CLASS2, state: 'approved' },
  { name: '邓梓轩', phone: '18600000202', idSeq: 2037, branch: CLASS2, state: 'approved' },
  { name: '蔡晨曦', phone: '18600000203', idSeq: 2040, branch: CLASS2, state: 'waiting' },
  { name: '许泽楠', phone: '18600000204', idSeq: 2043, branch: CLASS2, state: 'returned', returnReason: '姓名与身份证不一致，请核对后重新提交' },
  // issue 16: members of the graduating classes (seed/demo-graduation.ts)
  { name: '陈思远', phone: '18600000301', idSeq: 2046, branch: '计算机科学与技术专业2022级1班团支部', state: 'approved' },
  { name: '刘雨萱', phone: '18600000302', idSeq: 2049, branch: '计算机科学与技术专业2022级1班团支部', state: 'approved' },
  { name: '杨博文', phone: '18600000303', idSeq: 2052, branch: '软件工程专业2022级2班团支部', state: 'approved' },
  { name: '黄子墨', phone: '18600000304', idSeq: 2055, branch: '计算机科学与技术专业2023级1班团支部', state: 'approved' },
  { name: '林诗涵', phone: '18600000305', idSeq: 2058, branch: '计算机科学与技术专业2023级1班团支部', state: 'approved' },
  { name: '吴宇航', phone: '18600000306', idSeq: 2061, branch: '软件工程专业2023级2班团支部', state: 'approved' },
];

/**
 * Transfers left open (§7): one waiting for 1班 to approve it out (办理转入 by 2班, the
 * member 13800000004 follows it), one waiting for 1班 to take a member in (办理转出 by the
 * general branch above both classes).
 */
export const DEMO_TRANSFERS: { member: string; kind: Extract<TransferKind, 'orgTransferIn' | 'orgTransferOut'>; to: string; by: string; reason: TransferReason; remarks: string }[] = [
  { member: login('13800000004').name, kind: 'orgTransferIn', to: CLASS2, by: CLASS2, reason: 'other', remarks: '调整专业班级，转入软件工程2班' },
  { member: '邓梓轩', kind: 'orgTransferOut', to: CLASS1, by: '计算机学院2024级团总支', reason: 'other', remarks: '转专业至计算机科学与技术1班' },
];

const DAY = 86_400_000;

/** The four steps of §4.3 as a member fills them (validated by saveStep, as the app does). */
function steps(m: DemoMember, idNumber: string, branchId: number, school: string): Record<CertStep, Record<string, unknown>> {
  const birthYear = Number(idNumber.slice(6, 10));
  const joinYear = m.joinYear ?? birthYear + 15;
  return {
    identity: { name: m.name, idType: 'residentId', idNumber, joinedAt: `${joinYear}-05`, branchId: String(branchId) },
    league: { income: 'studentNoIncome', holdsPosition: false, developmentNumber: `${joinYear}4401${String(m.idSeq).padStart(4, '0')}`, joinUnit: '广州市第六中学' },
    contact: {
      phone: m.phone,
      ethnicity: '01',
      politicalStatus: 'leagueMember',
      fullTimeEducation: 'bachelorStudying',
      highestEducation: 'bachelorStudying',
      isVolunteer: m.idSeq % 2 === 0,
      volunteerSince: m.idSeq % 2 === 0 ? `${joinYear + 2}-09-01` : null,
      guardianContact: null,
      householdRegistration: '广东省广州市',
    },
    optional: { occupation: 'universityStudent', workUnit: school, email: '', qq: '' },
  };
}

/**
 * Seeds DEMO_MEMBERS and DEMO_TRANSFERS: the form goes through saveStep (the same rules as
 * the app), the review outcome is written as the review service writes it — directly, not
 * through submit: the real-name job would decide the outcome at random-ish (simulator) and
 * the demo needs each state for sure. Statistics counters move with every change.
 */
export async function seedDemoMembers(db: Db, pii: Pii, byName: Map<string, OrgRow>, operators: Map<string, number>, idNumberOf: (n: number) => string, now = new Date()): Promise<void> {
  const password = await hashPassword('demo1234');
  const checkinOf = new Map<string, typeof checkins.$inferSelect>();
  for (const [i, m] of DEMO_MEMBERS.entries()) {
    const branch = byName.get(m.branch)!;
    const idNumber = idNumberOf(m.idSeq);
    const [res] = await db.insert(users).values({ phone: m.phone, name: m.name, passwordHash: password, idEnc: pii.encrypt(idNumber), idHash: pii.lookupHash(idNumber) });
    const userId = Number(res.insertId);
    const form = steps(m, idNumber, branch.id, '中山大学');
    const saved = m.state === 'draft' ? (['identity', 'league'] as const) : (['identity', 'league', 'contact', 'optional'] as const);
    // a few days apart, the oldest first (the review queue is oldest first)
    const at = new Date(now.getTime() - (DEMO_MEMBERS.length - i) * DAY);
    for (const step of saved) await saveStep(db, { pii, now: at }, userId, step, form[step]);
    const row = theRow(await db.select().from(checkins).where(eq(checkins.userId, userId)), 'the check-in just saved');
    if (m.state !== 'draft') {
      const reviewer = operators.get(m.branch) ?? null;
      const realName: RealNameStatus = m.state === 'realNameFailed' ? 'failed' : m.state === 'offlinePassed' ? 'offlinePassed' : 'passed';
      const status: CheckinStatus = m.state === 'waiting' || m.state === 'realNameFailed' ? 'submitted' : m.state === 'returned' ? 'returned' : 'approved';
      const reviewed = status !== 'submitted';
      const set = {
        status,
        realNameStatus: realName,
        realNameGeneration: 1,
        realNameRechecked: m.state === 'realNameFailed' || m.state === 'offlinePassed',
        realNameKey: realNameKey(pii, m.name, idNumber),
        submittedAt: at,
        returnReason: m.returnReason ?? null,
        reviewedAt: reviewed ? new Date(at.getTime() + DAY / 2) : null,
        reviewedBy: reviewed ? reviewer : null,
        ...(status === 'approved' ? { approvedData: row.draft, approvedIdHash: row.idHash, approvedDevNumber: row.developmentNumber } : {}),
        ...(m.state === 'offlinePassed' ? { offlineNote: '已当面核验身份证原件，信息无误' } : {}),
      };
      await db.update(checkins).set(set).where(eq(checkins.id, row.id));
      await trackCheckinChange(db, row, set);
      if (reviewer != null && reviewed) {
        const action = m.state === 'offlinePassed' ? 'checkin.offlineVerify' : status === 'approved' ? 'checkin.approve' : 'checkin.return';
        await audit(db, {
          actorUserId: reviewer,
          orgId: branch.id,
          action,
          targetType: 'checkin',
          targetId: row.id,
          before: { status: 'submitted' },
          after: { status, ...(m.returnReason ? { reason: m.returnReason } : {}) },
        });
      }
    }
    checkinOf.set(m.name, theRow(await db.select().from(checkins).where(eq(checkins.id, row.id)), 'the check-in'));
  }

  for (const t of DEMO_TRANSFERS) {
    const c = checkinOf.get(t.member)!;
    const to = byName.get(t.to)!;
    const by = byName.get(t.by)!;
    const initiator = operators.get(t.by) ?? operators.get('团广东省委')!;
    const status = t.kind === 'orgTransferIn' ? 'pendingOut' : 'pendingIn';
    const stepOrgId = status === 'pendingOut' ? c.branchId : to.id;
    const since = new Date(now.getTime() - 2 * DAY);
    const [res] = await db.insert(transfers).values({
      kind: t.kind,
      direction: 'inProvince',
      status,
      memberUserId: c.userId,
      checkinId: c.id,
      memberName: t.member,
      openUserId: c.userId,
      fromBranchId: c.branchId,
      toOrgId: to.id,
      toBranchId: to.id,
      destinationSystem: 'guangdong',
      destinationOrgName: to.fullName,
      reason: t.reason,
      remarks: t.remarks,
      attachmentIds: [],
      stepOrgId,
      stepSince: since,
      stepDeadline: transferStepDeadline(since),
      stepGeneration: 1,
      initiatedBy: initiator,
      initiatorOrgId: by.id,
      createdAt: since,
      updatedAt: since,
    });
    const id = Number(res.insertId);
    if (status === 'pendingIn') {
      // 办理转出: the out side's step is the initiator's own decision, shown as approved
      await db.insert(transferSteps).values({ transferId: id, kind: 'out', orgId: c.branchId, outcome: 'approved', since, handledAt: since, handledBy: initiator, actingOrgId: by.id });
    }
    await openFirstStep(db, { id, status, stepOrgId, stepGeneration: 1 }, since);
    const action = t.kind === 'orgTransferIn' ? 'transfer.orgIn' : 'transfer.orgOut';
    await audit(db, { actorUserId: initiator, orgId: by.id, action, targetType: 'transfer', targetId: id, after: { checkinId: c.id, fromBranchId: c.branchId, toOrgId: to.id } });
  }
}
