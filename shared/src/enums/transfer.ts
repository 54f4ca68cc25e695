/** §7.1 the two directions of a member-initiated transfer [003]. */
export const TransferDirections = {
  inProvince: '转至广东省内的团支部',
  outOfProvince: '转至省外',
} as const;
export type TransferDirection = keyof typeof TransferDirections;

/** §7.1 转出原因 [004 §二(三)3]; 其他 is explained in the remarks. */
export const TransferReasons = {
  furtherStudy: '升学',
  employed: '就业（已落实工作单位）',
  enlisted: '参军入伍',
  unemployed: '未就业（转回户籍地/居住地）',
  studyAbroad: '出国（境）学习研究',
  workAbroad: '出国（境）工作',
  dropout: '退学',
  jobTransfer: '工作调动',
  other: '其他',
} as const;
export type TransferReason = keyof typeof TransferReasons;

/**
 * §7.2–7.4 the life of a transfer. `awaitingExternal` = 等待转入系统确认 (cross-system,
 * after the out-org approved); `expired` = returned automatically after 10 days.
 */
export const TransferStatuses = {
  pendingOut: '待转出组织审核',
  pendingIn: '待转入组织审核',
  awaitingExternal: '等待转入系统确认',
  completed: '转接成功',
  rejected: '已退回',
  expired: '超时未处理，已自动退回',
  withdrawn: '已撤回',
  /** §10 申诉: a returned transfer whose appeal waits for the returning org's direct superior. */
  appealing: '申诉待审核',
} as const;
export type TransferStatus = keyof typeof TransferStatuses;

/** How a transfer started (§7.1, §7.3). */
export const TransferKinds = {
  memberApplied: '团员申请',
  orgTransferIn: '办理转入',
  orgTransferOut: '办理转出',
  batch: '批量接转',
} as const;
export type TransferKind = keyof typeof TransferKinds;
