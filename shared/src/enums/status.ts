/** §4.2 check-in (auditStatus); codes in `CheckinStatusCodes` mirror §10. */
export const CheckinStatuses = {
  withdrawn: '报到被撤回',
  submitted: '报到待审核',
  returned: '报到被退回',
  approved: '审核通过',
  editSubmitted: '修改资料待审核',
  editReturned: '修改资料被退回',
  /** Issue 15 item 8: left for another League system (domain/transferred-out.ts). */
  transferredOut: '已转出',
} as const;
export type CheckinStatus = keyof typeof CheckinStatuses;

export const CheckinStatusCodes = {
  withdrawn: 0,
  submitted: 1,
  returned: 2,
  approved: 3,
  editSubmitted: 4,
  editReturned: 5,
  transferredOut: 6,
} as const satisfies Record<CheckinStatus, number>;

/** §4.2 real-name verification (isRealName); codes in `RealNameStatusCodes` mirror §10. */
export const RealNameStatuses = {
  pending: '校验中',
  passed: '通过',
  failed: '校验失败',
  offlinePassed: '线下验证通过',
  rechecking: '校验中（复核）',
} as const;
export type RealNameStatus = keyof typeof RealNameStatuses;

export const RealNameStatusCodes = {
  passed: 10,
  pending: 1,
  failed: 2,
  offlinePassed: 3,
  rechecking: 4,
} as const satisfies Record<RealNameStatus, number>;
