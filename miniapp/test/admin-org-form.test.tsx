import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorMessages, OrgTypes, idCheckChar } from '@tj/shared';
import { OrgForm } from '../src/components/org-form';
import { ApiError } from '../src/services/api-error';
import { province } from './admin-fixtures';

const id = (first17: string) => first17 + idCheckChar(first17);
const SECRETARY_ID = id('44010619900101123');

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const value = (testId: string) => screen.getByTestId<HTMLInputElement>(testId).value;
const errorOf = (field: string) => screen.queryByTestId(`org-${field}-error`)?.textContent;

describe('OrgForm (create)', () => {
  it('offers only the types the parent may contain (§3.1)', () => {
    const { unmount } = render(<OrgForm mode='create' parentType='leadingOrgan' onSubmit={jest.fn()} />);
    expect(Object.keys(OrgTypes).map((t) => screen.queryByTestId(`org-type-${t}`) !== null)).toEqual([true, true, true, true, true]);
    unmount();

    render(<OrgForm mode='create' parentType='grassrootsCommittee' onSubmit={jest.fn()} />);
    expect(screen.queryByTestId('org-type-leadingOrgan')).toBeNull();
    expect(screen.queryByTestId('org-type-workingCommittee')).toBeNull();
    expect(screen.getByTestId('org-type-grassrootsCommittee').textContent).toBe('基层团委');
    expect(screen.getByTestId('org-type-branch').textContent).toBe('团支部');
  });

  it('edits names in text areas that grow, so a long full name is never cut off (issue 13 item 15)', () => {
    render(<OrgForm mode='create' parentType='grassrootsCommittee' onSubmit={jest.fn()} />);
    expect(screen.getByTestId('org-fullName').tagName).toBe('TEXTAREA');
    expect(screen.getByTestId('org-shortName').tagName).toBe('TEXTAREA');
  });

  it('preselects the only possible type under a 团总支', () => {
    render(<OrgForm mode='create' parentType='generalBranch' onSubmit={jest.fn()} />);
    expect(screen.getByTestId('org-type-branch').className).toContain('nut-button-primary');
    // a branch has a category but no staffing section
    expect(screen.getByTestId('org-branchCategory')).toBeTruthy();
    expect(screen.queryByTestId('org-staffing')).toBeNull();
  });

  it('proposes the full name from the short name until the user writes their own (§3.2)', () => {
    render(<OrgForm mode='create' parentType='leadingOrgan' onSubmit={jest.fn()} />);
    fireEvent.click(screen.getByTestId('org-type-grassrootsCommittee'));
    type('org-shortName', '中山大学团委');
    expect(value('org-fullName')).toBe('中国共产主义青年团中山大学委员会');

    // the proposal follows a type change
    fireEvent.click(screen.getByTestId('org-type-workingCommittee'));
    type('org-shortName', '广东省直机关团工委');
    expect(value('org-fullName')).toBe('中国共产主义青年团广东省直机关工作委员会');

    // once corrected by hand, the short name no longer overwrites it
    type('org-fullName', '中国共产主义青年团广东省直属机关工作委员会');
    type('org-shortName', '广东省直属机关团工委');
    expect(value('org-fullName')).toBe('中国共产主义青年团广东省直属机关工作委员会');
  });

  it('shows the staffing fields only for 团的领导机关 and 基层团委 (§3.3)', () => {
    render(<OrgForm mode='create' parentType='leadingOrgan' onSubmit={jest.fn()} />);
    expect(screen.queryByTestId('org-staffing')).toBeNull();
    fireEvent.click(screen.getByTestId('org-type-grassrootsCommittee'));
    expect(screen.getByTestId('org-staffing')).toBeTruthy();
    fireEvent.click(screen.getByTestId('org-type-generalBranch'));
    expect(screen.queryByTestId('org-staffing')).toBeNull();
  });

  it('shows every schema problem next to its field, in the shared words, without submitting', async () => {
    const onSubmit = jest.fn();
    render(<OrgForm mode='create' parentType='leadingOrgan' onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('org-submit'));

    // 004 §二(一)3 "组织简称和组织类别由上级团组织管理员创建，其他具体组织信息由本级团组织管理员填写"
    expect(errorOf('type')).toBe(ErrorMessages.REQUIRED);
    expect(errorOf('shortName')).toBe(ErrorMessages.REQUIRED);
    expect(errorOf('industry')).toBeUndefined();
    expect(errorOf('secretaryName')).toBeUndefined();
    expect(errorOf('secretaryPhone')).toBeUndefined();

    fireEvent.click(screen.getByTestId('org-type-grassrootsCommittee'));
    type('org-shortName', '中山大学');
    type('org-secretaryName', '张');
    type('org-secretaryIdNumber', '440106199001011230');
    type('org-secretaryPhone', '1380000');
    type('org-email', 'not-an-email');
    type('org-adminStaffQuota', '-1');
    fireEvent.click(screen.getByTestId('org-submit'));

    expect(errorOf('type')).toBeUndefined();
    expect(errorOf('shortName')).toBe(ErrorMessages.SHORT_NAME_SHAPE);
    expect(errorOf('secretaryName')).toBe(ErrorMessages.NAME_INVALID);
    expect(errorOf('secretaryIdNumber')).toBe(ErrorMessages.ID_NUMBER_CHECKSUM);
    expect(errorOf('secretaryPhone')).toBe(ErrorMessages.MOBILE_INVALID);
    expect(errorOf('email')).toBe(ErrorMessages.EMAIL_INVALID);
    expect(errorOf('adminStaffQuota')).toBe(ErrorMessages.NUMBER_INVALID);
    expect(errorOf('contactPhone')).toBeUndefined();
    expect(onSubmit).not.toHaveBeenCalled();

    // fixing a field clears its message
    type('org-shortName', '中山大学团委');
    expect(errorOf('shortName')).toBeUndefined();
  });

  function fillValidBranch() {
    fireEvent.click(screen.getByTestId('org-type-branch'));
    type('org-shortName', '计算机专业2024级1班团支部');
    type('org-secretaryName', '李支书');
    type('org-secretaryIdNumber', SECRETARY_ID);
    type('org-secretaryPhone', '13800000099');
  }

  it('submits the parsed body once the schema passes', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(<OrgForm mode='create' parentType='grassrootsCommittee' onSubmit={onSubmit} />);
    fillValidBranch();
    fireEvent.click(screen.getByTestId('org-industry'));
    fireEvent.click(await waitFor(() => document.querySelector('.nut-picker-confirm-btn') as HTMLElement));
    expect(screen.getByTestId('org-industry').textContent).toContain('党政机关');
    fireEvent.click(screen.getByTestId('org-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual({
      type: 'branch',
      shortName: '计算机专业2024级1班团支部',
      fullName: '中国共产主义青年团计算机专业2024级1班支部委员会',
      industry: 'partyGovernment',
      secretaryName: '李支书',
      secretaryIdNumber: SECRETARY_ID,
      secretaryPhone: '13800000099',
    });
  });

  it("places the server's field error next to that field", async () => {
    const onSubmit = jest.fn().mockRejectedValue(new ApiError('ORG_NAME_TAKEN', '同级已有同名组织（服务器）', 'shortName', 409));
    render(<OrgForm mode='edit' org={province} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('org-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    // shortName is not editable here, so the message goes under the form
    expect((await screen.findByTestId('org-form-error')).textContent).toBe('同级已有同名组织（服务器）');
  });
});

describe('OrgForm (edit)', () => {
  it('shows type, names and industry read-only and sends only mutable fields', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    render(<OrgForm mode='edit' org={province} onSubmit={onSubmit} />);
    expect(screen.getByTestId('org-shortName').textContent).toBe('团广东省委');
    expect(screen.getByTestId('org-industry').textContent).toBe('党政机关');
    expect(value('org-secretaryName')).toBe('示例书记');
    // the stored ID number is never put back into the form (§9)
    expect(value('org-secretaryIdNumber')).toBe('');

    type('org-youthCount', '3000');
    fireEvent.click(screen.getByTestId('org-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const body = onSubmit.mock.calls[0][0];
    expect(body).toMatchObject({ secretaryName: '示例书记', secretaryPhone: '13700000001', youthCount: 3000, adminStaffQuota: 5 });
    expect(body).not.toHaveProperty('shortName');
    expect(body).not.toHaveProperty('secretaryIdNumber');
  });

  it('refuses to clear a field the type requires', () => {
    const onSubmit = jest.fn();
    render(<OrgForm mode='edit' org={province} onSubmit={onSubmit} />);
    type('org-contactPhone', '');
    type('org-youthCount', '20000');
    fireEvent.click(screen.getByTestId('org-submit'));
    expect(errorOf('contactPhone')).toBe(ErrorMessages.REQUIRED);
    expect(errorOf('youthCount')).toBe(ErrorMessages.YOUTH_COUNT_TOO_LARGE);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows a server error on a field it owns inline', async () => {
    const onSubmit = jest.fn().mockRejectedValue(new ApiError('MOBILE_INVALID', '手机号不对（服务器）', 'secretaryPhone', 400));
    render(<OrgForm mode='edit' org={province} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByTestId('org-submit'));
    expect((await screen.findByTestId('org-secretaryPhone-error')).textContent).toBe('手机号不对（服务器）');
    expect(screen.queryByTestId('org-form-error')).toBeNull();
  });

  // 004 §二(一)3 "其他具体组织信息由本级团组织管理员填写": an org its superior created with only 简称 and 类别
  it('lets the org’s own admin complete the full name (proposed) and the industry, once', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    const bare = {
      ...province,
      id: '9',
      type: 'branch',
      shortName: '包装车间团支部',
      fullName: '包装车间团支部',
      industry: null,
      secretaryName: null,
      secretaryIdMasked: null,
      secretaryPhone: null,
      contactPhone: null,
      email: null,
      missingFields: ['fullName', 'secretaryName', 'secretaryIdNumber', 'secretaryPhone', 'industry'],
      infoComplete: false,
    };
    render(<OrgForm mode='edit' org={bare} onSubmit={onSubmit} />);
    expect(value('org-fullName')).toBe('中国共产主义青年团包装车间支部委员会');
    fireEvent.click(screen.getByTestId('org-submit'));
    expect(errorOf('secretaryName')).toBe(ErrorMessages.REQUIRED);
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('org-industry'));
    fireEvent.click(await waitFor(() => document.querySelector('.nut-picker-confirm-btn') as HTMLElement));
    type('org-secretaryName', '李支书');
    type('org-secretaryIdNumber', SECRETARY_ID);
    type('org-secretaryPhone', '13800000099');
    fireEvent.click(screen.getByTestId('org-submit'));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ fullName: '中国共产主义青年团包装车间支部委员会', industry: 'partyGovernment', secretaryName: '李支书' });
  });

  it('the superior’s create form asks only for 组织类别 and 组织简称', () => {
    render(<OrgForm mode='create' parentType='leadingOrgan' onSubmit={jest.fn()} />);
    expect(screen.getByTestId('org-form-own-admin-note').textContent).toContain('只需填写组织类别和组织简称');
  });
});
