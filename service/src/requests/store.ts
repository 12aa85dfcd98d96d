import type { DatasetRequest, RequestEvent, RequestList, RequestStatus } from '../api/requests-schemas.js';
import type { Database, Queryable } from '../db/database.js';
import { closeReasonFor } from './github-comment.js';
import type { CleanRequest } from './validate.js';

const REQUEST_COLUMNS = `r.id, r.requester, r.status, r.name, r.url, r.description, r.size, r.license, r.format,
  r.format_other AS "formatOther", r.access_protocol AS "accessProtocol", r.organization, r.example_urls AS "exampleUrls",
  r.authorization_kind AS authorization, r.transformation, r.target_format AS "targetFormat", r.comments,
  r.dataset_id AS "datasetId", r.created, r.updated,
  m.repo AS mirror_repo, m.state AS mirror_state, m.attempts AS mirror_attempts, m.last_error AS mirror_error,
  m.next_attempt AS mirror_next, m.issue_number AS mirror_number, m.issue_url AS mirror_url,
  uc.waiting AS updates_waiting, uc.failed AS updates_failed, uh.last_error AS updates_error, uh.next_attempt AS updates_next, uh.state AS updates_state`;
// The mirror's updates: how many wait or failed, and the oldest one not sent (it holds the others back).
const REQUEST_FROM = `dataset_requests r LEFT JOIN dataset_request_mirror m ON m.request_id = r.id
  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE state = 'queued')::int AS waiting, count(*) FILTER (WHERE state = 'failed')::int AS failed
                     FROM dataset_request_mirror_updates WHERE request_id = r.id) uc ON true
  LEFT JOIN LATERAL (SELECT state, last_error, next_attempt FROM dataset_request_mirror_updates
                     WHERE request_id = r.id AND state <> 'sent' ORDER BY event_id LIMIT 1) uh ON true`;

type RequestRow = Omit<DatasetRequest, 'created' | 'updated' | 'mirror'> & {
  created: Date;
  updated: Date;
  mirror_repo: string | null;
  mirror_state: 'queued' | 'sent' | 'failed' | null;
  mirror_attempts: number | null;
  mirror_error: string | null;
  mirror_next: Date | null;
  mirror_number: number | null;
  mirror_url: string | null;
  updates_waiting: number;
  updates_failed: number;
  updates_error: string | null;
  updates_next: Date | null;
  updates_state: 'queued' | 'failed' | null;
};

function toRequest(row: RequestRow): DatasetRequest {
  const {
    mirror_repo, mirror_state, mirror_attempts, mirror_error, mirror_next, mirror_number, mirror_url,
    updates_waiting, updates_failed, updates_error, updates_next, updates_state, created, updated, ...fields
  } = row;
  return {
    ...fields,
    created: created.toISOString(),
    updated: updated.toISOString(),
    mirror:
      mirror_repo === null || mirror_state === null
        ? null
        : {
            repo: mirror_repo,
            state: mirror_state,
            attempts: mirror_attempts ?? 0,
            lastError: mirror_error,
            nextAttempt: mirror_state === 'queued' && mirror_next !== null ? mirror_next.toISOString() : null,
            issueNumber: mirror_number,
            issueUrl: mirror_url,
            updates: {
              waiting: updates_waiting,
              failed: updates_failed,
              lastError: updates_error,
              nextAttempt: mirror_state === 'sent' && updates_state === 'queued' && updates_next !== null ? updates_next.toISOString() : null
            }
          }
  };
}

const EVENT_COLUMNS = `e.id, e.request_id AS "requestId", r.name AS "requestName", e.kind, e.actor, e.from_status AS "from",
  e.to_status AS "to", e.body, e.dataset_id AS "datasetId", e.at,
  u.state AS gh_state, u.attempts AS gh_attempts, u.last_error AS gh_error, u.next_attempt AS gh_next, u.comment_url AS gh_url`;
const EVENT_FROM = `dataset_request_events e JOIN dataset_requests r ON r.id = e.request_id
  LEFT JOIN dataset_request_mirror_updates u ON u.event_id = e.id`;

type EventRow = Omit<RequestEvent, 'at' | 'github'> & {
  at: Date;
  gh_state: 'queued' | 'sent' | 'failed' | null;
  gh_attempts: number | null;
  gh_error: string | null;
  gh_next: Date | null;
  gh_url: string | null;
};
const toEvent = ({ at, gh_state, gh_attempts, gh_error, gh_next, gh_url, ...event }: EventRow): RequestEvent => ({
  ...event,
  at: at.toISOString(),
  github:
    gh_state === null
      ? null
      : { state: gh_state, attempts: gh_attempts ?? 0, lastError: gh_error, nextAttempt: gh_state === 'queued' && gh_next !== null ? gh_next.toISOString() : null, commentUrl: gh_url }
});

