import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { JobQueue, type JobHandler } from './queue';

export interface Jobs {
  register<K extends string>(kind: K, handler: JobHandler<K>): void;
  /** Something was just enqueued for now: poll at once instead of at the next tick. */
  kick(): void;
  readonly queue: JobQueue;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs;
  }
}

/**
 * The job runner of this instance. With JOBS_ENABLED the poller starts when the app is
 * ready and stops (letting the running batch finish) when it closes; without it (tests)
 * jobs run only through `runDueJobs`.
 */
export default fp(
  async (app) => {
    const queue = new JobQueue(app.db, app.log, { leaseSeconds: app.config.jobsLeaseSeconds });
    const enabled = app.config.jobsEnabled;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> | null = null;
    let again = false;
    let stopped = !enabled;

    const schedule = (ms: number) => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(tick, ms);
      timer.unref();
    };

    function tick() {
      timer = null;
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = queue
        .runDue(() => app.clock.now())
        .then(
          () => undefined,
          (err) => app.log.error({ err }, 'job poller failed'),
        )
        .finally(() => {
          running = null;
          const next = again ? 0 : app.config.jobsPollIntervalMs;
          again = false;
          schedule(next);
        });
    }

    app.decorate('jobs', {
      queue,
      register: (kind, handler) => queue.register(kind, handler),
      kick: () => {
        if (!stopped) schedule(0);
      },
    } satisfies Jobs);

    app.addHook('onReady', async () => {
      if (enabled) schedule(0);
    });
    app.addHook('preClose', async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    });
  },
  { name: 'jobs', dependencies: ['db', 'context'] },
);

/** Runs every job due at `now` (default: the app's clock) in this app; for tests and scripts. */
export async function runDueJobs(app: FastifyInstance, now?: Date): Promise<number> {
  return app.jobs.queue.runDue(() => now ?? app.clock.now());
}
