import type { OrgType } from '../enums';

/**
 * Size norms of 002 §二 and the entry standards of 004 (FAQ "完成录入的各项标准"). They describe
 * what is usual, not what is allowed: the product shows them as warnings and never refuses.
 */
export const SizeWarnings = {
  /** 002 §二(五) "团支部：团员人数一般在 3 人以上，30 人以下" */
  BRANCH_UNDER_3: '团支部团员人数一般在3人以上，本支部不足3人（004：团支部须录入至少3名团员团干部）',
  BRANCH_OVER_30: '团支部团员人数一般在30人以下，本支部已超过30人，可考虑分设团支部',
  /** 004 "团委、团工委、团总支完成团干部录入的标准：组织内录入的团干部数量至少 2 名" */
  CADRES_UNDER_2: '团委、团工委、团总支须录入至少2名团干部，本组织尚未达到录入标准',
} as const;
export type SizeWarning = keyof typeof SizeWarnings;

export const BRANCH_MEMBERS_MIN = 3;
export const BRANCH_MEMBERS_MAX = 30;
export const COMMITTEE_CADRES_MIN = 2;

/** The warnings for an org: `members` of a branch, `ownCadres` entered in the org's own roster. */
export function sizeWarnings(type: OrgType, counts: { members: number; ownCadres: number }): SizeWarning[] {
  if (type === 'branch') {
    if (counts.members < BRANCH_MEMBERS_MIN) return ['BRANCH_UNDER_3'];
    if (counts.members > BRANCH_MEMBERS_MAX) return ['BRANCH_OVER_30'];
    return [];
  }
  // 团的领导机关 have no count standard in 004, only complete personal data
  if (type === 'leadingOrgan') return [];
  return counts.ownCadres < COMMITTEE_CADRES_MIN ? ['CADRES_UNDER_2'] : [];
}
