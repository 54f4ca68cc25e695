import type { TransferDetail, TransferOrg, TransferStep } from '@tj/shared';

/** Canned transfer answers for the transfer-*.test.tsx files. */
export const tOrg = (id: string, name: string, type = 'branch'): TransferOrg => ({
  id,
  type,
  name,
  fullName: `中国共产主义青年团${name}`,
  pathNames: ['团广东省委', '中山大学团委'],
  secretaryName: '李书记',
  secretaryPhone: '138****0013',
  contactPhone: null,
});

export const step = (over: Partial<TransferStep> = {}): TransferStep => ({
  kind: 'out',
  label: '转出组织审核',
  outcome: 'pending',
  org: tOrg('89', '计算机科学与技术专业2024级1班团支部'),
  externalName: null,
  needsBranchAssignment: false,
  since: '2025-11-20T02:00:00Z',
  deadline: '2025-11-30T02:00:00Z',
  handledAt: null,
  handledByOrgName: null,
  comment: null,
  ...over,
});

export const transfer = (over: Partial<TransferDetail> = {}): TransferDetail => {
  const steps = over.steps ?? [step()];
  return {
    id: '5',
    kind: 'memberApplied',
    direction: 'inProvince',
    status: 'pendingOut',
    statusLabel: '待转出组织审核',
    member: { id: '70', name: '林晓彤', idNumberMasked: '440***********0012' },
    fromBranch: tOrg('89', '计算机科学与技术专业2024级1班团支部'),
    toOrg: tOrg('86', '中山大学计算机学院团委', 'grassrootsCommittee'),
    toBranch: null,
    destinationRegion: null,
    destinationRegionLabel: null,
    destinationSystem: 'guangdong',
    destinationOrgName: '中山大学计算机学院团委',
    externalId: null,
    reason: 'furtherStudy',
    reasonLabel: '升学',
    remarks: '升学转入',
    returnReason: null,
    currentStep: steps.find((s) => s.outcome === 'pending') ?? null,
    createdAt: '2025-11-20T02:00:00Z',
    updatedAt: '2025-11-20T02:00:00Z',
    closedAt: null,
    steps,
    contact: '13900000001',
    superiorContact: null,
    attachmentIds: ['1'],
    appeal: null,
    nextSteps: null,
    canWithdraw: true,
    canAppeal: false,
    ...over,
  };
};
