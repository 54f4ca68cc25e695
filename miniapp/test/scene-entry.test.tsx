import { render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { QrKinds, type QrKind } from '@tj/shared';
import EntryPage from '../src/pages/entry';
import { Routes } from '../src/routes';
import { resetLaunchScene, routeForScene, sceneOfOpen } from '../src/services/scene-route';
import { PENDING_ENTRY_TTL_MS } from '../src/stores/session-slice';
import { useAppStore } from '../src/stores';
import { logIn, serve, withParams } from './checkin-fixtures';

/** Issue 13 item 1: every QR kind the server issues opens its flow, across login. */

const sceneOf = (kind: QrKind, over: Record<string, unknown> = {}) => ({
  kind,
  orgId: '21',
  shortName: kind === 'checkin' ? '计算机科学与技术专业2024级1班团支部' : '中山大学计算机学院团委',
  fullName: '中国共产主义青年团中山大学计算机学院委员会',
  type: kind === 'checkin' ? 'branch' : 'grassrootsCommittee',
  pathNames: ['团广东省委', '中山大学团委'],
  ...over,
});

afterEach(() => {
  jest.restoreAllMocks();
  resetLaunchScene();
  delete (Taro as { getLaunchOptionsSync?: unknown }).getLaunchOptionsSync;
});

describe('routeForScene', () => {
  it('has a flow for every QR kind the server issues', () => {
    for (const kind of Object.keys(QrKinds) as QrKind[]) {
      const route = routeForScene('gABC', sceneOf(kind));
      expect(route.url).toMatch(/^\/(member|cadre)\/pages\//);
    }
  });

  it('sends a check-in scene to the join page with its branch, no login detour kept', () => {
    expect(routeForScene('cXYZ', sceneOf('checkin'))).toEqual({
      url: Routes.memberJoin,
      branch: { id: '21', shortName: '计算机科学与技术专业2024级1班团支部', fullName: '中国共产主义青年团中山大学计算机学院委员会', pathNames: ['团广东省委', '中山大学团委'] },
      resumeAfterLogin: false,
    });
  });

  it('sends a cadre scene to the cadre entry page with the scene, resumed after login', () => {
    expect(routeForScene('gAb_9-x', sceneOf('cadre'))).toEqual({ url: `${Routes.cadreEntry}?scene=gAb_9-x`, resumeAfterLogin: true });
  });
});

describe('sceneOfOpen', () => {
  it('reads the page query first (H5 ?scene=, a weapp page path), decoding it', () => {
    expect(sceneOfOpen({ scene: 'gAbc' })).toBe('gAbc');
    expect(sceneOfOpen({ scene: encodeURIComponent('gAb_c') })).toBe('gAb_c');
  });

  it('falls back to the weapp launch options once (a mini-program code), never replaying them', () => {
    const launch = jest.fn(() => ({ path: 'pages/entry/index', scene: 1047, query: { scene: encodeURIComponent('gLaunch1') } }));
    Object.assign(Taro, { getLaunchOptionsSync: launch });
    expect(sceneOfOpen({})).toBe('gLaunch1');
    expect(sceneOfOpen({})).toBeUndefined();
  });

  it('ignores launch options without a scene, and a platform without them (H5)', () => {
    Object.assign(Taro, { getLaunchOptionsSync: () => ({ path: 'pages/entry/index', scene: 1001, query: {} }) });
    expect(sceneOfOpen({})).toBeUndefined();
    resetLaunchScene();
    delete (Taro as { getLaunchOptionsSync?: unknown }).getLaunchOptionsSync;
    expect(sceneOfOpen({})).toBeUndefined();
  });
});

describe('entry page with a scene', () => {
  it('opens the cadre entry page for a cadre scene and keeps it for after login (logged out)', async () => {
    withParams({ scene: 'gCadre1' });
    serve(['GET', '/qr/gCadre1', { data: sceneOf('cadre') }]);
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${Routes.cadreEntry}?scene=gCadre1` }));
    expect(useAppStore.getState().pendingEntry?.url).toBe(`${Routes.cadreEntry}?scene=gCadre1`);
    // persisted: survives an app restart during the registration detour
    expect(JSON.stringify(Taro.getStorageSync('tj-app'))).toContain('gCadre1');
  });

  it('goes straight to the cadre entry page when logged in, keeping nothing', async () => {
    logIn();
    withParams({ scene: 'gCadre2' });
    serve(['GET', '/qr/gCadre2', { data: sceneOf('cadre') }]);
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${Routes.cadreEntry}?scene=gCadre2` }));
    expect(useAppStore.getState().pendingEntry).toBeNull();
  });

  it('takes the scene from the weapp launch options when the page query has none', async () => {
    Object.assign(Taro, { getLaunchOptionsSync: () => ({ path: 'pages/entry/index', query: { scene: 'gFromCode' } }) });
    serve(['GET', '/qr/gFromCode', { data: sceneOf('cadre') }]);
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${Routes.cadreEntry}?scene=gFromCode` }));
  });

  it('chooses the branch of a check-in scene and opens the join page', async () => {
    withParams({ scene: 'cBranch' });
    serve(['GET', '/qr/cBranch', { data: sceneOf('checkin') }]);
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.memberJoin }));
    expect(useAppStore.getState().chosenBranch?.id).toBe('21');
    expect(useAppStore.getState().pendingEntry).toBeNull();
  });

  it('opens the app as usual for an unknown scene', async () => {
    withParams({ scene: 'gGone' });
    serve(['GET', '/qr/gGone', { status: 404, data: { code: 'NOT_FOUND', message: '请求的内容不存在' } }]);
    render(<EntryPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: Routes.login }));
  });
});

describe('pending entry', () => {
  it('is taken once, and not after it went stale', () => {
    useAppStore.getState().setPendingEntry('/cadre/pages/entry/index?scene=g1');
    expect(useAppStore.getState().takePendingEntry()).toBe('/cadre/pages/entry/index?scene=g1');
    expect(useAppStore.getState().takePendingEntry()).toBeUndefined();
    useAppStore.setState({ pendingEntry: { url: '/cadre/pages/entry/index?scene=g2', at: Date.now() - PENDING_ENTRY_TTL_MS - 1 } });
    expect(useAppStore.getState().takePendingEntry()).toBeUndefined();
  });
});
