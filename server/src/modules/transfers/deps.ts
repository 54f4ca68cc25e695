import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ExternalLeagueSystem } from '../../adapters/external-system/types';
import type { Notifier } from '../../adapters/notify/types';
import type { Storage } from '../../adapters/storage/types';
import type { Db } from '../../db/client';
import type { Pii } from '../../lib/pii';

/**
 * What the transfer services use, passed explicitly instead of the whole Fastify instance:
 * a test or a job can build one from parts, and a service's signature says what it touches.
 */
export interface TransferDeps {
  db: Db;
  pii: Pii;
  notifier: Notifier;
  externalSystem: ExternalLeagueSystem;
  storage: Storage;
  /** [003 §四] per-system secrets of inbound requests. */
  inboundSecrets: Record<string, string>;
  log: FastifyBaseLogger;
  /** The injected clock (tests move it). */
  now: () => Date;
}

/** What the after-commit notifications need (jobs pass their app, which has these too). */
export type NotifyDeps = Pick<TransferDeps, 'db' | 'notifier' | 'log'>;

export function transferDeps(app: FastifyInstance): TransferDeps {
  return {
    db: app.db,
    pii: app.pii,
    notifier: app.notifier,
    externalSystem: app.externalSystem,
    storage: app.storage,
    inboundSecrets: app.config.externalInboundSecrets,
    log: app.log,
    now: () => app.clock.now(),
  };
}
