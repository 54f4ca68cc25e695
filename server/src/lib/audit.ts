import type { AuditAction } from '@tj/shared';
import type { DbOrTx } from '../db/client';
import { auditLogs } from '../db/schema';

export interface AuditEntry {
  actorUserId: number | null;
  orgId: number | null;
  /** Only codes with a label in shared's AuditActionLabels: the log shows every row in words. */
  action: AuditAction;
  targetType: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** §9: written in the same transaction as the change it records, so neither exists alone. */
export async function audit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await auditStatement(db, e);
}

/** audit's statement; the bench's raw side (scripts/bench) sends the same one. */
export const auditStatement = (db: DbOrTx, e: AuditEntry) =>
  db.insert(auditLogs).values({
    actorUserId: e.actorUserId,
    orgId: e.orgId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId == null ? null : String(e.targetId),
    before: e.before ?? null,
    after: e.after ?? null,
  });
