import {
  ATTACHMENT_MAX_BYTES,
  CheckinStatuses,
  ENLISTED_TRANSFER_APPROVAL_DAYS,
  isCheckinApproved,
  isCheckinEditable,
  isTransferSeason,
  isTransferredOut,
  nextCheckinStatus,
  seasonEnd,
  TRANSFER_ATTACHMENT_MAX_BYTES_ANY,
  TRANSFER_ATTACHMENT_WATERMARK,
  transferAttachmentLimitText,
  transferAttachmentMaxBytes,
  transferAttachmentTooLargeCode,
  transferNextSteps,
  transferredOutText,
  transferReminderTimes,
  transferStepDays,
  transferStepDeadline,
  transferStepStart,
  TRANSFERRED_OUT,
  TRANSFERRED_OUT_LABEL,
  validateImageFile,
  TRANSIT_ORG_REF,
  isTransitOrgRef,
  transitOrgName,
} from '../src';

/** Instants written as China's wall clock (UTC+8). */
const cst = (s: string) => new Date(`${s}+08:00`);

describe('已转出 is a state of its own [issue 15 item 8; 003 一5 跨省转出流程结束]', () => {
  it('is labelled 已转出, never approved, never editable, never re-submitted', () => {
    expect(CheckinStatuses[TRANSFERRED_OUT]).toBe(TRANSFERRED_OUT_LABEL);
    expect(isTransferredOut('transferredOut')).toBe(true);
    expect(isTransferredOut('withdrawn')).toBe(false);
    expect(isCheckinApproved('transferredOut')).toBe(false);
    expect(isCheckinEditable('transferredOut')).toBe(false);
    // Returning is a transfer in (003 §四), not withdrawn → submitted.
    expect(nextCheckinStatus('transferredOut', 'submit')).toEqual({ ok: false, code: 'CHECKIN_TRANSFERRED_OUT' });
    expect(nextCheckinStatus('transferredOut', 'submitEdit')).toEqual({ ok: false, code: 'CHECKIN_TRANSFERRED_OUT' });
  });
  it('is shown with the destination', () => {
    expect(transferredOutText({ destinationRegionLabel: '福建', destinationOrgName: '福州大学团支部' })).toBe('已转出至福建·福州大学团支部');
    expect(transferredOutText({ destinationRegionLabel: null, destinationOrgName: null })).toBe('已转出');
  });
});

describe('学社衔接 season [004 §二(三)3 (2.2)(i): 5月1日至8月31日 … 暂不作强制性处理]', () => {
  it('the season is 5月1日–8月31日 by China time (UTC+8)', () => {
    expect(isTransferSeason(cst('2026-04-30T23:59:59'))).toBe(false);
    expect(isTransferSeason(cst('2026-05-01T00:00:00'))).toBe(true);
    expect(isTransferSeason(new Date('2026-04-30T16:00:00Z'))).toBe(true); // = 05-01 00:00 in China
    expect(isTransferSeason(cst('2026-08-31T23:59:59'))).toBe(true);
    expect(isTransferSeason(cst('2026-09-01T00:00:00'))).toBe(false);
    expect(seasonEnd(cst('2026-06-15T12:00:00')).toISOString()).toBe('2026-08-31T16:00:00.000Z');
  });
  it('an application made in the season is counted from 9月1日 ((2.2)(ii) 9月1日至9月30日 … 完成审核)', () => {
    const applied = cst('2026-05-01T00:00:00');
    expect(transferStepDeadline(applied, { appliedAt: applied })).toEqual(cst('2026-09-11T00:00:00'));
    const lastDay = cst('2026-08-31T23:59:59');
    expect(transferStepStart(lastDay, { appliedAt: lastDay })).toEqual(cst('2026-09-01T00:00:00'));
    expect(transferReminderTimes(applied, { appliedAt: applied })).toEqual([
      { day: 3, at: cst('2026-09-04T00:00:00') },
      { day: 7, at: cst('2026-09-08T00:00:00') },
    ]);
    // A step of a season application that starts after 9月1日 is counted from its own start.
    expect(transferStepDeadline(cst('2026-09-05T10:00:00'), { appliedAt: applied })).toEqual(cst('2026-09-15T10:00:00'));
  });
  it('outside the season the 10-day rule applies as always', () => {
    const before = cst('2026-04-30T23:59:59');
    expect(transferStepDeadline(before, { appliedAt: before })).toEqual(cst('2026-05-10T23:59:59'));
    const after = cst('2026-09-01T00:00:00');
    expect(transferStepDeadline(after, { appliedAt: after })).toEqual(cst('2026-09-11T00:00:00'));
  });
});

