import { z } from 'zod';
import { OrgSummarySchema } from './org-api';

/** One bar / slice of a statistics chart: a key, its Chinese label and the count. */
export const StatCountSchema = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export type StatCount = z.infer<typeof StatCountSchema>;

/** The response of GET /orgs/:orgId/stats (§8): members who left (membership not 正常) are never counted. */
export const SubtreeStatsSchema = z.object({
  orgId: z.string(),
  /** Check-ins counting as approved (§4.2, an edit waiting or returned included). */
  members: z.number().int(),
  /** Every check-in by state; `draft` = saved but never submitted. */
  checkins: z.array(StatCountSchema),
  gender: z.array(StatCountSchema),
  /** By age reached this year (birth years are what is counted). */
  ageBands: z.array(StatCountSchema),
  /** 民族, groups with members only, most first. */
  ethnicity: z.array(StatCountSchema),
  /** 最高学历. */
  education: z.array(StatCountSchema),
  /** §3.4 entry progress of the orgs below this one. */
  progress: z.object({
    orgsBelow: z.number().int(),
    branches: z.number().int(),
    emptyBranches: z.number().int(),
    adminLoggedIn: z.number().int(),
    infoComplete: z.number().int(),
    hasSubOrgs: z.number().int(),
  }),
});
export type SubtreeStats = z.infer<typeof SubtreeStatsSchema>;

/**
 * The statistics page (GET /orgs/:orgId/stats/overview): the counters above plus 新发展团员
 * by 入团年份 (certified only, [004 FAQ (iii)(iv)]) and transfers in / out this year, and one
 * row per direct sub-org for the drill-down.
 */
export const StatsOverviewSchema = SubtreeStatsSchema.extend({
  year: z.number().int(),
  /** 新发展团员 of `year` (certified e-archive; joins before 2020 need none). */
  newMembersThisYear: z.number().int(),
  /** 新发展团员 per 入团年份 since 2020, certified only. */
  newMembers: z.array(StatCountSchema),
  /** 转入 / 转出 this year at the branches of the subtree (moves inside it count on both sides). */
  transfers: z.array(StatCountSchema),
  children: z.array(z.object({ org: OrgSummarySchema, members: z.number().int(), branches: z.number().int() })),
});
export type StatsOverview = z.infer<typeof StatsOverviewSchema>;

/** 录入进度 per sub-org [004 §二(一)4], any depth (the list is of `orgId`'s direct subordinates). */
export const EntryProgressRowSchema = z.object({
  org: OrgSummarySchema,
  adminName: z.string().nullable(),
  /** masked (§9) */
  adminPhone: z.string().nullable(),
  /** registered = an admin account; codeValid = a code in force not used; codeExpired = issued, expired; none = never issued */
  codeState: z.enum(['registered', 'codeValid', 'codeExpired', 'none']),
  members: z.number().int(),
  cadres: z.number().int(),
  branches: z.number().int(),
  emptyBranches: z.number().int(),
  branchesWithoutCadres: z.number().int(),
  /** orgs of the subtree (the org itself included) whose info is complete / all of them */
  infoComplete: z.number().int(),
  orgs: z.number().int(),
  hasSubOrgs: z.boolean(),
});
export type EntryProgressRow = z.infer<typeof EntryProgressRowSchema>;
export const EntryProgressSchema = z.object({ org: OrgSummarySchema, total: EntryProgressRowSchema.omit({ org: true }), rows: z.array(EntryProgressRowSchema) });
export type EntryProgress = z.infer<typeof EntryProgressSchema>;
export const CodeStates = { registered: '已注册', codeValid: '注册码有效', codeExpired: '注册码已过期', none: '未生成注册码' } as const;

/** The once-a-day prompt of an admin whose subtree is incomplete (null when complete). */
export const ProgressSummarySchema = z.object({
  incomplete: z.boolean(),
  emptyBranches: z.number().int(),
  branchesWithoutCadres: z.number().int(),
  infoIncomplete: z.number().int(),
  withoutAdmin: z.number().int(),
  message: z.string().nullable(),
});
export type ProgressSummary = z.infer<typeof ProgressSummarySchema>;

/** The last statistics reconcile (ops / the province admin read it). */
export const StatsReconcileSchema = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      ranAt: z.string(),
      branchesChecked: z.number().int(),
      branchesDrifted: z.number().int(),
      /** up to 50 drifted branches with the columns that differed (kept → rebuilt) */
      drift: z.array(z.object({ branchId: z.string(), columns: z.record(z.string(), z.tuple([z.number(), z.number()])) })),
    }),
  ),
});
export type StatsReconcile = z.infer<typeof StatsReconcileSchema>;
