import type { FastifyInstance } from 'fastify';
import { todayInChina } from '@tj/shared';
import type { Db } from '../../db/client';
import { enqueueOnce } from '../../jobs/queue';
import { ageOutMembers } from './service';

/**
 * 满28周岁离团 as a durable daily job: one row per day keyed 'membership.ageOut:YYYY-MM-DD', due
 * at 00:00 in China; each run schedules the next day. It runs for the later of its own day
 * and today, so after downtime one run catches up every missed birthday.
 */
export const JOB_AGE_OUT = 'membership.ageOut';

declare module '../../jobs/queue' {
  interface JobPayloads {
    [JOB_AGE_OUT]: { day: string };
  }
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const startOf = (day: string) => new Date(`${day}T00:00:00+08:00`);

export async function scheduleAgeOut(db: Db, day: string) {
  await enqueueOnce(db, JOB_AGE_OUT, { day }, startOf(day), `${JOB_AGE_OUT}:${day}`);
}

export function registerMembershipJobs(app: FastifyInstance) {
  app.jobs.register(JOB_AGE_OUT, async (p) => {
    const now = app.clock.now();
    const today = todayInChina(now);
    const day = p.day > today ? p.day : today;
    const result = await ageOutMembers(app.db, day, now);
    if (result.left > 0) app.log.info({ day, ...result }, 'members aged out');
    await scheduleAgeOut(app.db, nextDay(day));
  });
  if (app.config.jobsEnabled) app.addHook('onReady', async () => scheduleAgeOut(app.db, todayInChina(app.clock.now())));
}
