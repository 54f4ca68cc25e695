import { z } from 'zod';

export const RefreshRequestSchema = z.object({ refreshToken: z.string().min(1, 'REQUIRED').max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['up', 'down']),
  /** Issue 19: the database node (`host:port`) this instance uses, and Galera's wsrep_ready there (null: not Galera). */
  dbNode: z.string().optional(),
  wsrepReady: z.boolean().nullable().optional(),
});
export type Health = z.infer<typeof HealthSchema>;
