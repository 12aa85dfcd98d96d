import type { Dashboard } from '../api/tutorials-schemas.js';
import type { Queryable } from '../db/database.js';
import { dashboardOf } from './dashboard.js';
import { readOwnSession, sessionVersion } from './sessions.js';

/** How often a waiting dashboard re-reads its session's version (changes made by other replicas). */
export const DATABASE_POLL_MS = 500;
export const LONGEST_WAIT_S = 25;
/**
 * Dashboards of one session are built at most this often per process while changes pour in (a
 * class checking at once): a waiting instructor gets the next one this long after the last, with
 * every update made meanwhile, instead of one rebuild per update.
 */
export const MIN_BUILD_INTERVAL_MS = 200;

/**
 * Wakes long-polling dashboards of this process at once when a session changes here. A cache of
 * nothing: other replicas' changes reach the waiters through the database within DATABASE_POLL_MS.
 */
export class SessionChanges {
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly counts = new Map<string, number>();

  /** Set when the server closes: waits end at once so that closing never waits 25 s. */
  closed = false;

  close(): void {
    this.closed = true;
    const all = [...this.waiters.values()];
    this.waiters.clear();
    all.forEach((set) => set.forEach((wake) => wake()));
  }

  notify(codes: readonly string[]): void {
    for (const code of codes) {
      this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
      const waiting = this.waiters.get(code);
      this.waiters.delete(code);
      waiting?.forEach((wake) => wake());
    }
  }

  private readonly builtAt = new Map<string, number>();

  /** Milliseconds to hold a dashboard of code back so builds stay MIN_BUILD_INTERVAL_MS apart. */
  holdBack(code: string, now = performance.now()): number {
    const last = this.builtAt.get(code);
    return last === undefined ? 0 : Math.max(0, last + MIN_BUILD_INTERVAL_MS - now);
  }

  built(code: string, now = performance.now()): void {
    if (this.builtAt.size > 10_000) {
      this.builtAt.clear();
    }
    this.builtAt.set(code, now);
  }

  /** Resolves after ms, or at once on abort or close (no session is named "", so none wakes it). */
  pause(ms: number, signal: AbortSignal): Promise<void> {
    return this.wait('', this.count(''), ms, signal);
  }

  /** Changes notified so far for code; a wait started with an older count returns at once. */
  count(code: string): number {
    return this.counts.get(code) ?? 0;
  }

  /** Resolves on a change of code after `seen`, after ms, or when signal aborts. */
  wait(code: string, seen: number, ms: number, signal: AbortSignal): Promise<void> {
    if (this.count(code) !== seen || signal.aborted || this.closed) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.get(code)?.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      const set = this.waiters.get(code) ?? new Set();
      set.add(done);
      this.waiters.set(code, set);
    });
  }
}

/**
 * The dashboard once its version is newer than `after` (at once when it already is, or when
 * `after` is undefined), else after `waitSeconds` the current one. Access is checked first.
 */
export async function waitForDashboard(
  db: Queryable,
  changes: SessionChanges,
  code: string,
  user: string,
  after: number | undefined,
  waitSeconds: number,
  signal: AbortSignal
): Promise<Dashboard> {
  const { version: initialVersion, ...session } = await readOwnSession(db, code, user);
  const deadline = Date.now() + waitSeconds * 1000;
  for (let first = true; ; first = false) {
    const seen = changes.count(session.code);
    const version = first ? initialVersion : await sessionVersion(db, session.code);
    const left = deadline - Date.now();
    const stop = left <= 0 || signal.aborted || changes.closed;
    if (after === undefined || version > after || stop) {
      const hold = after === undefined || stop ? 0 : changes.holdBack(session.code);
      if (hold > 0) {
        await changes.pause(hold, signal);
      }
      changes.built(session.code);
      // Read again: the session may have ended meanwhile; its version is the one the data is at or after.
      const { version: current, ...fresh } = first && hold === 0 ? { version, ...session } : await readOwnSession(db, session.code, user);
      return dashboardOf(db, fresh, current);
    }
    await changes.wait(session.code, seen, Math.min(DATABASE_POLL_MS, left), signal);
  }
}
