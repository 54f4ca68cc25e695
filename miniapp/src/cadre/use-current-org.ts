import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import type { MyOrg } from '@tj/shared';
import { useAsync } from '../hooks/use-async';
import { usePageParams } from '../hooks/use-page-params';
import { useRequireLogin } from '../hooks/use-require-login';
import { Routes } from '../routes';
import { useAppStore } from '../stores';

export interface CurrentOrg {
  allowed: boolean;
  params: Record<string, string | undefined>;
  /** The org every call of the page names in its path: ?orgId=, else the current one. */
  orgId: string;
  /** My position etc. in it (GET /me/orgs), once known. */
  org: MyOrg | null;
  myOrgs: MyOrg[];
  loading: boolean;
}

export interface CurrentOrgOptions {
  /**
   * The org pages (home, members, cadres, org) never show another org than the one named:
   * no org at all sends the cadre to the chooser, and a URL naming another org than the
   * current one is a switch (the previous org's cache goes). The review pages instead fall
   * back to the first org the cadre may review in.
   */
  strict?: boolean;
}

/** Orgs where the cadre may review check-ins (§2: operators and admins). */
export const reviewOrgsOf = (orgs: MyOrg[]) => orgs.filter((o) => o.isOperator || o.isAdmin);

/** §6.5 the cadre's current org: from the page's URL or the persisted store; the choice is kept in the store. */
export function useCurrentOrg({ strict = false }: CurrentOrgOptions = {}): CurrentOrg {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const stored = useAppStore((s) => s.currentOrgId);
  const myOrgs = useAppStore((s) => s.myOrgs);
  const loadMyOrgs = useAppStore((s) => s.loadMyOrgs);
  const setCurrentOrg = useAppStore((s) => s.setCurrentOrg);
  const switchCadreOrg = useAppStore((s) => s.switchCadreOrg);
  const orgs = useAsync(allowed ? loadMyOrgs : null, [allowed]);
  const list = orgs.data ?? myOrgs;
  const wanted = params.orgId || stored || '';
  const named = list.find((o) => o.id === wanted) ?? null;
  const org = strict ? named : (named ?? reviewOrgsOf(list)[0] ?? list[0] ?? null);
  const orgId = strict ? wanted : (org?.id ?? wanted);

  useEffect(() => {
    if (!strict) {
      if (orgId) setCurrentOrg(orgId);
      return;
    }
    if (!allowed) return;
    if (!orgId) void Taro.redirectTo({ url: Routes.cadreOrgs });
    else if (orgId !== stored) switchCadreOrg(orgId);
  }, [strict, allowed, orgId, stored, setCurrentOrg, switchCadreOrg]);

  return { allowed, params, orgId, org, myOrgs: list, loading: orgs.loading && list.length === 0 };
}
