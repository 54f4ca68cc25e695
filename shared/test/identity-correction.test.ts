import { auditSummary, IdentityCorrectionDecisionSchema, IdentityCorrectionRequestSchema, IdentityCorrectionStatuses, checkIdentityCorrection } from '../src';
import { id, issues, parsed } from './helpers';

// [004 §一(一)1] 姓名、性别与身份证号码需上报省团委，由省团委进行编辑
describe('identity corrections [004 §一(一)1: 姓名、性别与身份证号码需上报省团委，由省团委进行编辑]', () => {
  const male = id('44010619990101001'); // 17th digit 1: odd → male
  const female = id('44010619990101002');
  const current = { name: '张三', gender: 'male' as const, idNumber: male };
  const today = '2026-06-01';

  it('a corrected ID number carries its birth date; the gender must agree with it', () => {
    const r = checkIdentityCorrection('residentId', current, { name: '张三', gender: 'female', idNumber: female }, today);
    expect(r).toEqual({ ok: true, corrected: { name: '张三', gender: 'female', idNumber: female, birthDate: '1999-01-01' }, changed: ['gender', 'idNumber'] });
    expect(checkIdentityCorrection('residentId', current, { name: '张三', gender: 'male', idNumber: female }, today)).toEqual({
      ok: false,
      code: 'IDENTITY_CORRECTION_GENDER_MISMATCH',
      field: 'gender',
    });
  });

  it('a name-only correction; a lowercase x and blanks count as the same number', () => {
    const x = id('44010619990101003');
    const withX = x.endsWith('X') ? x : null;
    const r = checkIdentityCorrection('residentId', current, { name: ' 张叁 ', gender: 'male', idNumber: ` ${male} ` }, today);
    expect(r).toMatchObject({ ok: true, changed: ['name'], corrected: { name: '张叁' } });
    if (withX) expect(checkIdentityCorrection('residentId', { ...current, idNumber: withX }, { ...current, idNumber: withX.toLowerCase() }, today)).toMatchObject({ ok: false });
  });

  it('nothing changed, or an invalid number, is refused', () => {
    expect(checkIdentityCorrection('residentId', current, current, today)).toEqual({ ok: false, code: 'IDENTITY_CORRECTION_UNCHANGED', field: 'name' });
    expect(checkIdentityCorrection('residentId', current, { ...current, idNumber: male.slice(0, 17) + (male[17] === '0' ? '1' : '0') }, today)).toEqual({
      ok: false,
      code: 'ID_NUMBER_CHECKSUM',
      field: 'idNumber',
    });
  });

  it('other documents: the shape of the number is checked, the gender is as typed', () => {
    const cur = { name: 'Chan', gender: 'male' as const, idNumber: 'H12345678' };
    expect(checkIdentityCorrection('hkMacaoPermit', cur, { ...cur, gender: 'female', idNumber: 'h12345679' }, today)).toEqual({
      ok: true,
      corrected: { name: 'Chan', gender: 'female', idNumber: 'H12345679' },
      changed: ['gender', 'idNumber'],
    });
    expect(checkIdentityCorrection('hkMacaoPermit', cur, { ...cur, idNumber: 'X1' }, today)).toMatchObject({ ok: false, code: 'HK_MACAO_PERMIT_INVALID' });
  });

  it('the request needs the evidence photo and valid fields; the decision 不同意 needs a reason', () => {
    const photo = { fileId: '7', mime: 'image/jpeg', size: 1000 };
    expect(parsed(IdentityCorrectionRequestSchema, { name: '张三', gender: 'female', idNumber: female.toLowerCase(), photo })).toMatchObject({ idNumber: female });
    expect(issues(IdentityCorrectionRequestSchema, { name: '张三', gender: 'female', idNumber: female })).toEqual({ photo: 'IDENTITY_CORRECTION_PHOTO_REQUIRED' });
    expect(issues(IdentityCorrectionRequestSchema, { name: '张三', gender: 'x', idNumber: '', photo: 'p' })).toEqual({
      gender: 'OPTION_INVALID',
      idNumber: 'REQUIRED',
      photo: 'UPLOAD_INVALID',
    });
    expect(issues(IdentityCorrectionRequestSchema, { name: '张三', gender: 'male', idNumber: female, photo, extra: 1 })).not.toEqual({});
    expect(parsed(IdentityCorrectionDecisionSchema, { approve: true })).toEqual({ approve: true });
    expect(issues(IdentityCorrectionDecisionSchema, { approve: false })).toEqual({ reason: 'IDENTITY_CORRECTION_REASON_REQUIRED' });
    expect(issues(IdentityCorrectionDecisionSchema, { approve: false, reason: '  ' })).toEqual({ reason: 'IDENTITY_CORRECTION_REASON_REQUIRED' });
    expect(parsed(IdentityCorrectionDecisionSchema, { approve: false, reason: '照片不清晰' })).toEqual({ approve: false, reason: '照片不清晰' });
    expect(Object.keys(IdentityCorrectionStatuses)).toEqual(['pending', 'approved', 'rejected']);
  });

  it('the log line of a decision names the member and, for 不同意, the reason', () => {
    expect(auditSummary({ action: 'identityCorrection.reject', targetName: '张三', after: { requestId: 1, reason: '照片不清晰' } })).toBe('张三 · 不同意原因：照片不清晰');
    expect(auditSummary({ action: 'identityCorrection.approve', targetName: '张三', after: { requestId: 1 } })).toBe('张三');
  });
});
