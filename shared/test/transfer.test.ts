import {
  BatchTransferSchema,
  OrgTransferInSchema,
  OrgTransferOutSchema,
  OutOfProvinceDestinations,
  Provinces,
  SystemCommitteeDestinations,
  TransferActions,
  TransferAppealSchema,
  TransferApplicationSchema,
  TransferReasons,
  TransferReviewSchema,
  TransferStatuses,
  TransferWithdrawSchema,
  checkAssignedBranch,
  checkBatchTransfer,
  checkTransferDestination,
  canOrgTransfer,
  daysWaiting,
  needsBranchAssignment,
  transferHolder,
  transferReminderTimes,
  transferStepDeadline,
  destinationSystem,
  isTransferOpen,
  nextTransferStatus,
  requiresBranchDestination,
  validateImageFile,
  type TransferAction,
  type TransferStatus,
} from '../src';
import { id, issues, parsed } from './helpers';

const MB = 1024 * 1024;
const img = (over: object = {}) => ({ fileId: 'f1', mime: 'image/jpeg', size: 500 * 1024, ...over });

describe('destinations (§7.1)', () => {
  it('are the mainland provinces other than 广东, plus the five system committees', () => {
    const provinces = Object.keys(OutOfProvinceDestinations).filter((k) => /^\d\d$/.test(k));
    expect(provinces).toHaveLength(30);
    expect(provinces).not.toContain('44');
    for (const p of provinces) expect(OutOfProvinceDestinations[p as keyof typeof OutOfProvinceDestinations]).toBe(Provinces[p as keyof typeof Provinces]);
    expect(SystemCommitteeDestinations.map((k) => OutOfProvinceDestinations[k])).toEqual(['全国铁道', '全国民航', '中央和国家机关', '中央金融', '中央企业']);
    expect(Object.keys(OutOfProvinceDestinations)).toHaveLength(35);
  });

  it.each([
    ['11', 'beijing', true],
    ['35', 'fujian', true],
    ['44', 'guangdong', true],
    ['12', 'central', false],
    ['railway', 'central', false],
  ] as const)('%s → %s system, branch required: %s', (d, system, branch) => {
    expect(destinationSystem(d)).toBe(system);
    expect(requiresBranchDestination(d)).toBe(branch);
  });

  it('transfer reasons are the §7.1 list', () => {
    expect(Object.values(TransferReasons)).toEqual([
      '升学',
      '就业（已落实工作单位）',
      '参军入伍',
      '未就业（转回户籍地/居住地）',
      '出国（境）学习研究',
      '出国（境）工作',
      '退学',
      '工作调动',
      '其他',
    ]);
  });
});

