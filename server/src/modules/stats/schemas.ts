import { z } from 'zod';

/*
 * The response contract of GET /orgs/:orgId/stats. It belongs in shared/src/schemas with the
 * other contracts once the mini-program shows it; it lives here while only the API has it.
 */
const CountSchema = z.object({ key: z.string(), label: z.string(), count: z.number().int() });

export const SubtreeStatsSchema = z.object({
  orgId: z.string(),
  /** Check-ins counting as approved (§4.2, an edit waiting or returned included). */
  members: z.number().int(),
  /** Every check-in by state; `draft` = saved but never submitted. */
  checkins: z.array(CountSchema),
  gender: z.array(CountSchema),
  /** By age reached this year (birth years are what is counted). */
  ageBands: z.array(CountSchema),
  /** 民族, groups with members only, most first. */
  ethnicity: z.array(CountSchema),
  /** 最高学历. */
  education: z.array(CountSchema),
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
