/** §4.2 the citizen identity check: does this name belong to this ID number? */
export type RealNameResult = 'pass' | 'fail';

export interface RealNameVerifier {
  readonly kind: 'real' | 'simulator';
  /**
   * `attempt` is 1 for the check at submission, 2 for the automatic re-check. A thrown
   * error means "no answer" (provider down): the job retries later, nothing changes.
   */
  verify(name: string, idNumber: string, opts?: { attempt?: number }): Promise<RealNameResult>;
}
