import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ErrorMessages, todayInChina } from '@tj/shared';
import CheckinPage from '../src/member/pages/checkin';
import ConfirmPage from '../src/member/pages/confirm';
import { branch, calls, idFor, logIn, myCheckin, serve, withParams } from './checkin-fixtures';

const ID = idFor('2006-03-15');
/** Same ID with a wrong check digit. */
const BAD_ID = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');

const identityDraft = { name: '王小明', idType: 'residentId' as const, idNumber: ID, joinedAt: '2019-05', branchId: branch.id };

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('check-in form (4 steps, shared schemas)', () => {
  beforeEach(() => logIn());

  it('shows the shared message next to the ID number and does not save', async () => {
    serve(['GET', '/me/checkin', { data: myCheckin({ draft: identityDraft, branch, resumeStep: 'identity' }) }]);
    withParams({});
    render(<CheckinPage />);
    await screen.findByTestId('cert-idNumber');
    // The branch is shown by its full name and path up to the province.
    expect(screen.getByTestId('cert-branch-full').textContent).toBe(branch.fullName);
    expect(screen.getByTestId('cert-branch-path').textContent).toContain('团广东省委 / 团广州市委');
    // Birth date and gender come from the ID number.
    expect(screen.getByTestId('cert-birthDate').textContent).toBe('2006-03-15');

    type('cert-idNumber', BAD_ID);
    fireEvent.click(screen.getByTestId('checkin-next'));
    expect((await screen.findByTestId('cert-idNumber-error')).textContent).toBe(ErrorMessages.ID_NUMBER_CHECKSUM);
    expect(calls('PUT', '/me/checkin/steps/identity')).toHaveLength(0);

    type('cert-name', '');
    fireEvent.click(screen.getByTestId('checkin-next'));
    expect((await screen.findByTestId('cert-name-error')).textContent).toBe(ErrorMessages.REQUIRED);
  });

  it('highlights the current step, marks earlier ones done (issue 13 item 8)', async () => {
    serve([
      'GET',
      '/me/checkin',
      { data: myCheckin({ draft: { ...identityDraft, income: 'studentNoIncome', holdsPosition: false, joinUnit: '广州市第一中学' }, branch, resumeStep: 'league' }) },
    ]);
    withParams({});
    render(<CheckinPage />);
    await screen.findByTestId('cert-income');
    const steps = Array.from(screen.getByTestId('checkin-steps').querySelectorAll('.nut-step'));
    expect(steps.map((s) => (s.className.match(/nut-step-(finish|process|wait)/) ?? [])[1])).toEqual(['finish', 'process', 'wait', 'wait']);
  });

  it('prefills step 3 with the phone the member registered with (issue 13 item 13)', async () => {
    const draft = { ...identityDraft, income: 'studentNoIncome' as const, holdsPosition: false, joinUnit: '广州市第一中学', developmentNumber: null };
    serve(['GET', '/me/checkin', { data: myCheckin({ draft, branch, resumeStep: 'contact' }) }]);
    withParams({});
    render(<CheckinPage />);
    const phone = await screen.findByTestId<HTMLInputElement>('cert-phone');
    expect(phone.value).toBe('13900000001');
  });

  it('leaves 入团年月 empty, opens its picker at a likely year and offers no month after this one (issue 13 item 13)', async () => {
    const { joinedAt: _none, idNumber: _typedLater, ...noJoin } = identityDraft;
    serve(['GET', '/me/checkin', { data: myCheckin({ draft: noJoin, branch, resumeStep: 'identity' }) }]);
    withParams({});
    render(<CheckinPage />);
    await screen.findByTestId('cert-idNumber');
    type('cert-idNumber', ID);
    expect(screen.getByTestId('cert-joinedAt').textContent).toContain('请选择入团年月');
    fireEvent.click(screen.getByTestId('cert-joinedAt'));
    const picker = document.querySelector('.nut-picker')!;
    // Born 2006-03: the picker opens at 2020-03 (aged 14), not at this month.
    expect(picker.getAttribute('value')).toBe('2020,03');
    const years = Array.from(picker.querySelectorAll('.nut-pickerview-roller')[0]!.children).map((c) => c.textContent);
    expect(years[years.length - 1]).toBe(`${todayInChina().slice(0, 4)}年`);
    fireEvent.click(screen.getByTestId('checkin-next'));
    expect((await screen.findByTestId('cert-joinedAt-error')).textContent).toBe(ErrorMessages.REQUIRED);
  });

  it('saves a valid step (PUT) before opening the next one', async () => {
    serve(
      ['GET', '/me/checkin', { data: myCheckin({ draft: identityDraft, branch }) }],
      ['PUT', '/me/checkin/steps/identity', (body) => ({ data: myCheckin({ draft: body as never, branch, resumeStep: 'league' }) })],
    );
    withParams({});
    render(<CheckinPage />);
    await screen.findByTestId('cert-idNumber');
    fireEvent.click(screen.getByTestId('checkin-next'));
    await screen.findByTestId('cert-income');
    const [put] = calls('PUT', '/me/checkin/steps/identity');
    expect(JSON.parse(put[0].data)).toMatchObject({ name: '王小明', idNumber: ID, joinedAt: '2019-05', branchId: branch.id, birthDate: null });
  });

  it('checks the development number against the join month from step 1 (§5.2)', async () => {
    serve([
      'GET',
      '/me/checkin',
      { data: myCheckin({ draft: { ...identityDraft, income: 'studentNoIncome', holdsPosition: false, joinUnit: '广州市第一中学' }, branch, resumeStep: 'league' }) },
    ]);
    withParams({});
    render(<CheckinPage />);
    await screen.findByTestId('cert-developmentNumber');
    fireEvent.click(screen.getByTestId('checkin-next'));
    expect((await screen.findByTestId('cert-developmentNumber-error')).textContent).toBe(ErrorMessages.DEVELOPMENT_NUMBER_REQUIRED);

    type('cert-developmentNumber', '201812345678');
    fireEvent.click(screen.getByTestId('checkin-next'));
    await waitFor(() => expect(screen.getByTestId('cert-developmentNumber-error').textContent).toBe(ErrorMessages.DEVELOPMENT_NUMBER_YEAR_MISMATCH));
    expect(calls('PUT', '/me/checkin/steps/league')).toHaveLength(0);
  });

  it("shows the server's field error at its field", async () => {
    serve(
      [
        'GET',
        '/me/checkin',
        {
          data: myCheckin({
            draft: { ...identityDraft, income: 'studentNoIncome', holdsPosition: false, joinUnit: '一中', developmentNumber: '201912345678' },
            branch,
            resumeStep: 'league',
          }),
        },
      ],
      ['PUT', '/me/checkin/steps/league', { status: 409, data: { code: 'DEVELOPMENT_NUMBER_TAKEN', message: ErrorMessages.DEVELOPMENT_NUMBER_TAKEN, field: 'developmentNumber' } }],
    );
    withParams({});
    render(<CheckinPage />);
    await screen.findByTestId('cert-developmentNumber');
    fireEvent.click(screen.getByTestId('checkin-next'));
    expect((await screen.findByTestId('cert-developmentNumber-error')).textContent).toBe(ErrorMessages.DEVELOPMENT_NUMBER_TAKEN);
  });

  it('requires the guardian contact under 18 (rule spanning steps)', async () => {
    const minorId = idFor(`${new Date().getFullYear() - 15}-01-10`);
    serve([
      'GET',
      '/me/checkin',
      {
        data: myCheckin({
          draft: {
            ...identityDraft,
            idNumber: minorId,
            phone: '13900000001',
            ethnicity: '01',
            politicalStatus: 'leagueMember',
            fullTimeEducation: 'juniorHighStudying',
            highestEducation: 'primary',
            isVolunteer: false,
          },
          branch,
          resumeStep: 'contact',
        }),
      },
    ]);
    withParams({});
    render(<CheckinPage />);
    await screen.findByTestId('cert-guardianContact');
    fireEvent.click(screen.getByTestId('checkin-next'));
    expect((await screen.findByTestId('cert-guardianContact-error')).textContent).toBe(ErrorMessages.GUARDIAN_CONTACT_REQUIRED);
  });

  it('edit after approval: identity is locked with the shared explanation', async () => {
    serve(['GET', '/me/checkin', { data: myCheckin({ status: 'approved', approved: identityDraft, branch, resumeStep: 'confirm' }) }]);
    withParams({ mode: 'edit', step: 'identity' });
    render(<CheckinPage />);
    expect((await screen.findByTestId('checkin-identity-locked')).textContent).toBe(ErrorMessages.CHECKIN_IDENTITY_LOCKED);
    expect(screen.queryByTestId('checkin-next')).toBeNull();
  });

  it('confirmation page shows the full ID to its owner and submits', async () => {
    serve(
      ['GET', '/me/checkin', { data: myCheckin({ draft: { ...identityDraft, income: 'studentNoIncome' }, branch, resumeStep: 'confirm' }) }],
      ['POST', '/me/checkin/submit', { data: myCheckin({ status: 'submitted', realNameStatus: 'pending', branch }) }],
    );
    withParams({});
    render(<ConfirmPage />);
    expect((await screen.findByTestId('confirm-summary-idNumber')).textContent).toContain(ID);
    expect(screen.getByTestId('confirm-summary-income').textContent).toContain('学生无收入');
    fireEvent.click(screen.getByTestId('confirm-submit'));
    await waitFor(() => expect(calls('POST', '/me/checkin/submit')).toHaveLength(1));
  });
});
