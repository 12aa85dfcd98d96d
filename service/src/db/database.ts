/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  /** Runs one statement with $1, $2… parameters and returns its rows. Pass JSON as a string with a `::jsonb` cast. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgresql';

/**
 * The one storage seam. Both implementations speak the same SQL (PostgreSQL 15+)
 * and return the same JavaScript values: int8 as number (bigint past 2^53),
 * timestamps as Date, json/jsonb parsed, numeric as string.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs fn inside BEGIN…COMMIT on one connection; rolls back and rethrows if fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The database does not answer (refused, restarting, connection lost): the request can be sent
 * again in a moment. The API answers 503 `database_unavailable`; the cause stays in the log.
 */
export class DatabaseUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super(`the database does not answer: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}
