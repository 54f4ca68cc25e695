import { createHash } from 'node:crypto';
import type { RealNameResult, RealNameVerifier } from './types';

export interface RealNameSimulatorOptions {
  /** Share of first checks that fail (default 0.05, §4.2 "低于5%"). */
  failRate: number;
  /** Share of re-checks that pass (default 0.9). */
  recheckPassRate: number;
  /** ID numbers that fail every check, so E2E can reach offline verification. */
  alwaysFail?: string[];
}

/**
 * REALNAME_ADAPTER=simulator: deterministic — the answer is a function of (ID number,
 * attempt) through a hash mapped to [0, 1), so a given person fails or passes the same way
 * on every run and tests can pick rates of 0 or 1 for a certain outcome.
 */
export class RealNameSimulator implements RealNameVerifier {
  readonly kind = 'simulator' as const;
  private readonly alwaysFail: Set<string>;

  constructor(private readonly opts: RealNameSimulatorOptions) {
    this.alwaysFail = new Set((opts.alwaysFail ?? []).map((s) => s.toUpperCase()));
  }

  async verify(_name: string, idNumber: string, { attempt = 1 }: { attempt?: number } = {}): Promise<RealNameResult> {
    if (this.alwaysFail.has(idNumber.toUpperCase())) return 'fail';
    const x = createHash('sha256').update(`${idNumber.toUpperCase()}#${attempt}`).digest().readUInt32BE(0) / 2 ** 32;
    if (attempt <= 1) return x < this.opts.failRate ? 'fail' : 'pass';
    return x < this.opts.recheckPassRate ? 'pass' : 'fail';
  }
}
