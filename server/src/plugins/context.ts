import fp from 'fastify-plugin';
import type { Config } from '../env';
import { useSealKey } from '../db/schema/sealed';
import { createPii, type Pii } from '../lib/pii';

export interface Clock {
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    pii: Pii;
    /** The time every rule uses; tests swap it to move through deadlines. */
    clock: Clock;
  }
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * E2E only (ENABLE_TEST_ENDPOINTS): the system clock moved by an offset that POST /api/test/clock
 * sets, so a flow can step into a window or past a deadline without waiting. Never in
 * production: the test endpoints are off there.
 */
export class ShiftableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Moves "now" to `at`; null goes back to the real time. */
  set(at: Date | null): void {
    this.offsetMs = at ? at.getTime() - Date.now() : 0;
  }
}

export default fp<{ config: Config; clock?: Clock }>(
  async (app, opts) => {
    app.decorate('config', opts.config);
    useSealKey(opts.config.piiSecret);
    app.decorate('pii', createPii(opts.config.piiSecret));
    app.decorate('clock', opts.clock ?? (opts.config.enableTestEndpoints ? new ShiftableClock() : systemClock));
  },
  { name: 'context' },
);