describe('nextTransferStatus (§7.2–7.4)', () => {
  const LEGAL: [TransferStatus, TransferAction, TransferStatus, boolean][] = [
    ['pendingOut', 'approveOut', 'pendingIn', false],
    ['pendingOut', 'approveOut', 'awaitingExternal', true],
    ['pendingIn', 'approveIn', 'completed', false],
    ['pendingOut', 'reject', 'rejected', false],
    ['pendingIn', 'reject', 'rejected', false],
    ['pendingOut', 'expire', 'expired', false],
    ['pendingIn', 'expire', 'expired', false],
    ['awaitingExternal', 'expire', 'expired', false],
    ['appealing', 'expire', 'rejected', false],
    ['pendingOut', 'withdraw', 'withdrawn', false],
    ['appealing', 'withdraw', 'withdrawn', false],
    // [004 §二(三)3 (2.2)(i)] 发起方可随时撤销: the initiating org, while one of our orgs holds it.
    ['pendingOut', 'withdrawByInitiator', 'withdrawn', false],
    ['pendingIn', 'withdrawByInitiator', 'withdrawn', false],
    ['appealing', 'withdrawByInitiator', 'withdrawn', false],
    ['awaitingExternal', 'confirmExternal', 'completed', false],
    ['awaitingExternal', 'rejectExternal', 'rejected', false],
    ['rejected', 'appeal', 'appealing', false],
    ['appealing', 'approveAppeal', 'pendingOut', false],
    ['appealing', 'rejectAppeal', 'rejected', false],
  ];
  it.each(LEGAL)('%s --%s--> %s (cross-system: %s)', (from, action, to, crossSystem) => {
    expect(nextTransferStatus(from, action, { crossSystem, returnedByOrg: true })).toEqual({ ok: true, status: to });
  });

  it('an appeal needs a return by an org, and resumes at the step that returned it', () => {
    expect(nextTransferStatus('rejected', 'appeal')).toEqual({ ok: false, code: 'TRANSFER_NOT_APPEALABLE' });
    expect(nextTransferStatus('appealing', 'approveAppeal', { resumeAt: 'pendingIn' })).toEqual({ ok: true, status: 'pendingIn' });
  });

  const STATUSES = Object.keys(TransferStatuses) as TransferStatus[];
  const illegal = STATUSES.flatMap((s) => TransferActions.filter((a) => !LEGAL.some(([f, x]) => f === s && x === a)).map((a) => [s, a] as const));
  const codeFor = (a: TransferAction) =>
    ({
      approveOut: 'TRANSFER_NOT_PENDING',
      approveIn: 'TRANSFER_NOT_PENDING',
      reject: 'TRANSFER_NOT_PENDING',
      expire: 'TRANSFER_TRANSITION_INVALID',
      withdraw: 'TRANSFER_NOT_WITHDRAWABLE',
      withdrawByInitiator: 'TRANSFER_ORG_NOT_WITHDRAWABLE',
      confirmExternal: 'TRANSFER_NOT_AWAITING_EXTERNAL',
      rejectExternal: 'TRANSFER_NOT_AWAITING_EXTERNAL',
      appeal: 'TRANSFER_NOT_APPEALABLE',
      approveAppeal: 'TRANSFER_APPEAL_NOT_PENDING',
      rejectAppeal: 'TRANSFER_APPEAL_NOT_PENDING',
    })[a];

  it.each(illegal)('refuses %s --%s-->', (from, action) => {
    expect(nextTransferStatus(from, action, { returnedByOrg: true })).toEqual({ ok: false, code: codeFor(action) });
  });

  it('refuses an unknown action', () => {
    expect(nextTransferStatus('pendingOut', 'teleport' as TransferAction)).toEqual({ ok: false, code: 'TRANSFER_TRANSITION_INVALID' });
  });

  it.each(STATUSES)('isTransferOpen(%s)', (s) => {
    expect(isTransferOpen(s)).toBe(['pendingOut', 'pendingIn', 'awaitingExternal', 'appealing'].includes(s));
    expect(transferHolder(s) !== null).toBe(isTransferOpen(s));
  });

  it('holders, deadlines and reminders (§7.4)', () => {
    expect(['pendingOut', 'pendingIn', 'awaitingExternal', 'appealing'].map((s) => transferHolder(s as TransferStatus))).toEqual(['out', 'in', 'external', 'appeal']);
    const since = new Date('2024-09-01T08:00:00Z');
    expect(transferStepDeadline(since).toISOString()).toBe('2024-09-11T08:00:00.000Z');
    expect(transferReminderTimes(since)).toEqual([
      { day: 3, at: new Date('2024-09-04T08:00:00Z') },
      { day: 7, at: new Date('2024-09-08T08:00:00Z') },
    ]);
    expect(daysWaiting(since, new Date('2024-09-08T07:59:59Z'))).toBe(6);
    expect(daysWaiting(since, new Date('2024-08-01T00:00:00Z'))).toBe(0);
  });
});

