import { EntryProgressSchema, ProgressSummarySchema, StatsOverviewSchema, type EntryProgress, type ProgressSummary, type StatsOverview } from '@tj/shared';
import { api } from './api';

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

/** §8 the statistics page of an org's subtree (committee cadres). */
export const fetchStatsOverview = (orgId: string): Promise<StatsOverview> => api.get(`${orgPath(orgId)}/stats/overview`, StatsOverviewSchema);
/** The statistics as Excel: a plain GET (weapp downloadFile sends the bearer header). */
export const statsExportPath = (orgId: string) => `${orgPath(orgId)}/stats.xlsx`;

/** [004 §二(一)4] 录入进度 of an org's direct subordinates (any org below the admin's own). */
export const fetchEntryProgress = (orgId: string): Promise<EntryProgress> => api.get(`${orgPath(orgId)}/progress/entry`, EntryProgressSchema);
/** 下载录入情况. */
export const progressExportPath = (orgId: string) => `${orgPath(orgId)}/progress.xlsx`;
/** What is missing below the org, for the once-a-day prompt. */
export const fetchProgressSummary = (orgId: string): Promise<ProgressSummary> => api.get(`${orgPath(orgId)}/progress/summary`, ProgressSummarySchema);

/** The storage key remembering the day the prompt was shown for an org (client side, §004 once a day). */
export const progressPromptKey = (orgId: string) => `tj-progress-prompt:${orgId}`;
