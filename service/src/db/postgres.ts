import pg from 'pg';
import { DatabaseUnavailableError, type Database, type Queryable } from './database.js';

const INT8_OID = 20;

/** int8 as a number when it fits, like PGlite does; node-postgres would return a string. */
function parseInt8(text: string): number | bigint {
  const n = BigInt(text);
  return n > BigInt(Number.MAX_SAFE_INTEGER) || n < BigInt(Number.MIN_SAFE_INTEGER) ? n : Number(n);
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser']
};

/** The connection is gone: the client must be discarded, not returned to the pool. */
function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) {
    return false;
  }
  const code = (error as { code?: string }).code ?? '';
  return /^(57P0[123]|08\d{3}|ECONNRESET|EPIPE|ECONNREFUSED|ETIMEDOUT)$/.test(code) || /Connection terminated/i.test(error.message);
}

/**
 * The statement certainly did not run, so sending it again is safe: the server terminated the
 * session before or while running it (57P01-03 abort the transaction), or no connection was made.
 */
function isSafeToRetry(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return /^(57P0[123]|ECONNREFUSED)$/.test(code);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connection error as DatabaseUnavailableError (503 for the client), anything else as it is. */
function unavailable(error: unknown): unknown {
  return isConnectionError(error) ? new DatabaseUnavailableError(error) : error;
}

export interface PostgresOptions {
  /** Called when an idle pooled connection breaks (the pool replaces it); must not throw. */
  onConnectionError: (error: Error) => void;
  /** How many times a statement outside a transaction is retried when it certainly did not run. */
  retries?: number;
}

/**
 * A node-postgres pool from DATABASE_URL. Broken connections are dropped and replaced; a statement
 * outside a transaction is retried with backoff only when it certainly did not run.
 */
export async function openPostgres(url: string, options: PostgresOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10, idleTimeoutMillis: 30_000 });
  pool.on('error', options.onConnectionError);
  const retries = options.retries ?? 2;

  async function query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await pool.query(sql, [...params]);
        return result.rows as T[];
      } catch (error) {
        if (attempt >= retries || !isSafeToRetry(error)) {
          throw unavailable(error);
        }
        await delay(100 * 2 ** attempt);
      }
    }
  }

  await query('SELECT 1');
  return {
    kind: 'postgresql',
    query,
    async exec(sql: string): Promise<void> {
      await pool.query(sql).catch((error: unknown) => {
        throw unavailable(error);
      });
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect().catch((error: unknown) => {
        throw unavailable(error);
      });
      let broken: Error | undefined;
      // the server may end the session while it is checked out (restart, admin shutdown): without a
      // listener that 'error' event would end the process; the pool then drops the broken client
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn({
          async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
            const rows = await client.query(sql, [...params]);
            return rows.rows as R[];
          },
          async exec(sql: string): Promise<void> {
            await client.query(sql);
          }
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (isConnectionError(error)) {
          broken = error as Error;
        } else {
          await client.query('ROLLBACK').catch((rollbackError: Error) => {
            broken = rollbackError;
          });
        }
        throw unavailable(error);
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      if (!pool.ended) {
        await pool.end();
      }
    }
  };
}
