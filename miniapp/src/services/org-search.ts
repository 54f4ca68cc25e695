import {
  BranchSearchQuerySchema,
  ErrorMessages,
  OrgPageQuerySchema,
  OrgSearchPageSchema,
  OrgSearchQuerySchema,
  OrgSearchResultSchema,
  QrSceneSchema,
  isErrorCode,
  type OrgSearchItem,
  type OrgSearchPage,
} from '@tj/shared';
import type { z } from 'zod';
import { api } from './api';

/**
 * §4.1 finding the branch to check in to: by a scanned QR scene, or by name / alias. Both
 * are public (before login). Results carry the full name and the path up to the province,
 * against the users' recurring pain of checking in to the wrong branch (§10).
 */

export type { OrgSearchItem, OrgSearchPage };
export type QrScene = z.infer<typeof QrSceneSchema>;

/** The branch a member is about to check in to, kept (persisted) until step 1 saves it. */
export interface ChosenBranch {
  id: string;
  shortName: string;
  fullName: string;
  pathNames: string[];
}

export async function searchOrgs(q: string, limit = 20): Promise<OrgSearchItem[]> {
  const query = OrgSearchQuerySchema.parse({ q, limit });
  return (await api.get('/orgs/search', OrgSearchResultSchema, query)).items;
}

/** The sub-orgs of a search result, a page at a time (public): walking down to a branch. */
export async function fetchOrgChildren(orgId: string, offset = 0, limit = 20): Promise<OrgSearchPage> {
  const query = OrgPageQuerySchema.parse({ offset, limit });
  return api.get(`/orgs/search/${encodeURIComponent(orgId)}/children`, OrgSearchPageSchema, query);
}

/** The branches of a cadre's org subtree whose names hold every word of `q`, a page at a time. */
export async function searchBranchesWithin(orgId: string, q: string, offset = 0, limit = 20): Promise<OrgSearchPage> {
  const query = BranchSearchQuerySchema.parse({ q, offset, limit });
  return api.get(`/orgs/${encodeURIComponent(orgId)}/branches`, OrgSearchPageSchema, query);
}

/** GET /qr/:scene — what a scanned check-in (or cadre) QR points at. */
export async function resolveScene(scene: string): Promise<QrScene> {
  return api.get(`/qr/${encodeURIComponent(scene)}`, QrSceneSchema);
}

/** Why an org cannot be chosen (the server's reason code, in the shared words). */
export const refusalOf = (item: OrgSearchItem): string => (item.reason && isErrorCode(item.reason) ? ErrorMessages[item.reason] : ErrorMessages.CHECKIN_NOT_BRANCH);

export const toChosenBranch = (org: { id?: string; orgId?: string; shortName: string; fullName: string; pathNames: string[] }): ChosenBranch => ({
  id: (org.id ?? org.orgId) as string,
  shortName: org.shortName,
  fullName: org.fullName,
  pathNames: org.pathNames,
});

/**
 * The scene of a QR: in H5 the URL's ?scene=, in WeChat the `scene` launch option of a
 * mini-program code (URL-encoded), or the `scene` query of a scanned page path.
 */
export function sceneFrom(params: Record<string, string | undefined>): string | undefined {
  const raw = params.scene ?? params.q;
  if (!raw) return undefined;
  let scene = raw;
  try {
    scene = decodeURIComponent(raw);
  } catch {
    // already decoded
  }
  // A scanned link may carry the whole page URL: take its scene parameter.
  const inner = /[?&]scene=([^&]+)/.exec(scene);
  if (inner?.[1]) scene = decodeURIComponent(inner[1]);
  return /^[A-Za-z0-9_-]{1,32}$/.test(scene) ? scene : undefined;
}
