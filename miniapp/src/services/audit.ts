import { AuditListSchema, Positions, isKeyOf } from '@tj/shared';
import type { z } from 'zod';
import { http } from './http';

export type AuditPage = z.infer<typeof AuditListSchema>;
export type AuditItem = AuditPage['items'][number];

/** §9 操作日志 of an org and its subtree, newest first, a page at a time. */
export async function fetchAudit(orgId: string, cursor?: string | null, limit = 20): Promise<AuditPage> {
  const { data } = await http.get<unknown>(`/orgs/${encodeURIComponent(orgId)}/audit`, {
    params: { limit, ...(cursor ? { cursor } : {}) },
  });
  return AuditListSchema.parse(data);
}

/** The server's action codes in the documents' words. */
export const AuditActions: Record<string, string> = {
  'org.create': '新建下级组织',
  'org.update': '修改组织信息',
  'org.delete': '删除下级组织',
  'org.import': '批量导入下级组织',
  'adminCode.issue': '生成管理员注册码',
  'adminCode.export': '导出管理员注册码',
  'admin.register': '管理员注册',
  'admin.set': '设置组织管理员',
  'roster.add': '录入团干部',
  'roster.update': '修改团干部信息',
  'roster.remove': '移出团干部名册',
  'roster.import': '批量导入团干部',
  'cadre.confirm': '团干部确认入驻信息',
  'cadre.decline': '团干部表示名册信息不是本人',
  'alias.set': '设置代称',
};

export const auditActionLabel = (action: string): string => AuditActions[action] ?? action;

/** '2025-11-21T08:05:00.000Z' → '2025-11-21 16:05' in China time (UTC+8, no DST). */
export function formatChinaTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** A one-line summary of what changed, from the after/before snapshots when they are objects. */
export function auditSummary(item: AuditItem): string {
  const snap = (item.after ?? item.before) as Record<string, unknown> | null | undefined;
  if (!snap || typeof snap !== 'object') return '';
  const pick = ['shortName', 'name', 'orgName', 'alias', 'imported', 'isAdmin', 'position'];
  const parts: string[] = [];
  for (const key of pick) {
    const v = snap[key];
    if (key === 'position') {
      if (isKeyOf(Positions, v)) parts.push(Positions[v]);
    } else if (typeof v === 'string' && v) parts.push(v);
    else if (key === 'imported' && typeof v === 'number') parts.push(`共${v}条`);
    else if (key === 'isAdmin' && typeof v === 'boolean') parts.push(v ? '设为管理员' : '取消管理员');
  }
  return parts.slice(0, 2).join(' · ');
}
