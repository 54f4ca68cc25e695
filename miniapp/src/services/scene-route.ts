import Taro from '@tarojs/taro';
import type { QrKind } from '@tj/shared';
import { Routes, withQuery } from '../routes';
import { sceneFrom, toChosenBranch, type ChosenBranch, type QrScene } from './org-search';

/**
 * Where a scanned QR leads (§4.1 check-in, §6.2 cadre onboarding). Every kind the server
 * issues (shared QrKinds) has exactly one flow; the `never` below makes a new kind a type
 * error until it has one.
 */
export interface SceneRoute {
  /** The page that starts the flow. */
  url: string;
  /** §4.1 a check-in QR chooses the branch before login (kept in the store). */
  branch?: ChosenBranch;
  /**
   * The flow needs an account: a logged-out visitor goes through login / registration, and
   * this URL is kept (persisted) so the flow resumes afterwards, whichever way they took.
   */
  resumeAfterLogin: boolean;
}

export function routeForScene(scene: string, target: Pick<QrScene, 'kind'> & Partial<QrScene>): SceneRoute {
  const kind: QrKind = target.kind;
  switch (kind) {
    case 'checkin':
      // The join page shows the branch and offers 登录 / 注册; the chosen branch survives both.
      return {
        url: Routes.memberJoin,
        branch: target.orgId ? toChosenBranch({ orgId: target.orgId, shortName: target.shortName ?? '', fullName: target.fullName ?? '', pathNames: target.pathNames ?? [] }) : undefined,
        resumeAfterLogin: false,
      };
    case 'cadre':
      // The cadre entry page resolves the scene itself and posts it to /cadre/entry.
      return { url: withQuery(Routes.cadreEntry, { scene }), resumeAfterLogin: true };
    default: {
      const unknown: never = kind;
      throw new Error(`no flow for QR kind ${String(unknown)}`);
    }
  }
}

// The launch options stay the same for the app's whole life: apply their scene once, so
// coming back to the entry page later (e.g. after logging out) does not replay the QR.
let launchSceneTaken = false;

/**
 * The scene this open carries: the page's own query first (H5 `?scene=`, a weapp page path
 * with `scene=`), else — weapp, cold start from a mini-program code — the launch options'
 * `scene` / `query.scene` (wx.getLaunchOptionsSync). Values come URL-encoded in WeChat;
 * sceneFrom decodes them.
 */
export function sceneOfOpen(params: Record<string, string | undefined>): string | undefined {
  const own = sceneFrom(params);
  if (own) return own;
  if (launchSceneTaken) return undefined;
  launchSceneTaken = true;
  try {
    if (typeof Taro.getLaunchOptionsSync !== 'function') return undefined;
    const launch = Taro.getLaunchOptionsSync() as { query?: Record<string, string | undefined> } | undefined;
    return launch?.query ? sceneFrom(launch.query) : undefined;
  } catch {
    return undefined; // H5 / tests: no launch options
  }
}

/** Tests only: forget that the launch scene was applied. */
export function resetLaunchScene(): void {
  launchSceneTaken = false;
}
