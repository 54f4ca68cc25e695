import { TaskCountsSchema, TaskListSchema, type TaskCounts, type TaskItem } from '@tj/shared';
import { Routes, withQuery } from '../routes';
import { api } from './api';

/**
 * 操作中心 (§1): what waits for the current org, oldest first, and the counters for the
 * cadre home. Each task names a page kind + params; `taskUrl` maps it to our pages.
 */
export type { TaskCounts, TaskItem };

export async function fetchTasks(orgId: string, limit = 50) {
  return api.get(`/orgs/${encodeURIComponent(orgId)}/tasks`, TaskListSchema, { limit });
}

export async function fetchTaskCounts(orgId: string): Promise<TaskCounts> {
  return api.get(`/orgs/${encodeURIComponent(orgId)}/tasks/counts`, TaskCountsSchema);
}

/** The page a task opens; null for kinds without a mobile page yet (管理员变更审批). */
export function taskUrl(task: Pick<TaskItem, 'link'>): string | null {
  const p = task.link.params;
  switch (task.link.page) {
    case 'checkin-review':
      return withQuery(Routes.cadreReview, { orgId: p.orgId, checkinId: p.checkinId });
    case 'transfer-review':
      return withQuery(Routes.cadreTransfer, { orgId: p.orgId, transferId: p.transferId });
    case 'transfer-appeal':
      return withQuery(Routes.cadreTransfer, { orgId: p.orgId, appealId: p.appealId });
    case 'archive-approval':
      return withQuery(Routes.adminArchiveApprovals, { orgId: p.orgId });
    default:
      return null;
  }
}
