// The contract moved to shared/src/schemas/stats-api.ts (the mini-program shows it).
export { SubtreeStatsSchema, type SubtreeStats } from '@tj/shared';
