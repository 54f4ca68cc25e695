import { AuditListSchema, auditActionLabel, auditSummary, chinaDateTime } from '@tj/shared';
import type { z } from 'zod';
import { api } from './api';
import { OrgFieldLabels } from '../labels/org';

export type AuditPage = z.infer<typeof AuditListSchema>;
export type AuditItem = AuditPage['items'][number];

/** §9 操作日志 of an org and its subtree, newest first, a page at a time. */
export async function fetchAudit(orgId: string, cursor?: string | null, limit = 20): Promise<AuditPage> {
  return api.get(`/orgs/${encodeURIComponent(orgId)}/audit`, AuditListSchema, { limit, ...(cursor ? { cursor } : {}) });
}

/** '2025-11-21T08:05:00.000Z' → '2025-11-21 16:05' in China time (the rule lives in shared/). */
export const formatChinaTime = chinaDateTime;

/** One line: what happened to whom (the rule and the labels live in shared/). */
export const auditLine = (item: AuditItem): string => auditSummary(item, OrgFieldLabels);

export { auditActionLabel };
