import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import type { MyOrg } from '@tj/shared';
import { useAsync } from '../hooks/use-async';
import { usePageParams } from '../hooks/use-page-params';
import { useRequireLogin } from '../hooks/use-require-login';
import { Routes } from '../routes';
import { useAppStore } from '../stores';

export interface CadreOrgContext {
  allowed: boolean;
  params: Record<string, string | undefined>;
  /** The org every call of the page names in its path: ?orgId=, else the current one. */
  orgId: string;
  /** My position etc. in it (GET /me/orgs), once known. */
  org: MyOrg | null;
}

/**
 * §6.5 the org a cadre page is about. Unlike a fallback to "some org of mine", a page never
 * shows another org than the one named: no org at all sends the cadre to the chooser, and a
 * URL naming another org than the current one is a switch (the previous org's cache goes).
 */
export function useCadreOrg(): CadreOrgContext {
  const allowed = useRequireLogin();
  const params = usePageParams();
  const stored = useAppStore((s) => s.currentOrgId);
  const myOrgs = useAppStore((s) => s.myOrgs);
  const loadMyOrgs = useAppStore((s) => s.loadMyOrgs);
  const switchCadreOrg = useAppStore((s) => s.switchCadreOrg);
  const orgs = useAsync(allowed ? loadMyOrgs : null, [allowed]);
  const orgId = params.orgId || stored || '';
  const org = (orgs.data ?? myOrgs).find((o) => o.id === orgId) ?? null;

  useEffect(() => {
    if (!allowed) return;
    if (!orgId) void Taro.redirectTo({ url: Routes.cadreOrgs });
    else if (orgId !== stored) switchCadreOrg(orgId);
  }, [allowed, orgId, stored, switchCadreOrg]);

  return { allowed, params, orgId, org };
}
