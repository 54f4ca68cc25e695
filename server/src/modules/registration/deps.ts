import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client';

/** What the 两制 services need: the database and the clock (tests move it through windows). */
export interface TwoSystemsDeps {
  db: Db;
  now(): Date;
}

export const twoSystemsDeps = (app: FastifyInstance): TwoSystemsDeps => ({ db: app.db, now: () => app.clock.now() });
