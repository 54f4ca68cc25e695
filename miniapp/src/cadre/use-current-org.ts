import { useEffect } from 'react';
import type { MyOrg } from '@tj/shared';
import { useAsync } from '../hooks/use-async';
import { usePageParams } from '../hooks/use-page-params';
import { useRequireLogin } from '../hooks/use-require-login';
import { useAppStore } from '../stores';

export interface CurrentOrg {
  allowed: boolean;
  params: Record<string, string | undefined>;
  /** The org every review call names in its path: ?orgId=, else the one last entered. */
  orgId: string;
  org: MyOrg | null;
  myOrgs: MyOrg[];
  loading: boolean;
}

/** Orgs where the cadre may review check-ins (§2: operators and admins). */
export const reviewOrgsOf = (orgs: MyOrg[]) => orgs.filter((o) => o.isOperator || o.isAdmin);

/**
 * §6.5 the cadre's current org: from the page's URL or the persisted store; the first org
 * the cadre operates when neither names one. The choice is kept in the store.
 */
export function useCurrentOrg(): CurrentOrg {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const stored = useAppStore((s) => s.currentOrgId);
  const myOrgs = useAppStore((s) => s.myOrgs);
  const loadMyOrgs = useAppStore((s) => s.loadMyOrgs);
  const setCurrentOrg = useAppStore((s) => s.setCurrentOrg);
  const orgs = useAsync(allowed ? loadMyOrgs : null, [allowed]);
  const list = orgs.data ?? myOrgs;
  const wanted = params.orgId || stored || '';
  const org = list.find((o) => o.id === wanted) ?? reviewOrgsOf(list)[0] ?? list[0] ?? null;
  const orgId = org?.id ?? wanted;

  useEffect(() => {
    if (orgId) setCurrentOrg(orgId);
  }, [orgId, setCurrentOrg]);

  return { allowed, params, orgId, org, myOrgs: list, loading: orgs.loading && list.length === 0 };
}