/**
 * Queues an event of a mirrored request for its GitHub issue, in the transaction that saved the
 * event (a request without a mirror row gets nothing). `due`: the sender's clock.
 */
export async function queueUpdate(tx: Queryable, requestId: number, eventId: number, to: string | null, due: Date): Promise<void> {
  await tx.query(
    `INSERT INTO dataset_request_mirror_updates (event_id, request_id, close_reason, next_attempt, updated)
     SELECT $1, request_id, $3, $4, $4 FROM dataset_request_mirror WHERE request_id = $2`,
    [eventId, requestId, closeReasonFor(to), due]
  );
}

/** Saves a new request with its "created" event and, when a mirror is given, its outbox row (due at `mirror.due`). */
export async function createRequest(db: Database, requester: string, request: CleanRequest, mirror: { repo: string; due: Date } | null): Promise<DatasetRequest> {
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO dataset_requests (requester, name, url, description, size, license, format, format_other, access_protocol,
         organization, example_urls, authorization_kind, transformation, target_format, comments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15) RETURNING id`,
      [
        requester, request.name, request.url, request.description, request.size, request.license, request.format,
        request.formatOther, request.accessProtocol, request.organization, JSON.stringify(request.exampleUrls),
        request.authorization, request.transformation, request.targetFormat, request.comments
      ]
    );
    await tx.query(`INSERT INTO dataset_request_events (request_id, kind, actor, to_status) VALUES ($1, 'created', $2, 'new')`, [row.id, requester]);
    if (mirror !== null) {
      await tx.query('INSERT INTO dataset_request_mirror (request_id, repo, next_attempt, updated) VALUES ($1, $2, $3, $3)', [row.id, mirror.repo, mirror.due]);
    }
    return row.id;
  });
  return (await readRequest(db, id))!;
}

export async function readRequest(db: Queryable, id: number): Promise<DatasetRequest | null> {
  const [row] = await db.query<RequestRow>(`SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1`, [id]);
  return row === undefined ? null : toRequest(row);
}

export interface ListOptions {
  /** Only this user's requests; null: everyone's. */
  requester: string | null;
  statuses: readonly RequestStatus[];
  offset: number;
  limit: number;
}

/** Requests newest first, with the total matching. */
export async function listRequests(db: Queryable, { requester, statuses, offset, limit }: ListOptions): Promise<RequestList> {
  const where = `($1::text IS NULL OR r.requester = $1) AND (cardinality($2::text[]) = 0 OR r.status = ANY($2::text[]))`;
  const params = [requester, [...statuses]];
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM dataset_requests r WHERE ${where}`, params);
  const rows = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE ${where} ORDER BY r.id DESC OFFSET $3 LIMIT $4`,
    [...params, offset, limit]
  );
  return { total, offset, items: rows.map(toRequest) };
}

/** A request's events, oldest first. */
export async function requestEvents(db: Queryable, id: number): Promise<RequestEvent[]> {
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE e.request_id = $1 ORDER BY e.id`,
    [id]
  );
  return rows.map(toEvent);
}

/**
 * Adds a comment; the requester is told about it unless they wrote it. `mirrorDue`: a data-team
 * comment, queued for the request's GitHub issue (if it has one) due then; null: not mirrored.
 */
export async function addComment(db: Database, request: DatasetRequest, actor: string, body: string, mirrorDue: Date | null): Promise<RequestEvent> {
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO dataset_request_events (request_id, kind, actor, body, unread) VALUES ($1, 'comment', $2, $3, $4) RETURNING id`,
      [request.id, actor, body, actor !== request.requester]
    );
    if (mirrorDue !== null) await queueUpdate(tx, request.id, row.id, null, mirrorDue);
    return row.id;
  });
  return eventById(db, id);
}

export async function eventById(db: Queryable, id: number): Promise<RequestEvent> {
  const [row] = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE e.id = $1`, [id]);
  return toEvent(row);
}

/** What the requester has not been told yet: status changes of their requests and others' comments, oldest first. */
export async function unreadEvents(db: Queryable, user: string): Promise<RequestEvent[]> {
  const rows = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${EVENT_FROM} WHERE r.requester = $1 AND e.unread ORDER BY e.id`,
    [user]
  );
  return rows.map(toEvent);
}

/** Marks these events read for their requester; ids of other users' events are ignored. */
export async function markRead(db: Queryable, user: string, ids: readonly number[]): Promise<void> {
  await db.query(
    `UPDATE dataset_request_events e SET unread = false FROM dataset_requests r
     WHERE r.id = e.request_id AND r.requester = $1 AND e.id = ANY($2::bigint[]) AND e.unread`,
    [user, [...ids]]
  );
}
