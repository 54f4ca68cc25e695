import { useEffect, useState } from 'react';
import type { OrgDetail } from '@tj/shared';
import { useAsync, type AsyncState } from '../hooks/use-async';
import { useRequireLogin } from '../hooks/use-require-login';
import { fetchOrg } from '../services/orgs';
import { useAppStore } from '../stores';
import { pageParams } from './nav';

export interface OrgPage {
  /** False while a logged-out visitor is being sent to login. */
  allowed: boolean;
  /** The org the page is about: ?orgId=, else the one last opened (persisted). */
  orgId: string;
  org: AsyncState<OrgDetail>;
  params: Record<string, string | undefined>;
}

/** What every admin page starts with: login, the org id, and the org's details. */
export function useOrgPage(): OrgPage {
  const allowed = useRequireLogin();
  const [params] = useState(pageParams);
  const stored = useAppStore((s) => s.currentOrgId);
  const setCurrentOrg = useAppStore((s) => s.setCurrentOrg);
  const knowsMyOrgs = useAppStore((s) => s.myOrgs.length > 0);
  const loadMyOrgs = useAppStore((s) => s.loadMyOrgs);
  const orgId = params.orgId || stored || '';

  useEffect(() => {
    if (orgId) setCurrentOrg(orgId);
  }, [orgId, setCurrentOrg]);

  // Opened from a link or after a reload: learn whether the user administers (for the tools).
  useEffect(() => {
    if (allowed && !knowsMyOrgs) void loadMyOrgs().catch(() => undefined);
  }, [allowed, knowsMyOrgs, loadMyOrgs]);

  const org = useAsync(allowed && orgId ? () => fetchOrg(orgId) : null, [allowed, orgId]);
  return { allowed, orgId, org, params };
}
