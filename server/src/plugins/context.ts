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

export default fp<{ config: Config; clock?: Clock }>(async (app, opts) => {
  app.decorate('config', opts.config);
  useSealKey(opts.config.piiSecret);
  app.decorate('pii', createPii(opts.config.piiSecret));
  app.decorate('clock', opts.clock ?? systemClock);
}, { name: 'context' });