describe('special-unit pool [004 §二(三)6(4): 系统默认审核通过期限为 15 天]', () => {
  it('the provincial committee has 15 days, every other step 10', () => {
    expect(transferStepDays(true)).toBe(ENLISTED_TRANSFER_APPROVAL_DAYS);
    expect(transferStepDays(false)).toBe(10);
    const since = cst('2026-10-01T09:00:00');
    expect(transferStepDeadline(since, { appliedAt: since, days: transferStepDays(true) })).toEqual(cst('2026-10-16T09:00:00'));
  });
});

describe('attachments per destination [003: 大小限定为2M / 照片最大不超过5M / 照片最大不超过10M]', () => {
  it('福建 5 MB, 北京 10 MB, the rest 2 MB', () => {
    expect(transferAttachmentMaxBytes('35')).toBe(5 * 1024 * 1024);
    expect(transferAttachmentMaxBytes('11')).toBe(10 * 1024 * 1024);
    expect(transferAttachmentMaxBytes('12')).toBe(ATTACHMENT_MAX_BYTES);
    expect(transferAttachmentMaxBytes(null)).toBe(ATTACHMENT_MAX_BYTES);
    expect(TRANSFER_ATTACHMENT_MAX_BYTES_ANY).toBe(transferAttachmentMaxBytes('11'));
  });
  it('the picker checks a file against the destination before uploading it', () => {
    const png = (mb: number) => ({ mime: 'image/png', size: mb * 1024 * 1024 });
    expect(validateImageFile(png(3))).toEqual({ ok: false, code: 'ATTACHMENT_TOO_LARGE' });
    expect(validateImageFile(png(3), '35')).toEqual({ ok: true });
    expect(validateImageFile(png(6), '35')).toEqual({ ok: false, code: 'ATTACHMENT_TOO_LARGE_5M' });
    expect(validateImageFile(png(10), '11')).toEqual({ ok: true });
    expect(validateImageFile(png(11), '11')).toEqual({ ok: false, code: 'ATTACHMENT_TOO_LARGE_10M' });
  });
  it('the hint next to the picker says the limit', () => {
    expect(transferAttachmentLimitText('35')).toBe('照片最大不超过5M，仅支持图片类型');
    expect(transferAttachmentLimitText('11')).toBe('照片最大不超过10M，仅支持图片类型');
    expect(transferAttachmentLimitText(undefined)).toBe('大小限定为2M，仅支持图片类型');
    expect(transferAttachmentTooLargeCode('35')).toBe('ATTACHMENT_TOO_LARGE_5M');
    expect(transferAttachmentTooLargeCode('11')).toBe('ATTACHMENT_TOO_LARGE_10M');
    expect(transferAttachmentTooLargeCode('44')).toBe('ATTACHMENT_TOO_LARGE');
  });
  it('[003: 您上传的材料我们会添加水印] the watermark text', () => {
    expect(TRANSFER_ATTACHMENT_WATERMARK).toBe('仅用于组织关系转接');
  });
});

describe('what to do next after a cross-system transfer [003]', () => {
  const applied = cst('2026-05-01T10:00:00');
  it('福建: 需要十天内在福建系统上报道 (003 二6)', () => {
    const n = transferNextSteps('fujian', applied)!;
    expect(n.days).toBe(10);
    expect(n.dueDate).toBe('2026-05-11');
    expect(n.headline).toContain('10天内');
    expect(n.headline).toContain('福建');
    expect(n.steps.join()).toContain('福建共青团');
  });
  it('北京: 须在9日内完成北京共青团线上系统的注册登录 (003 三6)', () => {
    const n = transferNextSteps('beijing', applied)!;
    expect(n.days).toBe(9);
    expect(n.dueDate).toBe('2026-05-10');
    expect(n.headline).toContain('9日内');
    expect(n.steps.join()).toContain('青春北京');
  });
  it('团中央: nothing due from the member, the result comes back within ten days (003 一5)', () => {
    const n = transferNextSteps('central', applied)!;
    expect(n.dueDate).toBeNull();
    expect(n.steps.join()).toContain('十天内');
    expect(transferNextSteps('guangdong', applied)).toBeNull();
  });
});

describe('临时中转团组织 [003 五2: 应选择将组织关系转至“临时中转团组织”]', () => {
  it('is named after the destination and referred to by one reference', () => {
    expect(isTransitOrgRef(TRANSIT_ORG_REF)).toBe(true);
    expect(isTransitOrgRef('123')).toBe(false);
    expect(isTransitOrgRef(null)).toBe(false);
    expect(transitOrgName('35')).toBe('福建临时中转团组织');
  });
});