describe('destinations and assignment in province (§7.1–7.3)', () => {
  it.each([
    [{ destinationType: 'branch', destinationId: '2', fromBranchId: '1' }, null],
    [{ destinationType: 'generalBranch', destinationId: '2', fromBranchId: '1' }, null],
    [{ destinationType: 'leadingOrgan', destinationId: '2', fromBranchId: '1' }, 'TRANSFER_DESTINATION_INVALID'],
    [{ destinationType: 'branch', destinationId: '1', fromBranchId: '1' }, 'TRANSFER_SAME_BRANCH'],
  ] as const)('%j', (input, code) => expect(checkTransferDestination(input)).toEqual(code ? { ok: false, code } : { ok: true }));

  it('only a non-branch assigns; leading organs cannot do 办理转入/转出', () => {
    expect(needsBranchAssignment('branch')).toBe(false);
    expect(needsBranchAssignment('grassrootsCommittee')).toBe(true);
    expect(canOrgTransfer('leadingOrgan')).toBe(false);
    expect(canOrgTransfer('branch')).toBe(true);
  });

  it.each([
    [{ branchType: 'branch', branchPath: '/1/2/3/', destinationPath: '/1/2/', branchId: '3', fromBranchId: '9' }, null],
    [{ branchType: 'generalBranch', branchPath: '/1/2/3/', destinationPath: '/1/2/', branchId: '3', fromBranchId: '9' }, 'TRANSFER_BRANCH_NOT_IN_SUBTREE'],
    [{ branchType: 'branch', branchPath: '/1/4/3/', destinationPath: '/1/2/', branchId: '3', fromBranchId: '9' }, 'TRANSFER_BRANCH_NOT_IN_SUBTREE'],
    [{ branchType: 'branch', branchPath: '/1/2/3/', destinationPath: '/1/2/', branchId: '3', fromBranchId: '3' }, 'TRANSFER_SAME_BRANCH'],
  ] as const)('assigned branch %j', (input, code) => expect(checkAssignedBranch(input)).toEqual(code ? { ok: false, code } : { ok: true }));
});

describe('checkBatchTransfer (§7.3)', () => {
  const base = { initiatorType: 'grassrootsCommittee' as const, fromBranchId: 'a', toBranchId: 'b', memberCount: 30 };
  it.each([
    ['30 members from a 基层团委', base, null],
    ['团工委', { ...base, initiatorType: 'workingCommittee' }, null],
    ['团总支', { ...base, initiatorType: 'generalBranch' }, null],
    ['31 members', { ...base, memberCount: 31 }, 'BATCH_TRANSFER_TOO_MANY'],
    ['no members', { ...base, memberCount: 0 }, 'REQUIRED'],
    ['same branch', { ...base, toBranchId: 'a' }, 'TRANSFER_SAME_BRANCH'],
    ['a leading organ', { ...base, initiatorType: 'leadingOrgan' }, 'BATCH_TRANSFER_NOT_ALLOWED'],
    ['a branch', { ...base, initiatorType: 'branch' }, 'BATCH_TRANSFER_NOT_ALLOWED'],
  ] as const)('%s', (_, input, code) => expect(checkBatchTransfer(input)).toEqual(code ? { ok: false, code } : { ok: true }));
});

describe('validateImageFile', () => {
  it.each([
    [{ mime: 'image/png', size: 2 * MB }, null],
    [{ mime: 'image/svg+xml', size: 10 }, null],
    [{ mime: 'image/png', size: 2 * MB + 1 }, 'ATTACHMENT_TOO_LARGE'],
    [{ mime: 'image/png', size: 0 }, 'ATTACHMENT_TOO_LARGE'],
    [{ mime: 'application/pdf', size: 10 }, 'ATTACHMENT_NOT_IMAGE'],
    [{ mime: 'image/', size: 10 }, 'ATTACHMENT_NOT_IMAGE'],
  ])('%j', (file, code) => expect(validateImageFile(file)).toEqual(code ? { ok: false, code } : { ok: true }));
});

