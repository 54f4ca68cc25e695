import {
  ARCHIVE_MAX_BYTES,
  ArchiveDecisionSchema,
  ArchiveListQuerySchema,
  approvingOrg,
  archiveState,
  archiveUpload,
  auditSummary,
  checkArchiveDecision,
  checkArchiveUploader,
  isCertifiedOrExempt,
  isPdfHeader,
  isPdfXrefAt,
  needsArchive,
  pdfStartXref,
  uploadNeedsApproval,
} from '../src';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('团员电子档案 rules [004 §二(四)]', () => {
  it('[004 §二(四)2 自 2020 年起; FAQ (vi) 2020 年以前入团的无需上传] only 2020+ joins need one', () => {
    expect(needsArchive('2020-01')).toBe(true);
    expect(needsArchive('2024-09')).toBe(true);
    expect(needsArchive('2019-12')).toBe(false);
    expect(needsArchive(undefined)).toBe(false);
    expect(needsArchive('2020')).toBe(false);
  });

  it('[004 FAQ (iii)] states: 尚未认证 without a file, else the stored status', () => {
    expect(archiveState('2019-05', null)).toBe('notRequired');
    expect(archiveState('2021-05', null)).toBe('uncertified');
    expect(archiveState('2021-05', 'pending')).toBe('pending');
    expect(archiveState('2021-05', 'rejected')).toBe('rejected');
    expect(archiveState('2021-05', 'certified')).toBe('certified');
    expect(isCertifiedOrExempt('certified')).toBe(true);
    expect(isCertifiedOrExempt('notRequired')).toBe(true);
    for (const s of ['uncertified', 'pending', 'rejected'] as const) expect(isCertifiedOrExempt(s)).toBe(false);
  });

  it('[004 §二(四)4(2)(i)(ii)] branch / 团总支 uploads wait for approval, committees need none', () => {
    expect(uploadNeedsApproval('branch')).toBe(true);
    expect(uploadNeedsApproval('generalBranch')).toBe(true);
    expect(uploadNeedsApproval('grassrootsCommittee')).toBe(false);
    expect(uploadNeedsApproval('workingCommittee')).toBe(false);
    expect(uploadNeedsApproval('leadingOrgan')).toBe(false);
  });

  it('[004 FAQ (v)] the branch or its direct superior uploads, nobody else', () => {
    const branch = { id: 10, parentId: 5 };
    expect(checkArchiveUploader(10, branch).ok).toBe(true);
    expect(checkArchiveUploader(5, branch).ok).toBe(true);
    expect(checkArchiveUploader(1, branch)).toEqual({ ok: false, code: 'ARCHIVE_UPLOAD_NOT_ALLOWED' });
  });

  it('the approving org is the nearest committee above', () => {
    const gb = { id: 5, type: 'generalBranch' as const };
    const school = { id: 3, type: 'grassrootsCommittee' as const };
    expect(approvingOrg([gb, school])).toBe(school);
    expect(approvingOrg([gb])).toBeNull();
  });

  it('upload moves: first / 替换档案 / refused while pending / change of a certified one needs a reason', () => {
    expect(archiveUpload(null, true, null)).toEqual({ ok: true, kind: 'first', status: 'pending' });
    expect(archiveUpload(null, false, null)).toEqual({ ok: true, kind: 'first', status: 'certified' });
    expect(archiveUpload({ status: 'rejected', changePending: false }, true, null)).toEqual({ ok: true, kind: 'replace', status: 'pending' });
    expect(archiveUpload({ status: 'pending', changePending: false }, true, null)).toEqual({ ok: false, code: 'ARCHIVE_PENDING' });
    expect(archiveUpload({ status: 'certified', changePending: true }, false, 'x')).toEqual({ ok: false, code: 'ARCHIVE_PENDING' });
    // [004 §二(四)4(5)(v)] 经上级团委审批同意后，重新提交电子档案
    expect(archiveUpload({ status: 'certified', changePending: false }, false, '  ')).toEqual({ ok: false, code: 'ARCHIVE_CHANGE_REASON_REQUIRED' });
    expect(archiveUpload({ status: 'certified', changePending: false }, false, '编号有误')).toEqual({ ok: true, kind: 'change' });
  });

  it('only a waiting upload or change can be decided', () => {
    expect(checkArchiveDecision(null).ok).toBe(false);
    expect(checkArchiveDecision({ status: 'certified', changePending: false }).ok).toBe(false);
    expect(checkArchiveDecision({ status: 'rejected', changePending: false }).ok).toBe(false);
    expect(checkArchiveDecision({ status: 'pending', changePending: false }).ok).toBe(true);
    expect(checkArchiveDecision({ status: 'certified', changePending: true }).ok).toBe(true);
  });

  it('[004 §二(四)4(5)(i)] the file is judged by content: %PDF header, startxref inside the file, xref there', () => {
    expect(ARCHIVE_MAX_BYTES).toBe(20 * 1024 * 1024);
    expect(isPdfHeader(bytes('%PDF-1.4\n'))).toBe(true);
    expect(isPdfHeader(bytes('\x89PNG\r\n'))).toBe(false);
    expect(isPdfHeader(bytes('%PDF'))).toBe(false);
    expect(pdfStartXref(bytes('...\nstartxref\n1234\n%%EOF\n'), 5000)).toBe(1234);
    expect(pdfStartXref(bytes('...\nstartxref\n9999\n%%EOF'), 5000)).toBeNull();
    expect(pdfStartXref(bytes('...\nstartxref\n0\n%%EOF'), 5000)).toBeNull();
    expect(pdfStartXref(bytes('no trailer here'), 5000)).toBeNull();
    expect(isPdfXrefAt(bytes('xref\n0 4\n'))).toBe(true);
    expect(isPdfXrefAt(bytes('12 0 obj\n<<'))).toBe(true);
    expect(isPdfXrefAt(bytes('garbage'))).toBe(false);
  });

  it('decision schema: 不同意 needs a reason', () => {
    expect(ArchiveDecisionSchema.safeParse({ action: 'approve' }).success).toBe(true);
    const r = ArchiveDecisionSchema.safeParse({ action: 'reject', reason: ' ' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('ARCHIVE_REJECT_REASON_REQUIRED');
    expect(ArchiveDecisionSchema.safeParse({ action: 'reject', reason: '缺页' }).success).toBe(true);
    expect(ArchiveListQuerySchema.safeParse({ state: 'notRequired' }).success).toBe(false);
    expect(ArchiveListQuerySchema.parse({ state: 'pending', q: ' 张 ' })).toMatchObject({ state: 'pending', q: '张', offset: 0, limit: 20 });
  });

  it('audit lines', () => {
    expect(auditSummary({ action: 'archive.upload', targetName: '张三', after: { kind: 'first', status: 'certified' } })).toBe('张三 · 上传档案 · 无需审批');
    expect(auditSummary({ action: 'archive.upload', targetName: '张三', after: { kind: 'change', reason: '错页' } })).toBe('张三 · 申请变更电子档案 · 理由：错页');
    expect(auditSummary({ action: 'archive.upload', targetName: '张三', after: { kind: 'replace' } })).toBe('张三 · 替换档案');
    expect(auditSummary({ action: 'archive.approve', targetName: '张三', after: { kind: 'change' } })).toBe('张三 · 同意变更');
    expect(auditSummary({ action: 'archive.approve', targetName: '张三', after: {} })).toBe('张三 · 团员身份已认证');
    expect(auditSummary({ action: 'archive.reject', targetName: '张三', after: { reason: '缺页' } })).toBe('张三 · 理由：缺页');
  });
});
