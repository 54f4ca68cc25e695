import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { AliasExamples, ErrorMessages, validateAlias, type CadreOrg } from '@tj/shared';
import { AliasStep } from '../src/cadre/components/alias-step';
import CadreHomePage from '../src/cadre/pages/home';
import CadreEntryPage from '../src/cadre/pages/entry';
import CadreOrgsPage from '../src/cadre/pages/orgs';
import { Routes } from '../src/routes';
import { orderByRecent, useAppStore } from '../src/stores';
import { calls, logIn, serve, withParams } from './checkin-fixtures';

const cadreOrg = (id: string, shortName: string, over: Partial<CadreOrg> = {}): CadreOrg => ({
  id,
  parentId: '1',
  type: 'grassrootsCommittee',
  shortName,
  fullName: `中国共产主义青年团${shortName.replace(/团委$/, '')}委员会`,
  alias: null,
  branchCategory: null,
  depth: 3,
  sortOrder: 0,
  pathNames: ['团广东省委', '团广州市委'],
  childCount: 2,
  entryId: `e${id}`,
  position: 'secretary',
  positionSet: true,
  isOperator: false,
  isAdmin: false,
  needsAlias: false,
  ...over,
});
const myOrg = (o: CadreOrg) => ({ ...o, isAdmin: o.isAdmin, isOperator: o.isOperator, position: o.position });
const dashboard = (o: CadreOrg, over: Record<string, unknown> = {}) => ({
  org: { ...o },
  position: o.position,
  isOperator: o.isOperator,
  waitingReviews: o.isOperator ? 3 : null,
  members: 120,
  cadres: 8,
  subOrgs: 2,
  memberCheckinApproved: true,
  ...over,
});

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('alias step (§6.4)', () => {
  const org = { id: '5', type: 'grassrootsCommittee' as const, shortName: '中山大学团委' };

  it('shows the rules and the four patterns with examples before the input', () => {
    logIn();
    render(<AliasStep org={org} onDone={jest.fn()} />);
    const rules = screen.getByTestId('alias-rules');
    const input = screen.getByTestId('alias-input');
    // The rules come first in the document (the guide asks to read them before filling in).
    expect(rules.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(rules.textContent).toContain('16个字');
    for (const n of [1, 2, 3, 4]) expect(screen.getByTestId(`alias-rule-${n}`)).toBeTruthy();
    expect(rules.textContent).toContain('团广州市委');
    expect(rules.textContent).toContain('中山大学团委');
    expect(rules.textContent).toContain('初中2015级二班团支部');
    expect(rules.textContent).toContain('广东省直机关团工委');
    expect(screen.getByTestId('alias-rule-2').textContent).toContain('本组织适用');
    expect(screen.getByTestId('alias-rule-1').textContent).not.toContain('本组织适用');
  });

  it('validates live with the shared rule and message, and sends nothing invalid', async () => {
    logIn();
    serve(['PUT', '/orgs/5/alias', { data: { alias: '中大团委' } }]);
    const onDone = jest.fn();
    render(<AliasStep org={org} onDone={onDone} />);

    for (const bad of ['中山 大学团委', '中山大学团支部', '中山/大学团委', '一二三四五六七八九十一二三四五团委']) {
      type('alias-input', bad);
      const check = validateAlias(bad, 'grassrootsCommittee');
      expect(check.ok).toBe(false);
      if (!check.ok) expect(screen.getByTestId('alias-input-error').textContent).toBe(ErrorMessages[check.code]);
    }
    fireEvent.click(screen.getByTestId('alias-submit'));
    expect(calls('PUT', '/orgs/5/alias')).toHaveLength(0);

    type('alias-input', '中大团委');
    expect(screen.queryByTestId('alias-input-error')).toBeNull();
    fireEvent.click(screen.getByTestId('alias-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('中大团委'));
    expect(JSON.parse(calls('PUT', '/orgs/5/alias')[0][0].data)).toEqual({ alias: '中大团委' });
  });

  it('shows the server’s sibling-unique error under the field', async () => {
    logIn();
    serve(['PUT', '/orgs/5/alias', { status: 409, data: { code: 'ALIAS_TAKEN', message: ErrorMessages.ALIAS_TAKEN, field: 'alias' } }]);
    render(<AliasStep org={org} onDone={jest.fn()} />);
    type('alias-input', AliasExamples.grassrootsCommittee[0]!);
    fireEvent.click(screen.getByTestId('alias-submit'));
    expect((await screen.findByTestId('alias-input-error')).textContent).toBe(ErrorMessages.ALIAS_TAKEN);
  });

  it('tells the second operator the alias is already set and lets them go on', async () => {
    logIn();
    serve(['PUT', '/orgs/5/alias', { status: 409, data: { code: 'ALIAS_ALREADY_SET', message: ErrorMessages.ALIAS_ALREADY_SET, field: 'alias' } }]);
    const onDone = jest.fn();
    render(<AliasStep org={org} onDone={onDone} />);
    type('alias-input', '中大团委');
    fireEvent.click(screen.getByTestId('alias-submit'));
    expect((await screen.findByTestId('alias-already-set')).textContent).toContain(ErrorMessages.ALIAS_ALREADY_SET);
    fireEvent.click(screen.getByTestId('alias-continue'));
    expect(onDone).toHaveBeenCalledWith(null);
  });
});

describe('entry flow (§6.2–6.4)', () => {
  it('refuses a person in no roster with §6.2’s message and no further step', async () => {
    logIn();
    withParams({ scene: 'abc' });
    serve(
      [
        'GET',
        '/qr/abc',
        { data: { kind: 'cadre', orgId: '5', shortName: '中山大学团委', fullName: '中国共产主义青年团中山大学委员会', type: 'grassrootsCommittee', pathNames: ['团广东省委'] } },
      ],
      ['POST', '/cadre/entry', { status: 403, data: { code: 'NOT_IN_ROSTER', message: ErrorMessages.NOT_IN_ROSTER } }],
    );
    render(<CadreEntryPage />);
    expect((await screen.findByTestId('entry-refused-message')).textContent).toBe('您尚未被组织录入系统，请联系本组织管理员/运营者');
    expect(screen.queryByTestId('position-step')).toBeNull();
    expect(screen.queryByTestId('entry-preview')).toBeNull();
  });

  it('shows the invitation’s org before login and sends the cadre to log in and come back', async () => {
    withParams({ token: 'tok' });
    serve([
      'GET',
      '/cadre/invitations/preview',
      { data: { orgId: '5', orgName: '中山大学团委', fullName: '中国共产主义青年团中山大学委员会', pathNames: ['团广东省委', '团广州市委'], cadreName: '张三', phoneMasked: '139****0001' } },
    ]);
    render(<CadreEntryPage />);
    expect((await screen.findByTestId('entry-org-name')).textContent).toBe('中山大学团委');
    expect(screen.getByTestId('entry-org-full').textContent).toBe('中国共产主义青年团中山大学委员会');
    expect(screen.getByTestId('entry-login').textContent).toContain('139****0001');
    fireEvent.click(screen.getByTestId('entry-login-button'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${Routes.login}?redirect=${encodeURIComponent(`${Routes.cadreEntry}?token=tok`)}` });
    expect(calls('POST', '/cadre/entry')).toHaveLength(0);
  });

  it('a plain cadre sets the position and never sees the alias step', async () => {
    logIn();
    withParams({ token: 'tok' });
    const org = cadreOrg('5', '中山大学团委', { positionSet: false, position: 'deputySecretary' });
    serve(
      [
        'GET',
        '/cadre/invitations/preview',
        { data: { orgId: '5', orgName: '中山大学团委', fullName: org.fullName, pathNames: org.pathNames, cadreName: '张三', phoneMasked: '139****0001' } },
      ],
      ['POST', '/cadre/entry', { data: { focusOrgId: '5', items: [org], pending: [] } }],
      ['POST', '/cadre/orgs/5/position', (body) => ({ data: { ...org, position: (body as { position: string }).position, positionSet: true } })],
    );
    render(<CadreEntryPage />);
    await screen.findByTestId('position-step');
    // Prefilled from the roster's suggestion.
    expect(screen.getByTestId('position-deputySecretary').className).toContain('primary');
    fireEvent.click(screen.getByTestId('position-committeeMember'));
    fireEvent.click(screen.getByTestId('position-submit'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: `${Routes.cadreHome}?orgId=5` }));
    expect(JSON.parse(calls('POST', '/cadre/orgs/5/position')[0][0].data)).toEqual({ position: 'committeeMember' });
    expect(screen.queryByTestId('alias-step')).toBeNull();
    expect(useAppStore.getState().currentOrgId).toBe('5');
  });

  it('the first operator sets the position, then the alias', async () => {
    logIn();
    withParams({ orgId: '5' });
    const org = cadreOrg('5', '中山大学团委', { positionSet: false, isOperator: true, needsAlias: true });
    serve(
      ['POST', '/cadre/entry', { data: { focusOrgId: null, items: [cadreOrg('4', '团广州市委', { type: 'leadingOrgan' }), org], pending: [] } }],
      ['POST', '/cadre/orgs/5/position', { data: { ...org, positionSet: true } }],
      ['PUT', '/orgs/5/alias', { data: { alias: '中大团委' } }],
    );
    render(<CadreEntryPage />);
    await screen.findByTestId('position-step');
    expect(screen.getByTestId('entry-steps').textContent).toContain('设置组织代称');
    fireEvent.click(screen.getByTestId('position-submit'));
    await screen.findByTestId('alias-rules');
    type('alias-input', '中大团委');
    fireEvent.click(screen.getByTestId('alias-submit'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: `${Routes.cadreHome}?orgId=5` }));
  });
});

describe('confirming roster lines (issue 12: nothing is bound silently)', () => {
  const line = (entryId: string, orgId: string, orgName: string, over: Record<string, unknown> = {}) => ({
    entryId,
    orgId,
    orgName,
    fullName: `中国共产主义青年团${orgName}委员会`,
    pathNames: ['团广东省委', '团广州市委'],
    position: 'secretary',
    name: '张三',
    isOperator: true,
    isAdmin: false,
    ...over,
  });

  it('asks "您被录入为 X 的 Y，是否确认？" for each line before the position step; 确认 binds, 不是我 declines', async () => {
    logIn();
    withParams({ scene: 'abc' });
    const org = cadreOrg('5', '中山大学团委', { positionSet: false, entryId: '51' });
    serve(
      ['GET', '/qr/abc', { data: { kind: 'cadre', orgId: '5', shortName: '中山大学团委', fullName: org.fullName, type: 'grassrootsCommittee', pathNames: ['团广东省委'] } }],
      ['POST', '/cadre/entry', { data: { focusOrgId: '5', items: [], pending: [line('61', '6', '华南理工大学团委', { position: 'deputySecretary' }), line('51', '5', '中山大学团委')] } }],
      ['POST', '/cadre/entries/51/confirm', { data: org }],
      ['POST', '/cadre/entries/61/decline', { status: 204, data: null }],
    );
    render(<CadreEntryPage />);
    // the line the QR points at comes first
    expect((await screen.findByTestId('entry-confirm-question')).textContent).toBe('您被录入为 中山大学团委 的 书记，是否确认？');
    expect(screen.getByTestId('entry-confirm-51').textContent).toContain('第1条，共2条');
    expect(screen.getByTestId('entry-confirm-51').textContent).toContain('运营者');
    expect(screen.queryByTestId('position-step')).toBeNull();
    fireEvent.click(screen.getByTestId('entry-confirm-yes'));
    expect((await screen.findByTestId('entry-confirm-61')).textContent).toContain('您被录入为 华南理工大学团委 的 副书记，是否确认？');
    expect(calls('POST', '/cadre/entries/51/confirm')).toHaveLength(1);
    // a JSON body, even empty: the server refuses an empty body sent as application/json
    expect(JSON.parse(calls('POST', '/cadre/entries/51/confirm')[0][0].data)).toEqual({});
    fireEvent.click(screen.getByTestId('entry-confirm-no'));
    await screen.findByTestId('position-step');
    expect(calls('POST', '/cadre/entries/61/decline')).toHaveLength(1);
    expect(calls('POST', '/cadre/entries/61/confirm')).toHaveLength(0);
  });

  it('declining the only line leaves nothing to enter, and says so', async () => {
    logIn();
    withParams({});
    serve(
      ['POST', '/cadre/entry', { data: { focusOrgId: null, items: [], pending: [line('61', '6', '华南理工大学团委')] } }],
      ['POST', '/cadre/entries/61/decline', { status: 204, data: null }],
    );
    render(<CadreEntryPage />);
    fireEvent.click(await screen.findByTestId('entry-confirm-no'));
    expect((await screen.findByTestId('entry-refused-message')).textContent).toContain('均不是您本人');
    expect(screen.queryByTestId('position-step')).toBeNull();
  });

  it('a line answered meanwhile is skipped with the server’s message', async () => {
    logIn();
    withParams({});
    serve(
      ['POST', '/cadre/entry', { data: { focusOrgId: null, items: [], pending: [line('61', '6', '华南理工大学团委')] } }],
      ['POST', '/cadre/entries/61/confirm', { status: 409, data: { code: 'ROSTER_ENTRY_NOT_PENDING', message: ErrorMessages.ROSTER_ENTRY_NOT_PENDING } }],
    );
    render(<CadreEntryPage />);
    fireEvent.click(await screen.findByTestId('entry-confirm-yes'));
    expect((await screen.findByTestId('entry-confirm-gone')).textContent).toBe(ErrorMessages.ROSTER_ENTRY_NOT_PENDING);
    fireEvent.click(screen.getByTestId('entry-confirm-skip'));
    expect((await screen.findByTestId('entry-refused-message')).textContent).toContain('均不是您本人');
  });

  it('the chooser points to lines waiting for confirmation', async () => {
    logIn();
    serve(['POST', '/cadre/entry', { data: { focusOrgId: null, items: [cadreOrg('11', '甲团委')], pending: [line('61', '6', '华南理工大学团委')] } }]);
    render(<CadreOrgsPage />);
    expect((await screen.findByTestId('orgs-pending')).textContent).toContain('有1条团干部入驻信息等待您确认');
    fireEvent.click(screen.getByTestId('orgs-pending-link'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: Routes.cadreEntry });
  });
});

describe('alias first, whenever an operator enters an org without one (§6.4, issue 13 item 3)', () => {
  it('an onboarded operator landing on the 工作台 of an org with no alias sets it before anything else', async () => {
    logIn();
    const op = cadreOrg('21', '计算机科学与技术专业2024级1班团支部', { type: 'branch', isOperator: true, alias: null });
    serve(
      ['GET', '/me/orgs', { data: { items: [myOrg(op)] } }],
      ['GET', '/orgs/21/dashboard', { data: dashboard(op) }],
      ['PUT', '/orgs/21/alias', { data: { alias: '计算机2024级1班团支部' } }],
    );
    useAppStore.getState().switchCadreOrg('21');
    withParams({ orgId: '21' });
    render(<CadreHomePage />);
    await screen.findByTestId('alias-step');
    expect(screen.queryByTestId('dashboard-count-members')).toBeNull();
    type('alias-input', '计算机2024级1班团支部');
    fireEvent.click(screen.getByTestId('alias-submit'));
    expect((await screen.findByTestId('dashboard-count-members')).textContent).toContain('120');
    expect(screen.queryByTestId('alias-step')).toBeNull();
    expect(JSON.parse(calls('PUT', '/orgs/21/alias')[0][0].data)).toEqual({ alias: '计算机2024级1班团支部' });
  });

  it('a plain cadre of the same org is never asked', async () => {
    logIn();
    const plain = cadreOrg('21', '计算机科学与技术专业2024级1班团支部', { type: 'branch', isOperator: false, alias: null });
    serve(['GET', '/me/orgs', { data: { items: [myOrg(plain)] } }], ['GET', '/orgs/21/dashboard', { data: dashboard(plain) }]);
    withParams({ orgId: '21' });
    render(<CadreHomePage />);
    await screen.findByTestId('dashboard-count-members');
    expect(screen.queryByTestId('alias-step')).toBeNull();
  });

  it('the entry page asks an already-onboarded operator for the missing alias too', async () => {
    logIn();
    withParams({ orgId: '21' });
    const op = cadreOrg('21', '计算机科学与技术专业2024级1班团支部', { type: 'branch', isOperator: true, positionSet: true, needsAlias: true });
    serve(['POST', '/cadre/entry', { data: { focusOrgId: null, items: [op], pending: [] } }]);
    render(<CadreEntryPage />);
    await screen.findByTestId('alias-step');
    expect(screen.queryByTestId('position-step')).toBeNull();
  });
});

describe('chooser and switching (§6.5)', () => {
  const a = cadreOrg('11', '甲团委');
  const b = cadreOrg('12', '乙团委', { alias: '乙代称团委' });
  const c = cadreOrg('13', '丙团委', { positionSet: false });

  it('orders the orgs last used first', () => {
    expect(orderByRecent([a, b, c], ['13', '11']).map((o) => o.id)).toEqual(['13', '11', '12']);
    expect(orderByRecent([a, b, c], []).map((o) => o.id)).toEqual(['11', '12', '13']);
  });

  it('lists the orgs last used first, with alias or short name, path and position', async () => {
    logIn();
    useAppStore.getState().switchCadreOrg('11');
    useAppStore.getState().switchCadreOrg('12');
    serve(['POST', '/cadre/entry', { data: { focusOrgId: null, items: [a, b, c], pending: [] } }]);
    render(<CadreOrgsPage />);
    await screen.findByTestId('orgs-item-12');
    const ids = screen.getAllByTestId(/^orgs-item-/).map((el) => el.getAttribute('data-testid'));
    expect(ids).toEqual(['orgs-item-12', 'orgs-item-11', 'orgs-item-13']);
    expect(screen.getByTestId('orgs-name-12').textContent).toBe('乙代称团委');
    expect(screen.getByTestId('orgs-item-11').textContent).toContain('团广东省委 › 团广州市委 › 甲团委');
    expect(screen.getByTestId('orgs-item-11').textContent).toContain('书记');
    expect(screen.getByTestId('orgs-item-13').textContent).toContain('待设置职务');

    // An unfinished org opens its steps; a finished one becomes current on a fresh stack.
    fireEvent.click(screen.getByTestId('orgs-item-13'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `${Routes.cadreEntry}?orgId=13` });
    fireEvent.click(screen.getByTestId('orgs-item-11'));
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: `${Routes.cadreHome}?orgId=11` });
    expect(useAppStore.getState().recentOrgIds.slice(0, 2)).toEqual(['11', '12']);
  });

  it('switching drops the previous org’s data; the dashboard asks for the new org by id', async () => {
    logIn();
    serve(
      ['GET', '/me/orgs', { data: { items: [myOrg(a), myOrg(b)] } }],
      ['GET', '/orgs/11/dashboard', { data: dashboard(a, { members: 111 }) }],
      ['GET', '/orgs/12/dashboard', { data: dashboard(b, { members: 222, memberCheckinApproved: false }) }],
    );
    useAppStore.getState().switchCadreOrg('11');
    withParams({ orgId: '11' });
    const first = render(<CadreHomePage />);
    expect((await screen.findByTestId('dashboard-count-members')).textContent).toContain('111');
    expect(useAppStore.getState().cadreCache?.orgId).toBe('11');
    first.unmount();

    useAppStore.getState().switchCadreOrg('12');
    expect(useAppStore.getState().cadreCache).toBeNull();
    withParams({ orgId: '12' });
    render(<CadreHomePage />);
    expect(screen.queryByText('111')).toBeNull();
    expect((await screen.findByTestId('dashboard-count-members')).textContent).toContain('222');
    expect(screen.queryByText('111')).toBeNull();
    expect(screen.getByTestId('org-switch-name').textContent).toBe('乙代称团委');
    // Plain cadre: no 待审核; §6.7 reminder with a way to check in.
    expect(screen.queryByTestId('dashboard-count-reviews')).toBeNull();
    expect(screen.getByTestId('dashboard-checkin-reminder')).toBeTruthy();
    expect(calls('GET', '/orgs/12/dashboard')).toHaveLength(1);
  });

  it('an operator sees 待审核', async () => {
    logIn();
    const op = cadreOrg('11', '甲团委', { isOperator: true, alias: '甲代称团委' });
    serve(['GET', '/me/orgs', { data: { items: [myOrg(op)] } }], ['GET', '/orgs/11/dashboard', { data: dashboard(op) }]);
    withParams({ orgId: '11' });
    render(<CadreHomePage />);
    expect((await screen.findByTestId('dashboard-count-reviews')).textContent).toContain('3');
    expect(screen.getByTestId('dashboard-entry-reviews')).toBeTruthy();
    expect(screen.queryByTestId('dashboard-checkin-reminder')).toBeNull();
  });
});
