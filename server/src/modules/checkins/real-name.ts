import { and, eq } from 'drizzle-orm';
import { MessagePages, nextRealNameStatus, type RealNameStatus } from '@tj/shared';
import type { RealNameVerifier } from '../../adapters/real-name/types';
import type { Db, DbOrTx } from '../../db/client';
import { checkins } from '../../db/schema';
import { audit } from '../../lib/audit';
import type { Pii } from '../../lib/pii';
import { recordVerifiedIdentity } from '../accounts/identity';
import { enqueue } from '../../jobs/queue';
import { postMessage } from '../inbox/messages';
import type { CheckinRow } from './view';

/**
 * §4.2 real-name verification runs as durable jobs, never inside the member's request:
 * submit enqueues attempt 1; a failure enqueues the automatic re-check (attempt 2) within
 * 24 h; the re-check's failure is final and leaves offline verification to the operator.
 * Every verification has a generation: answers for an older one are dropped.
 */
export const REAL_NAME_JOB = 'realName.verify';

export interface RealNamePayload {
  checkinId: number;
  generation: number;
  attempt: 1 | 2;
}

declare module '../../jobs/queue' {
  interface JobPayloads {
    [REAL_NAME_JOB]: RealNamePayload;
  }
}

/** What verifying `name` + ID is keyed by: unchanged identity keeps its result. */
export const realNameKey = (pii: Pii, name: string, idNumber: string) => pii.lookupHash(`${name}|${idNumber}`);

/**
 * The real-name columns for a (re)submission, and whether a new verification must start.
 * A passed or running check of the same name + ID is kept; anything else starts over.
 * A changed identity starts over even while an older check runs (its answer is dropped).
 */
export function realNameOnSubmit(row: Pick<CheckinRow, 'realNameStatus' | 'realNameKey' | 'realNameGeneration'>, key: string) {
  const current = row.realNameStatus;
  const sameIdentity = row.realNameKey === key;
  const keep = sameIdentity && (current === 'passed' || current === 'offlinePassed' || current === 'pending' || current === 'rechecking');
  if (keep) return { start: false as const };
  // A settled or absent check moves through the state machine; a running one of another identity is superseded.
  const t = nextRealNameStatus(current === 'pending' || current === 'rechecking' ? null : current, 'start');
  const status = t.ok ? t.status : 'pending';
  return {
    start: true as const,
    set: { realNameStatus: status, realNameGeneration: row.realNameGeneration + 1, realNameRechecked: false, realNameKey: key },
  };
}

export async function enqueueRealName(tx: DbOrTx, payload: RealNamePayload, runAt: Date) {
  await enqueue(tx, REAL_NAME_JOB, { ...payload }, runAt);
}

export interface RealNameDeps {
  db: Db;
  pii: Pii;
  verifier: RealNameVerifier;
  now: () => Date;
  recheckDelaySeconds: number;
}

/** The job handler: one verification attempt, recorded only if the check-in still waits for it. */
export async function runRealNameCheck(deps: RealNameDeps, p: RealNamePayload): Promise<void> {
  const { db } = deps;
  const [row] = await db
    .select()
    .from(checkins)
    .where(eq(checkins.id, Number(p.checkinId)));
  if (!row || row.realNameGeneration !== p.generation) return; // superseded by a resubmission
  const ours = and(eq(checkins.id, row.id), eq(checkins.realNameGeneration, p.generation));

  let running: RealNameStatus;
  if (p.attempt === 1) {
    if (row.realNameStatus !== 'pending') return;
    running = 'pending';
  } else if (row.realNameStatus === 'failed') {
    // Offline verification may have settled it first; then the re-check is refused and skipped.
    const t = nextRealNameStatus('failed', 'recheck', { rechecked: row.realNameRechecked });
    if (!t.ok) return;
    const [res] = await db
      .update(checkins)
      .set({ realNameStatus: t.status, realNameRechecked: true })
      .where(and(ours, eq(checkins.realNameStatus, 'failed')));
    if (res.affectedRows !== 1) return;
    running = t.status;
  } else if (row.realNameStatus === 'rechecking') {
    running = 'rechecking'; // taken over after a crash mid-check
  } else {
    return;
  }

  const name = typeof row.draft.name === 'string' ? row.draft.name : '';
  const result = await deps.verifier.verify(name, deps.pii.decrypt(row.idEnc), { attempt: p.attempt });
  const t = nextRealNameStatus(running, result === 'pass' ? 'pass' : 'fail');
  if (!t.ok) return;
  const now = deps.now();
  await db.transaction(async (tx) => {
    const [res] = await tx
      .update(checkins)
      .set({ realNameStatus: t.status })
      .where(and(ours, eq(checkins.realNameStatus, running)));
    if (res.affectedRows !== 1) return;
    // Issue 12: a passed check proves the account's identity (what roster lines may bind to it).
    if (t.status === 'passed') await recordVerifiedIdentity(tx, row.userId, row, now);
    await realNameMessage(tx, row, t.status, p.attempt);
    if (t.status === 'failed' && p.attempt === 1) {
      await enqueueRealName(tx, { checkinId: row.id, generation: p.generation, attempt: 2 }, new Date(now.getTime() + deps.recheckDelaySeconds * 1000));
    }
    await audit(tx, {
      actorUserId: null,
      orgId: row.branchId,
      action: 'checkin.realName',
      targetType: 'checkin',
      targetId: row.id,
      before: { realNameStatus: running },
      after: { realNameStatus: t.status, attempt: p.attempt },
    });
  });
}

/**
 * 站内信 with the verification's result, in its transaction: passed, or failed (a first failure
 * is re-checked automatically; after the second the branch may verify offline).
 */
async function realNameMessage(tx: DbOrTx, row: { id: number; userId: number; branchId: number }, status: RealNameStatus, attempt: number) {
  if (status !== 'passed' && status !== 'failed') return;
  await postMessage(tx, {
    to: row.userId,
    kind: status === 'passed' ? 'realName.passed' : 'realName.failed',
    title: status === 'passed' ? '实名核验已通过' : '实名核验未通过',
    body:
      status === 'passed'
        ? '您的实名核验已通过，请等待团支部审核。'
        : attempt === 1
          ? '您的实名核验未通过，系统将在24小时内自动复核；如信息有误，可撤回后修改。'
          : '您的实名核验复核仍未通过，请联系所在团支部进行线下核验。',
    orgId: row.branchId,
    route: MessagePages.status,
  });
}
