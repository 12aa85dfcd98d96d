import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.js';

/**
 * Memory over speed: PostgreSQL's default 128MB of shared_buffers would live in WASM memory
 * that is never returned; 16MB keeps the idle local service within its 200 MiB budget.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'wal_buffers=512kB'];

/** There is no embedded database yet and this process may not create one. */
export class DatabaseMissingError extends Error {
  constructor(dataDir: string) {
    super(`No database in ${dataDir}: run \`leap-hub-service migrate\` first (it creates the database)`);
    this.name = 'DatabaseMissingError';
  }
}

/**
 * The embedded database of local mode, kept in `dataDir`. Only `create: true` (migrate) may
 * run initdb, which costs the process ~650 MiB of WASM memory that is never given back.
 */
export async function openPglite(dataDir: string, { create }: { create: boolean }): Promise<Database> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (!create) {
      throw new DatabaseMissingError(dataDir);
    }
    await mkdir(dataDir, { recursive: true });
  }
  const pg = await PGlite.create({ dataDir, startParams: START_PARAMS });
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pg.query<T>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) =>
        fn({
          async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
            const result = await tx.query<R>(sql, [...params]);
            return result.rows;
          },
          async exec(sql: string): Promise<void> {
            await tx.exec(sql);
          }
        })
      );
    },
    async close(): Promise<void> {
      if (!pg.closed) {
        await pg.close();
      }
    }
  };
}
