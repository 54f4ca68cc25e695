import { eq, sql, type SQL } from 'drizzle-orm';
import type { MemberFilters } from '@tj/shared';
import { checkins } from '../../db/schema';

/**
 * 001 annex 2 (the real client filters "我的团员" by 审核状态 and 学历): the conditions of a
 * cadre's member and review lists. 学历 is read from the form data the list is about — the
 * data in force for members, the data sent for review in the review queue.
 */
export function memberFilterConds(f: MemberFilters, data: 'approvedData' | 'draft'): SQL[] {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(checkins.status, f.status));
  if (f.realName) conds.push(eq(checkins.realNameStatus, f.realName));
  if (f.branchId) conds.push(eq(checkins.branchId, Number(f.branchId)));
  if (f.education) conds.push(sql`json_unquote(json_extract(${checkins[data]}, '$.highestEducation')) = ${f.education}`);
  return conds;
}

export const hasFilters = (f: MemberFilters) => Boolean(f.status || f.realName || f.branchId || f.education);
