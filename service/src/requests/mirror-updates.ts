import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { updateFor } from './github-comment.js';
import type { IssueRef, IssueUpdater, PostedComment } from './github-updates.js';
import type { RetryOrFail } from './github.js';
import { afterFailure, LEASE_MS } from './outbox.js';
import { eventById } from './store.js';

interface Claimed {
  event_id: number;
  request_id: number;
  attempts: number;
  /** An attempt before this one failed or was cut short: it may have posted the comment after all. */
  tried_before: boolean;
  close_reason: 'completed' | 'not_planned' | null;
  comment_id: number | null;
  repo: string;
  issue_number: number;
}

/**
 * The second half of the GitHub mirror's outbox: status changes and data-team comments of
 * requests whose issue exists, as comments on it (done and declined then close it). Per request
 * one event at a time, in event order: a row is only claimed when every earlier row of its request
 * is sent, so a waiting or failed one holds the later ones back (also across replicas). A comment
 * whose answer was lost is looked up before it is posted again, and its id is saved before the
 * issue is closed, so a retry never posts it twice.
 */
export class MirrorUpdates {
  constructor(
    private readonly db: Database,
    private readonly github: IssueUpdater,
    private readonly logger: FastifyBaseLogger,
    private readonly now: () => Date
  ) {}

  /** Claims and sends the next due update; false when none is due. */
  async sendNext(): Promise<boolean> {
    const now = this.now();
    const [claimed] = await this.db.query<Claimed>(
      `WITH next AS (
         SELECT u.event_id FROM dataset_request_mirror_updates u JOIN dataset_request_mirror m ON m.request_id = u.request_id
         WHERE u.state = 'queued' AND u.next_attempt <= $1 AND m.state = 'sent'
           AND NOT EXISTS (SELECT 1 FROM dataset_request_mirror_updates p WHERE p.request_id = u.request_id AND p.event_id < u.event_id AND p.state <> 'sent')
         ORDER BY u.next_attempt, u.event_id LIMIT 1 FOR UPDATE OF u SKIP LOCKED)
       UPDATE dataset_request_mirror_updates u SET next_attempt = $2, attempts = u.attempts + 1, updated = $1
       FROM next, dataset_request_mirror m
       WHERE u.event_id = next.event_id AND m.request_id = u.request_id
       RETURNING u.event_id, u.request_id, u.attempts, (u.attempts > 1 OR u.last_error IS NOT NULL) AS tried_before,
         u.close_reason, u.comment_id, m.repo, m.issue_number`,
      [now, new Date(now.getTime() + LEASE_MS)]
    );
    if (claimed === undefined) return false;
    await this.send(claimed);
    return true;
  }

  private async send(claimed: Claimed): Promise<void> {
    const [owner, repo] = claimed.repo.split('/');
    const issue: IssueRef = { owner, repo, number: claimed.issue_number };
    const update = updateFor(await eventById(this.db, claimed.event_id));
    if (claimed.comment_id === null) {
      let posted: PostedComment | null = null;
      if (claimed.tried_before) {
        const found = await this.github.findComment(issue, update.body);
        if (found.kind !== 'found') return this.failed(claimed, found);
        posted = found.comment;
      }
      if (posted === null) {
        const sent = await this.github.comment(issue, update.body);
        if (sent.kind !== 'sent') return this.failed(claimed, sent);
        posted = sent.comment;
      }
      await this.db.query('UPDATE dataset_request_mirror_updates SET comment_id = $2, comment_url = $3 WHERE event_id = $1', [claimed.event_id, posted.id, posted.url]);
    }
    if (claimed.close_reason !== null) {
      const closed = await this.github.close(issue, claimed.close_reason);
      if (closed.kind !== 'sent') return this.failed(claimed, closed);
    }
    await this.db.query(`UPDATE dataset_request_mirror_updates SET state = 'sent', last_error = NULL, updated = $2 WHERE event_id = $1`, [claimed.event_id, this.now()]);
    this.logger.info(
      { event: 'requests-mirror', request: claimed.request_id, requestEvent: claimed.event_id, issue: claimed.issue_number },
      `dataset request ${claimed.request_id}: event ${claimed.event_id} sent to ${claimed.repo}#${claimed.issue_number}${claimed.close_reason === null ? '' : ` (closed as ${claimed.close_reason})`}`
    );
  }

  private async failed(claimed: Claimed, outcome: RetryOrFail): Promise<void> {
    const now = this.now();
    const next = afterFailure(outcome, claimed.attempts, now);
    await this.db.query(
      `UPDATE dataset_request_mirror_updates SET state = $2, last_error = $3, next_attempt = COALESCE($4, next_attempt), updated = $5 WHERE event_id = $1`,
      [claimed.event_id, next.state, next.error, next.state === 'queued' ? next.next : null, now]
    );
    const where = `dataset request ${claimed.request_id}: event ${claimed.event_id} not sent to ${claimed.repo}#${claimed.issue_number}: ${next.error}`;
    this.logger.warn(
      { event: 'requests-mirror', request: claimed.request_id, requestEvent: claimed.event_id, attempts: claimed.attempts, ...(next.state === 'queued' ? { next: next.next.toISOString() } : {}) },
      next.state === 'queued' ? `${where}; trying again later` : where
    );
  }

  /** The data team's "try again": the request's failed or waiting updates become due now with a fresh count. */
  async retry(requestId: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE dataset_request_mirror_updates SET state = 'queued', attempts = 0, next_attempt = $2, updated = $2 WHERE request_id = $1 AND state <> 'sent' RETURNING event_id`,
      [requestId, this.now()]
    );
    return rows.length > 0;
  }
}
