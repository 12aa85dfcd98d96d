import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadMigrations, migrate, parseMigrations, schemaState, schemaVersion, type Migration } from '../src/db/migrations.js';
import { adaOnly, readEveryPart, rowsOf, seedUpTo, snapshotTables } from './helpers/every-part.js';
import { testApp } from './helpers/app.js';
import { variants, type TestDatabase } from './helpers/databases.js';

// Upgrades are forward-only: a database left at any older schema version, holding the data of its
// time, is migrated to the newest schema with every row kept and the service answering from it.
// Iterates over whatever migrations ship, so each new one is tested against every older schema.

const migrations = await loadMigrations();
const fileOf = (m: Migration) => ({ file: `${String(m.version).padStart(3, '0')}_${m.name}.sql`, sql: m.sql });

describe('forward-only migration files', () => {
  it('refuse a down migration or any other name outside NNN_words.sql, naming the file', () => {
    for (const file of ['005_graph.down.sql', '005_graph.undo.sql', 'down_005_graph.sql', 'V5__graph.sql']) {
      assert.throws(() => parseMigrations([...migrations.slice(0, 4).map(fileOf), { file, sql: 'DROP TABLE graph_edges;' }]), new RegExp(`"${file.replace(/\./g, '\\.')}" must be named NNN_words\\.sql`));
    }
  });
});

for (const variant of variants()) {
  describe(`upgrades from every older schema on ${variant.name}`, () => {
    const opened: TestDatabase[] = [];
    after(async () => Promise.all(opened.map((testDb) => testDb.cleanup())));

    for (let version = 1; version < migrations.length; version++) {
      const from = migrations[version - 1];
      it(`from ${version} (${from.name}) with its data to ${migrations.length}: every row kept, the service answers`, async () => {
        const testDb = await variant.create();
        opened.push(testDb);
        const db = await testDb.connect();
        assert.deepEqual(await migrate(db, migrations.slice(0, version)), migrations.slice(0, version).map((m) => m.version));
        await seedUpTo(db, version);
        const before = await snapshotTables(db);

        assert.deepEqual(await migrate(db, migrations), migrations.slice(version).map((m) => m.version));
        assert.deepEqual(await schemaState(db, migrations), { current: migrations.length, latest: migrations.length });
        for (const [table, { columns, rows }] of before) {
          const now = await rowsOf(db, table, columns);
          if (table === 'schema_migrations') {
            assert.deepEqual(now.slice(0, rows.length), rows, 'the ledger keeps the older entries as they were');
          } else {
            assert.deepEqual(now, rows, `${table}: rows changed by the upgrade from ${version}`);
          }
        }
        const { app } = await testApp('hub', db, adaOnly);
        try {
          await readEveryPart(app, version);
        } finally {
          await app.close();
        }
      });
    }

    it('refuses an edited older migration before applying any pending one', async () => {
      const testDb = await variant.create();
      opened.push(testDb);
      const db = await testDb.connect();
      const at = migrations.length - 1;
      await migrate(db, migrations.slice(0, at));
      await seedUpTo(db, at);
      const edited = migrations.map((m) => (m.version === 2 ? { ...m, sql: `${m.sql}\nDROP TABLE stores;`, checksum: 'edited' } : m));
      await assert.rejects(migrate(db, edited), /Migration 2 \(catalog\) was changed after it was applied; add a new migration instead of editing it/);
      assert.equal(await schemaVersion(db), at, 'nothing pending was applied');
      const [{ stores }] = await db.query<{ stores: number }>('SELECT count(*) AS stores FROM stores');
      assert.ok(stores > 0, 'the catalog is as it was');
    });

    it('leaves a database that a newer service migrated as it is (no downgrade)', async () => {
      const testDb = await variant.create();
      opened.push(testDb);
      const db = await testDb.connect();
      const newer = parseMigrations([...migrations.map(fileOf), { file: `${String(migrations.length + 1).padStart(3, '0')}_future.sql`, sql: 'CREATE TABLE future_part (id text PRIMARY KEY);' }]);
      await migrate(db, newer);
      await seedUpTo(db, migrations.length);
      assert.deepEqual(await migrate(db, migrations), []);
      assert.deepEqual(await schemaState(db, migrations), { current: migrations.length + 1, latest: migrations.length });
      const [{ present }] = await db.query<{ present: boolean }>("SELECT to_regclass('future_part') IS NOT NULL AS present");
      assert.equal(present, true, "the newer service's table is kept");
    });
  });
}
