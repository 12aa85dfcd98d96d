import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { issueFor } from './github-issue.js';
import type { IssueUpdater } from './github-updates.js';
import type { IssueOpener, OpenOutcome } from './github.js';
import { MirrorUpdates } from './mirror-updates.js';
import { afterFailure, LEASE_MS } from './outbox.js';
import { readRequest } from './store.js';

export { backoffMs, LEASE_MS, MAX_ATTEMPTS } from './outbox.js';
export const DEFAULT_INTERVAL_MS = 30_000;
const MAX_PER_PASS = 50;

interface Claimed {
  request_id: number;
  repo: string;
  attempts: number;
  /** An attempt before this one failed or was cut short: it may have opened the issue after all. */
  tried_before: boolean;
}

/** How far back a lost issue is looked for: it was updated after the request was saved, give or take the clocks. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * The GitHub mirror's outbox sender. A request is saved first (with its queued outbox row, in one
 * transaction), so GitHub being down never loses it; this loop opens the issue later, then sends
 * the request's later events to it (MirrorUpdates). Due rows are claimed one at a time by pushing
 * `next_attempt` a lease ahead (SKIP LOCKED), so replicas sharing the database never send the
 * same row at once. Runs every interval and when kicked (a new request, a status change or
 * comment, an admin's retry).
 */
export class MirrorSender {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly updates: MirrorUpdates;

  constructor(
    private readonly db: Database,
    private readonly github: IssueOpener & IssueUpdater,
    private readonly logger: FastifyBaseLogger,
    private readonly now: () => Date = () => new Date(),
    private readonly intervalMs = DEFAULT_INTERVAL_MS
  ) {
    this.updates = new MirrorUpdates(db, github, logger, now);
  }

  start(): void {
    this.stopped = false;
    this.timer ??= setInterval(() => this.kick(), this.intervalMs).unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.settled();
  }

  /** Sends what is due soon, without waiting for the interval. */
  kick(): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = this.passes().finally(() => (this.running = null));
  }

  /** Resolves when no pass is running (tests; shutdown). */
  async settled(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  private async passes(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.sendDue();
      } catch (error) {
        this.logger.error({ err: error, event: 'requests-mirror' }, 'dataset request mirror pass failed');
      }
    } while (this.again && !this.stopped);
  }

  /** Opens every due issue, then sends every due update of an open one (at most 50 each per pass); returns how many were tried. */
  async sendDue(): Promise<number> {
    const issues = await this.openDue();
    let updates = 0;
    while (updates < MAX_PER_PASS && !this.stopped && (await this.updates.sendNext())) updates++;
    return issues + updates;
  }

  /** Opens due issues; a retried one is looked for first, so an issue whose answer was lost is not opened twice. */
  private async openDue(): Promise<number> {
    let tried = 0;
    while (tried < MAX_PER_PASS && !this.stopped) {
      const now = this.now();
      const [claimed] = await this.db.query<Claimed>(
        `UPDATE dataset_request_mirror SET next_attempt = $2, attempts = attempts + 1, updated = $1
         WHERE request_id = (SELECT request_id FROM dataset_request_mirror WHERE state = 'queued' AND next_attempt <= $1
                             ORDER BY next_attempt, request_id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING request_id, repo, attempts, (attempts > 1 OR last_error IS NOT NULL) AS tried_before`,
        [now, new Date(now.getTime() + LEASE_MS)]
      );
      if (claimed === undefined) break;
      tried++;
      await this.send(claimed);
    }
    return tried;
  }

  private async send({ request_id: id, repo, attempts, tried_before: triedBefore }: Claimed): Promise<void> {
    const request = await readRequest(this.db, id);
    if (request === null) return;
    const [owner, name] = repo.split('/');
    const content = issueFor(request);
    let outcome: OpenOutcome | null = null;
    if (triedBefore) {
      const found = await this.github.findIssue(owner, name, content, new Date(Date.parse(request.created) - CLOCK_SKEW_MS));
      outcome = found.kind !== 'found' ? found : found.issue === null ? null : { kind: 'sent', ...found.issue };
    }
    outcome ??= await this.github.open(owner, name, content);
    const now = this.now();
    if (outcome.kind === 'sent') {
      await this.db.query(
        `UPDATE dataset_request_mirror SET state = 'sent', issue_number = $2, issue_url = $3, last_error = NULL, updated = $4 WHERE request_id = $1`,
        [id, outcome.number, outcome.url, now]
      );
      this.logger.info({ event: 'requests-mirror', request: id, issue: outcome.number }, `dataset request ${id} opened as ${repo}#${outcome.number}`);
      return;
    }
    const after = afterFailure(outcome, attempts, now);
    if (after.state === 'failed') {
      await this.db.query(`UPDATE dataset_request_mirror SET state = 'failed', last_error = $2, updated = $3 WHERE request_id = $1`, [id, after.error, now]);
      this.logger.warn({ event: 'requests-mirror', request: id, attempts }, `dataset request ${id} not mirrored: ${after.error}`);
      return;
    }
    await this.db.query(`UPDATE dataset_request_mirror SET last_error = $2, next_attempt = $3, updated = $4 WHERE request_id = $1`, [id, after.error, after.next, now]);
    this.logger.warn({ event: 'requests-mirror', request: id, attempts, next: after.next.toISOString() }, `dataset request ${id}: ${after.error}; trying again later`);
  }

  /**
   * The data team's "try again": the request's issue, if not open yet, and its updates not sent
   * yet become due now with a fresh attempt count. False when there is nothing to retry.
   */
  async retry(id: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE dataset_request_mirror SET state = 'queued', attempts = 0, next_attempt = $2, updated = $2 WHERE request_id = $1 AND state <> 'sent' RETURNING request_id`,
      [id, this.now()]
    );
    const updates = await this.updates.retry(id);
    this.kick();
    return rows.length > 0 || updates;
  }
}
