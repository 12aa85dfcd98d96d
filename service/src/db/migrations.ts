import { createHash } from 'node:crypto';
import type { Database, Queryable } from './database.js';
import { readMigrationFiles, type MigrationFile } from './migration-files.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface SchemaState {
  /** Last applied migration, 0 for an empty database. */
  current: number;
  /** Last migration this service ships. */
  latest: number;
}

/** One key for every replica: pg_advisory_xact_lock serializes concurrent `migrate` runs. */
const MIGRATION_LOCK_KEY = 7_311_843_625;
const FILE_NAME = /^(\d{3,})_([a-z0-9_-]+)\.sql$/;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function parseMigrations(files: readonly MigrationFile[]): Migration[] {
  const migrations = files.map(({ file, sql }) => {
    const match = FILE_NAME.exec(file);
    if (match === null) {
      throw new MigrationError(`Migration file "${file}" must be named NNN_words.sql (e.g. 002_catalog.sql)`);
    }
    const text = sql.replace(/\r\n/g, '\n');
    return {
      version: Number(match[1]),
      name: match[2],
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex')
    };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        `Migrations must be numbered 1, 2, 3… without gaps or duplicates; found version ${migration.version} at position ${index + 1}`
      );
    }
  });
  return migrations;
}

export async function loadMigrations(): Promise<Migration[]> {
  return parseMigrations(await readMigrationFiles());
}

async function appliedChecksums(db: Queryable): Promise<Map<number, string>> {
  const [{ present }] = await db.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present"
  );
  if (!present) {
    return new Map();
  }
  const rows = await db.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations');
  return new Map(rows.map((row) => [row.version, row.checksum]));
}

/** The number of the last applied migration, 0 when none is. */
export async function schemaVersion(db: Queryable): Promise<number> {
  const applied = await appliedChecksums(db);
  return Math.max(0, ...applied.keys());
}

export async function schemaState(db: Queryable, migrations: readonly Migration[]): Promise<SchemaState> {
  return { current: await schemaVersion(db), latest: migrations.length };
}

/**
 * Applies every pending migration in order, each in its own transaction that first takes
 * the advisory lock and re-reads the ledger, so replicas starting together apply each one once.
 * Returns the versions this call applied.
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const ledger = await appliedChecksums(tx);
      const checksum = ledger.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.version} (${migration.name}) was changed after it was applied; add a new migration instead of editing it`
          );
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum
      ]);
      return true;
    });
    if (didApply) {
      applied.push(migration.version);
    }
  }
  return applied;
}
