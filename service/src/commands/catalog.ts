import { parseArgs } from 'node:util';
import type { CatalogSource, SourceKind } from '../api/catalog-schemas.js';
import { addSource, listSources, refreshSource } from '../catalog/sources.js';
import { loadDatabaseConfig, type Env } from '../config.js';
import type { Database } from '../db/database.js';
import { loadMigrations, schemaState } from '../db/migrations.js';
import { openDatabase } from '../db/open.js';
import { SchemaBehindError } from './serve.js';

export const CATALOG_USAGE = `Usage:
  leap-hub-service catalog add <url-or-path> [--name N] [--kind leap-web-catalog|stac|intake-esm]
  leap-hub-service catalog list
  leap-hub-service catalog refresh <source-id>
`;

/** A command line that does not fit CATALOG_USAGE (exit 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(`${message}\n\n${CATALOG_USAGE}`);
    this.name = 'UsageError';
  }
}

const KINDS: readonly SourceKind[] = ['leap-web-catalog', 'stac', 'intake-esm'];

function line(source: CatalogSource): string {
  const report = source.lastRefresh;
  const state =
    report === null
      ? 'never imported'
      : `${report.status} at ${report.at}: ${report.datasets} datasets, ${report.stores} stores, ` +
        `${report.skipped.length} skipped, ${report.warnings.length} warnings${report.error === undefined ? '' : `; error: ${report.error}`}`;
  return `${source.id}\t${source.kind}\t${source.name}\t${source.url}\t${state}`;
}

/** Opens the configured database (schema must be current), runs fn, closes it. */
export async function withDatabase<T>(env: Env, fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadDatabaseConfig(env);
  const db = await openDatabase(config.database, { create: false, onConnectionError: () => undefined });
  try {
    const { current, latest } = await schemaState(db, await loadMigrations());
    if (current < latest) {
      throw new SchemaBehindError(current, latest);
    }
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Prints the source as JSON (its import report included); exit 1 when its import failed. */
function printed(source: CatalogSource): number {
  process.stdout.write(`${JSON.stringify(source, null, 2)}\n`);
  return source.lastRefresh?.status === 'failed' ? 1 : 0;
}

/** `leap-hub-service catalog add|list|refresh …`; returns the exit code. A running service picks changes up by itself. */
export async function runCatalog(args: string[], env: Env): Promise<number> {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, kind: { type: 'string' } } });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  const [verb, target, ...extra] = positionals;
  if (extra.length > 0) {
    throw new UsageError(`unexpected argument "${extra[0]}"`);
  }
  if (values.kind !== undefined && !KINDS.includes(values.kind as SourceKind)) {
    throw new UsageError(`--kind must be one of ${KINDS.join(', ')}, got "${values.kind}"`);
  }
  if (verb === 'list' && target === undefined) {
    return withDatabase(env, async (db) => {
      for (const source of await listSources(db)) {
        process.stdout.write(`${line(source)}\n`);
      }
      return 0;
    });
  }
  if (verb === 'add' && target !== undefined) {
    const request = { url: target, name: values.name, kind: values.kind as SourceKind | undefined };
    return withDatabase(env, async (db) => printed(await addSource(db, request)));
  }
  if (verb === 'refresh' && target !== undefined) {
    return withDatabase(env, async (db) => printed(await refreshSource(db, target)));
  }
  throw new UsageError(verb === undefined ? 'catalog needs a subcommand' : `cannot run "catalog ${positionals.join(' ')}"`);
}
