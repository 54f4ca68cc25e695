import { ARCHIVE_MAX_BYTES, ErrorMessages } from '@tj/shared';
import { checkPdf } from '../src/services/archives';
import { taskUrl } from '../src/services/tasks';

describe('团员电子档案 client rules (issue 16.2)', () => {
  it('[004 §二(四)4(2) 不超过20M] refuses a file over 20 MB before a byte is sent', () => {
    expect(checkPdf(ARCHIVE_MAX_BYTES)).toBeNull();
    const tooBig = checkPdf(ARCHIVE_MAX_BYTES + 1);
    expect(tooBig?.code).toBe('ARCHIVE_TOO_LARGE');
    expect(tooBig?.message).toBe(ErrorMessages.ARCHIVE_TOO_LARGE);
  });

  it('[004 §二(四)4(3)(i)] an 操作中心 archive task opens the approvals page of its org', () => {
    expect(taskUrl({ link: { page: 'archive-approval', params: { orgId: '12', checkinId: '7' } } })).toBe('/admin/pages/archive-approvals/index?orgId=12');
  });
});
