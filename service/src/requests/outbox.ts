import type { RetryOrFail } from './github.js';

/** After this many attempts an outbox row is given up on (state failed) until the data team retries it. */
export const MAX_ATTEMPTS = 8;
/** A claimed row is not claimed again for this long (a replica that died mid-send frees it so). */
export const LEASE_MS = 5 * 60_000;
const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** Wait before attempt `attempts + 1`: 30 s, 1 min, 2 min, … at most one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** What becomes of an outbox row after a failed attempt: given up on, or due again later. */
export type AfterFailure = { state: 'failed'; error: string } | { state: 'queued'; error: string; next: Date };

/**
 * The same rule for every GitHub outbox row: a refusal for good, or the MAX_ATTEMPTS-th failure,
 * gives up; anything else is tried again after the backoff, and never before GitHub said to.
 */
export function afterFailure(outcome: RetryOrFail, attempts: number, now: Date): AfterFailure {
  if (outcome.kind === 'failed') return { state: 'failed', error: outcome.error };
  if (attempts >= MAX_ATTEMPTS) return { state: 'failed', error: `gave up after ${attempts} attempts; last: ${outcome.error}` };
  return { state: 'queued', error: outcome.error, next: new Date(Math.max(now.getTime() + backoffMs(attempts), outcome.notBefore?.getTime() ?? 0)) };
}
