import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../../src/db/database.js';
import { loadMigrations, migrate } from '../../src/db/migrations.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';

/**
 * Every DB-touching test runs once per variant: PGlite in a fresh temp dir and PostgreSQL in a
 * database created for the suite and dropped after it (LEAP_TEST_DATABASE_URL must allow
 * CREATE DATABASE). LEAP_TEST_DB=pglite limits a quick run to PGlite; otherwise a missing
 * LEAP_TEST_DATABASE_URL fails the PostgreSQL variant instead of skipping it.
 */
export interface TestDatabase {
  /** DATABASE_URL or LEAP_DATA_DIR for a child process using this database. */
  env: Record<string, string>;
  /** Opens a connection (PGlite: the data dir; only one may be open at a time). */
  connect(): Promise<Database>;
  /** Closes every connection opened by connect() and deletes the database. */
  cleanup(): Promise<void>;
}

export interface Variant {
  name: 'pglite' | 'postgresql';
  /** Creates an empty database; rejects with instructions when it cannot. */
  create(): Promise<TestDatabase>;
}

export const MISSING_POSTGRES =
  'LEAP_TEST_DATABASE_URL is not set: point it at a PostgreSQL server (e.g. the URL `scripts/postgres.sh start` ' +
  'prints) to run the PostgreSQL variant, or set LEAP_TEST_DB=pglite for a quick PGlite-only run';

const pgliteVariant: Variant = {
  name: 'pglite',
  async create() {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'leap-test-'));
    const opened: Database[] = [];
    return {
      env: { LEAP_DATA_DIR: dataDir },
      async connect() {
        const db = await openPglite(path.join(dataDir, 'pgdata'), { create: true });
        opened.push(db);
        return db;
      },
      async cleanup() {
        await Promise.all(opened.map((db) => db.close()));
        await rm(dataDir, { recursive: true, force: true });
      }
    };
  }
};

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const postgresVariant: Variant = {
  name: 'postgresql',
  async create() {
    const adminUrl = process.env.LEAP_TEST_DATABASE_URL;
    if (adminUrl === undefined || adminUrl === '') {
      throw new Error(MISSING_POSTGRES);
    }
    const name = `leap_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const opened: Database[] = [];
    return {
      env: { DATABASE_URL: url.toString() },
      async connect() {
        const db = await openPostgres(url.toString(), { onConnectionError: () => undefined });
        opened.push(db);
        return db;
      },
      async cleanup() {
        await Promise.all(opened.map((db) => db.close()));
        await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    };
  }
};

/** The variants this run covers: both, or PGlite alone when LEAP_TEST_DB=pglite. */
export function variants(): Variant[] {
  const only = process.env.LEAP_TEST_DB;
  if (only === 'pglite') {
    return [pgliteVariant];
  }
  if (only !== undefined && only !== '' && only !== 'all') {
    throw new Error(`LEAP_TEST_DB must be "pglite" or "all", got "${only}"`);
  }
  return [pgliteVariant, postgresVariant];
}

/** A connection to the test's database with every migration applied. */
export async function connectMigrated(testDb: TestDatabase): Promise<Database> {
  const db = await testDb.connect();
  await migrate(db, await loadMigrations());
  return db;
}