describe('TransferApplicationSchema (§7.1)', () => {
  const outOf = {
    direction: 'outOfProvince',
    destinationRegion: '35',
    destinationOrgId: 'fj-branch-1',
    destinationOrgName: '福建青网网络科技有限公司团支部',
    contact: '13812345678',
    reason: 'employed',
    remarks: '已在福州落实工作单位',
    attachments: [img()],
    smsCode: '123456',
  };

  it('accepts a complete out-of-province application', () => {
    expect(parsed(TransferApplicationSchema, outOf)).toMatchObject({ destinationRegion: '35', reason: 'employed' });
  });

  it('accepts an in-province application without a region', () => {
    const { destinationRegion: _, ...rest } = outOf;
    expect(issues(TransferApplicationSchema, { ...rest, direction: 'inProvince' })).toEqual({});
  });

  it('requires the region out of province and forbids it in province', () => {
    expect(issues(TransferApplicationSchema, { ...outOf, destinationRegion: undefined })).toEqual({ destinationRegion: 'TRANSFER_DESTINATION_REQUIRED' });
    expect(issues(TransferApplicationSchema, { ...outOf, direction: 'inProvince' })).toEqual({ destinationRegion: 'TRANSFER_DESTINATION_NOT_ALLOWED' });
    expect(issues(TransferApplicationSchema, { ...outOf, destinationRegion: '44' })).toEqual({ destinationRegion: 'OPTION_INVALID' });
  });

  it.each([
    ['100 characters', '备'.repeat(100), null],
    ['101 characters', '备'.repeat(101), 'TRANSFER_REMARKS_TOO_LONG'],
    ['100 characters beyond the BMP (200 UTF-16 units)', '𠀀'.repeat(100), null],
    ['101 emoji', '😀'.repeat(101), 'TRANSFER_REMARKS_TOO_LONG'],
    ['empty', '', 'REQUIRED'],
    ['blanks', '   ', 'REQUIRED'],
    ['missing', undefined, 'REQUIRED'],
  ])('remarks: %s', (_, remarks, code) => {
    expect(issues(TransferApplicationSchema, { ...outOf, remarks })).toEqual(code ? { remarks: code } : {});
  });

  it.each([
    ['none', [], { attachments: 'ATTACHMENTS_REQUIRED' }],
    ['missing', undefined, { attachments: 'REQUIRED' }],
    ['5 images', [img(), img(), img(), img(), img()], {}],
    ['6 images', [img(), img(), img(), img(), img(), img()], { attachments: 'ATTACHMENTS_TOO_MANY' }],
    ['exactly 2 MB', [img({ size: 2 * MB })], {}],
    ['2 MB + 1 byte (福建: 照片最大不超过5M [003])', [img({ size: 2 * 1024 * 1024 + 1 })], {}],
    ['5 MB + 1 byte to 福建', [img({ size: 5 * 1024 * 1024 + 1 })], { 'attachments.0.size': 'ATTACHMENT_TOO_LARGE_5M' }],
    ['a PDF', [img(), img({ mime: 'application/pdf' })], { 'attachments.1.mime': 'ATTACHMENT_NOT_IMAGE' }],
    ['no size', [img({ size: undefined })], { 'attachments.0.size': 'REQUIRED' }],
  ])('attachments: %s', (_, attachments, expected) => {
    expect(issues(TransferApplicationSchema, { ...outOf, attachments })).toEqual(expected);
  });

  it('reports every missing field with a code, never zod English', () => {
    expect(issues(TransferApplicationSchema, {})).toEqual({
      direction: 'REQUIRED',
      destinationOrgId: 'REQUIRED',
      contact: 'REQUIRED',
      reason: 'REQUIRED',
      remarks: 'REQUIRED',
      attachments: 'REQUIRED',
      smsCode: 'REQUIRED',
    });
    expect(issues(TransferApplicationSchema, { ...outOf, reason: 'bored', smsCode: '12345' })).toEqual({
      reason: 'OPTION_INVALID',
      smsCode: 'SMS_CODE_INVALID',
    });
  });
});

