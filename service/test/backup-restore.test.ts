import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Database } from '../src/db/database.js';
import { loadMigrations, migrate } from '../src/db/migrations.js';
import { openPglite } from '../src/db/pglite.js';
import { testApp } from './helpers/app.js';
import { variants, type TestDatabase } from './helpers/databases.js';
import { adaOnly, readEveryPart, seedUpTo, snapshotTables } from './helpers/every-part.js';

// The backups of docs/admins/backups-upgrades.md, as written there: PostgreSQL with
// `pg_dump --format=custom --no-owner` and `pg_restore --no-owner` into an empty database; PGlite
// (local mode) by copying its folder while the service is stopped. The restored database holds
// the same rows in every table and the service gives the same answers from it.

const run = promisify(execFile);
const migrations = await loadMigrations();

/** pg_dump/pg_restore on PATH (Debian: the version wrapper), else the newest /usr/lib/postgresql/N/bin. */
async function pgTool(name: 'pg_dump' | 'pg_restore'): Promise<string> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const versions = existsSync('/usr/lib/postgresql') ? await readdir('/usr/lib/postgresql') : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a)).find((v) => existsSync(`/usr/lib/postgresql/${v}/bin/${name}`));
  if (newest === undefined) throw new Error(`${name} not found on PATH or in /usr/lib/postgresql/*/bin: install postgresql-client`);
  return `/usr/lib/postgresql/${newest}/bin/${name}`;
}

/** What the service answers from this database (reading also writes: whoami records last_seen). */
async function answers(db: Database) {
  const { app } = await testApp('hub', db, adaOnly);
  try {
    return await readEveryPart(app, migrations.length);
  } finally {
    await app.close();
  }
}

for (const variant of variants()) {
  describe(`backup and restore on ${variant.name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    const create = async (): Promise<TestDatabase> => {
      const testDb = await variant.create();
      cleanups.push(() => testDb.cleanup());
      return testDb;
    };

    it(variant.name === 'postgresql'
      ? 'pg_dump --format=custom, pg_restore into an empty database: every row and every answer the same'
      : 'a copy of the data folder taken while stopped: every row and every answer the same', async () => {
      const original = await create();
      let db = await original.connect();
      await migrate(db, migrations);
      await seedUpTo(db, migrations.length);
      const tables = await snapshotTables(db);
      const work = await mkdtemp(path.join(tmpdir(), 'leap-backup-'));
      cleanups.push(() => rm(work, { recursive: true, force: true }));

      let restored: Database;
      if (variant.name === 'postgresql') {
        const dump = path.join(work, 'leap.dump');
        await run(await pgTool('pg_dump'), ['--format=custom', '--no-owner', `--file=${dump}`, original.env.DATABASE_URL]);
        const target = await create();
        await run(await pgTool('pg_restore'), ['--no-owner', `--dbname=${target.env.DATABASE_URL}`, dump]);
        restored = await target.connect();
      } else {
        // The service stopped: PGlite's files are consistent only when it is closed.
        await db.close();
        await cp(path.join(original.env.LEAP_DATA_DIR, 'pgdata'), path.join(work, 'leap', 'pgdata'), { recursive: true });
        db = await original.connect();
        restored = await openPglite(path.join(work, 'leap', 'pgdata'), { create: false });
        cleanups.push(() => restored.close());
      }

      assert.deepEqual(await migrate(restored, migrations), [], 'the restored database is at the newest schema');
      const restoredTables = await snapshotTables(restored);
      assert.deepEqual([...restoredTables.keys()], [...tables.keys()]);
      for (const table of ['users', 'datasets', 'stores', 'cost_daily', 'cost_budgets', 'tutorials', 'tutorial_files', 'tutorial_progress', 'graph_nodes', 'graph_edges']) {
        assert.ok((tables.get(table)?.rows.length ?? 0) > 0, `${table} has rows to compare`);
      }
      for (const [table, { rows }] of tables) {
        assert.deepEqual(restoredTables.get(table)?.rows, rows, `${table} restored row by row`);
      }
      assert.deepEqual(await answers(restored), await answers(db));
    });
  });
}
