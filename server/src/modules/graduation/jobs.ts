import type { FastifyInstance } from 'fastify';
import { conversionInstant, conversionYearOn, todayInChina } from '@tj/shared';
import type { Db } from '../../db/client';
import { enqueueOnce } from '../../jobs/queue';
import { convertGraduates } from './service';

/**
 * The 6 月 1 日 conversion as a durable yearly job [004 §二(二)2(3)]. Each year's occurrence is one
 * row keyed 'graduation.convert:YYYY' (jobs.dedupe_key), so any number of instances and
 * restarts schedule it once; a run schedules the next year's. Catch-up: at start the latest
 * year whose 6 月 1 日 has come is scheduled too — already done, the key makes it a no-op; missed
 * (the server was down that day), its past run_at makes it run at once.
 */
export const JOB_GRADUATION = 'graduation.convert';

declare module '../../jobs/queue' {
  interface JobPayloads {
    [JOB_GRADUATION]: { year: number };
  }
}

export async function scheduleGraduation(db: Db, year: number) {
  await enqueueOnce(db, JOB_GRADUATION, { year }, conversionInstant(year), `${JOB_GRADUATION}:${year}`);
}

/** The current occurrence (catch-up) and the next one. */
export async function ensureGraduationSchedule(db: Db, now: Date) {
  const year = conversionYearOn(todayInChina(now));
  await scheduleGraduation(db, year);
  await scheduleGraduation(db, year + 1);
}

export function registerGraduationJobs(app: FastifyInstance) {
  app.jobs.register(JOB_GRADUATION, async (p) => {
    const result = await convertGraduates(app.db, p.year, app.clock.now());
    app.log.info({ year: p.year, ...result }, 'graduation conversion');
    await scheduleGraduation(app.db, p.year + 1);
  });
  // Only an instance that polls schedules (tests keep polling off and schedule by hand).
  if (app.config.jobsEnabled) app.addHook('onReady', async () => ensureGraduationSchedule(app.db, app.clock.now()));
}
