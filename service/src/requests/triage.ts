import type { DatasetRequest, RequestStatus, StatusChange } from '../api/requests-schemas.js';
import type { Database } from '../db/database.js';
import { queueUpdate, readRequest } from './store.js';
import { canMove, transitionProblem } from './transitions.js';
import { RequestFieldError } from './validate.js';

/** A status change the request's current status does not allow (another triager may have moved it meanwhile). */
export class TransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransitionError';
  }
}

/**
 * Moves a request to a new status (checked against TRANSITIONS under a row lock), records the event
 * the requester is told about, queues it for the request's GitHub issue when it has one (due at
 * `mirrorDue`), and on "done" links the catalog dataset, which must exist.
 * Returns null when there is no such request.
 */
export async function changeStatus(db: Database, id: number, actor: string, change: StatusChange, mirrorDue: Date): Promise<DatasetRequest | null> {
  const datasetId = change.datasetId?.trim() ?? '';
  if (change.status === 'done' && datasetId === '') {
    throw new RequestFieldError('body/datasetId', 'A done request names the catalog dataset that now holds it (datasetId)');
  }
  if (change.status !== 'done' && datasetId !== '') {
    throw new RequestFieldError('body/datasetId', 'datasetId is only given with status done');
  }
  const found = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ status: RequestStatus }>('SELECT status FROM dataset_requests WHERE id = $1 FOR UPDATE', [id]);
    if (row === undefined) {
      return false;
    }
    if (!canMove(row.status, change.status)) {
      throw new TransitionError(transitionProblem(row.status, change.status));
    }
    if (datasetId !== '') {
      const [dataset] = await tx.query('SELECT 1 FROM datasets WHERE id = $1', [datasetId]);
      if (dataset === undefined) {
        throw new RequestFieldError('body/datasetId', `No catalog dataset with id "${datasetId}"`);
      }
    }
    await tx.query('UPDATE dataset_requests SET status = $2, dataset_id = $3, updated = now() WHERE id = $1', [id, change.status, datasetId === '' ? null : datasetId]);
    const [event] = await tx.query<{ id: number }>(
      `INSERT INTO dataset_request_events (request_id, kind, actor, from_status, to_status, body, dataset_id, unread)
       VALUES ($1, 'status', $2, $3, $4, $5, $6, true) RETURNING id`,
      [id, actor, row.status, change.status, (change.note ?? '').trim(), datasetId === '' ? null : datasetId]
    );
    await queueUpdate(tx, id, event.id, change.status, mirrorDue);
    return true;
  });
  return found ? readRequest(db, id) : null;
}
