import { useEffect } from 'react';
import type { OrgDetail } from '@tj/shared';
import { useAsync, type AsyncState } from '../hooks/use-async';
import { usePageParams } from '../hooks/use-page-params';
import { useRequireLogin } from '../hooks/use-require-login';
import { fetchOrg } from '../services/orgs';
import { useAppStore } from '../stores';

export interface TransferOrgPage {
  allowed: boolean;
  params: Record<string, string | undefined>;
  /** ?orgId=, else the org last opened. Not limited to my own orgs: an admin above acts
   * for any org of the subtree (§2), and the server guards every call. */
  orgId: string;
  org: AsyncState<OrgDetail>;
}

/** What every org-side transfer page starts with: login, the org it is about, its details. */
export function useTransferOrg(): TransferOrgPage {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const stored = useAppStore((s) => s.currentOrgId);
  const setCurrentOrg = useAppStore((s) => s.setCurrentOrg);
  const orgId = params.orgId || stored || '';

  useEffect(() => {
    if (orgId) setCurrentOrg(orgId);
  }, [orgId, setCurrentOrg]);

  const org = useAsync(allowed && orgId ? () => fetchOrg(orgId) : null, [allowed, orgId]);
  return { allowed, params, orgId, org };
}