describe('transfer review, withdraw, appeal, org-initiated, batch', () => {
  it('TransferReviewSchema', () => {
    expect(issues(TransferReviewSchema, { action: 'approve' })).toEqual({});
    expect(issues(TransferReviewSchema, { action: 'approve', assignBranchId: '41' })).toEqual({});
    // our own row ids are digits: anything else would reach SQL as NaN (issue 12 item 11)
    expect(issues(TransferReviewSchema, { action: 'approve', assignBranchId: 'b1' })).toEqual({ assignBranchId: 'VALIDATION_FAILED' });
    expect(issues(TransferReviewSchema, { action: 'reject', reason: '不是本单位人员' })).toEqual({});
    expect(issues(TransferReviewSchema, { action: 'reject', reason: ' ' })).toEqual({ reason: 'TRANSFER_REJECT_REASON_REQUIRED' });
    expect(issues(TransferReviewSchema, { action: 'reject' })).toEqual({ reason: 'TRANSFER_REJECT_REASON_REQUIRED' });
    expect(Object.values(issues(TransferReviewSchema, { action: 'maybe' }))).toEqual(['OPTION_INVALID']);
  });

  it('TransferWithdrawSchema / TransferAppealSchema', () => {
    expect(issues(TransferWithdrawSchema, { reason: '填错了' })).toEqual({});
    expect(issues(TransferWithdrawSchema, {})).toEqual({ reason: 'REQUIRED' });
    expect(issues(TransferAppealSchema, { reason: '转入组织无故退回', attachments: [img()] })).toEqual({});
    expect(issues(TransferAppealSchema, { reason: 'x', attachments: [] })).toEqual({ attachments: 'ATTACHMENTS_REQUIRED' });
  });

  it('OrgTransferInSchema', () => {
    expect(issues(OrgTransferInSchema, { name: '张三', idNumber: id('44010620000101001'), reason: 'furtherStudy', toBranchId: '42' })).toEqual({});
    expect(issues(OrgTransferInSchema, { name: '张', idNumber: '123', reason: 'furtherStudy', toBranchId: '42' })).toEqual({
      name: 'NAME_INVALID',
      idNumber: 'ID_NUMBER_LENGTH',
    });
  });

  it('OrgTransferOutSchema', () => {
    expect(issues(OrgTransferOutSchema, { memberIds: ['7'], destinationOrgId: 'o', reason: 'other', remarks: '说明' })).toEqual({});
    expect(issues(OrgTransferOutSchema, { memberIds: ['m1'], destinationOrgId: 'o', reason: 'other', remarks: '说明' })).toEqual({ 'memberIds.0': 'VALIDATION_FAILED' });
    expect(issues(OrgTransferOutSchema, { memberIds: [], destinationOrgId: 'o', reason: 'other' })).toEqual({ memberIds: 'REQUIRED' });
  });

  it('BatchTransferSchema: ≤ 30 distinct members, two different branches', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `${i + 100}`);
    const base = { fromBranchId: '11', toBranchId: '12', memberIds: ids(30), reason: 'furtherStudy' };
    expect(issues(BatchTransferSchema, base)).toEqual({});
    expect(issues(BatchTransferSchema, { ...base, memberIds: ids(31) })).toEqual({ memberIds: 'BATCH_TRANSFER_TOO_MANY' });
    expect(issues(BatchTransferSchema, { ...base, memberIds: ['101', '101'] })).toEqual({ memberIds: 'VALIDATION_FAILED' });
    expect(issues(BatchTransferSchema, { ...base, toBranchId: '11' })).toEqual({ toBranchId: 'TRANSFER_SAME_BRANCH' });
    expect(issues(BatchTransferSchema, { ...base, toBranchId: '11', memberIds: [] })).toEqual({ memberIds: 'REQUIRED', toBranchId: 'TRANSFER_SAME_BRANCH' });
    // "abc", "NaN", " 1e3", 0 and beyond 2^53 are no row of ours (they reached SQL as NaN: issue 12 item 11)
    for (const bad of ['abc', 'NaN', '1e3', '0', '-1', '99999999999999999'])
      expect(issues(BatchTransferSchema, { ...base, fromBranchId: bad })).toEqual({ fromBranchId: 'VALIDATION_FAILED' });
  });
});
