import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import OrgSearchPage from '../src/member/pages/org-search';
import { OrgPicker, type PickedOrg } from '../src/components/org-picker';
import { Routes } from '../src/routes';
import { useAppStore } from '../src/stores';
import { calls, serve, withParams } from './checkin-fixtures';

/** Issue 13 item 5: "中山大学" finds committees; each opens its sub-orgs down to the branches. */
const org = (id: string, type: string, shortName: string, pathNames: string[]) => ({
  id,
  type,
  shortName,
  fullName: `中国共产主义青年团${shortName}`,
  alias: null,
  pathNames,
  selectable: type === 'branch',
  reason: type === 'branch' ? null : 'CHECKIN_NOT_BRANCH',
});
const up = ['团广东省委'];
const university = org('3', 'grassrootsCommittee', '中山大学团委', up);
const college = org('30', 'grassrootsCommittee', '中山大学计算机学院团委', [...up, '中山大学团委']);
const grade = org('300', 'generalBranch', '计算机学院2024级团总支', [...up, '中山大学团委', '中山大学计算机学院团委']);
const classes = [1, 2, 3].map((i) => org(`300${i}`, 'branch', `计算机2024级${i}班团支部`, [...grade.pathNames, grade.shortName]));

function serveTree() {
  serve(
    ['GET', '/orgs/search', { data: { items: [university] } }],
    ['GET', '/orgs/search/3/children', { data: { items: [college], nextOffset: null } }],
    ['GET', '/orgs/search/30/children', { data: { items: [grade], nextOffset: null } }],
    [
      'GET',
      '/orgs/search/300/children',
      (_body, url) => (url.includes('offset=2') ? { data: { items: [classes[2]], nextOffset: null } } : { data: { items: classes.slice(0, 2), nextOffset: 2 } }),
    ],
  );
}

async function typeQuery(testId: string, text: string) {
  jest.useFakeTimers();
  fireEvent.change(screen.getByTestId(testId), { target: { value: text } });
  await act(async () => {
    jest.advanceTimersByTime(400);
  });
  jest.useRealTimers();
}

describe('org search drill-down', () => {
  it('a committee result opens its sub-orgs, level by level and page by page, down to a branch that can be chosen', async () => {
    serveTree();
    withParams({});
    render(<OrgSearchPage />);
    await typeQuery('org-search-input', '中山大学');
    fireEvent.click(await screen.findByTestId('org-result-3'));
    // nothing chosen: the university opens, its path and full name on top
    expect(useAppStore.getState().chosenBranch).toBeNull();
    expect((await screen.findByTestId('org-drill-current-full')).textContent).toBe(university.fullName);
    fireEvent.click(await screen.findByTestId('org-result-30'));
    fireEvent.click(await screen.findByTestId('org-result-300'));
    expect((await screen.findByTestId('org-drill-current-path')).textContent).toBe(`团广东省委 / 中山大学团委 / 中山大学计算机学院团委 / ${grade.shortName}`);
    await screen.findByTestId('org-result-3001');
    expect(screen.queryByTestId('org-result-3003')).toBeNull();
    fireEvent.click(screen.getByTestId('org-drill-more'));
    await screen.findByTestId('org-result-3003');
    expect(calls('GET', '/orgs/search/300/children')).toHaveLength(2);
    // each result keeps its full path
    expect(screen.getByTestId('org-result-3003-path-path').textContent).toBe([...classes[2]!.pathNames, classes[2]!.shortName].join(' / '));

    // back one level, then forward again
    fireEvent.click(screen.getByTestId('org-drill-back'));
    expect((await screen.findByTestId('org-drill-current-full')).textContent).toBe(college.fullName);
    fireEvent.click(await screen.findByTestId('org-result-300'));
    fireEvent.click(await screen.findByTestId('org-result-3002'));
    expect(useAppStore.getState().chosenBranch).toMatchObject({ id: '3002', fullName: classes[1]!.fullName, pathNames: classes[1]!.pathNames });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.memberJoin });
  });

  it('back from the first level returns to the search results', async () => {
    serveTree();
    withParams({});
    render(<OrgSearchPage />);
    await typeQuery('org-search-input', '中山大学');
    fireEvent.click(await screen.findByTestId('org-result-3-open'));
    await screen.findByTestId('org-result-30');
    fireEvent.click(screen.getByTestId('org-drill-back'));
    await waitFor(() => expect(screen.queryByTestId('org-drill')).toBeNull());
    expect(screen.getByTestId('org-result-3')).toBeTruthy();
  });

  it('the transfer destination picker opens sub-orgs too, and picks a branch there', async () => {
    serveTree();
    const picked: (PickedOrg | null)[] = [];
    render(<OrgPicker value={null} onChange={(o) => picked.push(o)} refuse={(o) => (o.type === 'leadingOrgan' ? '不可选' : null)} testId='dest' />);
    fireEvent.change(screen.getByTestId('dest-q'), { target: { value: '中山大学' } });
    fireEvent.click(screen.getByTestId('dest-search'));
    fireEvent.click(await screen.findByTestId('dest-item-3-open'));
    // opening is not choosing
    expect(picked).toEqual([]);
    fireEvent.click(await screen.findByTestId('dest-item-30-open'));
    fireEvent.click(await screen.findByTestId('dest-item-300-open'));
    fireEvent.click(await screen.findByTestId('dest-item-3001'));
    expect(picked.map((p) => p?.id)).toEqual(['3001']);
  });
});
