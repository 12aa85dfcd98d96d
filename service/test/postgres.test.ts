import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadMigrations, migrate, schemaVersion } from '../src/db/migrations.js';
import { MISSING_POSTGRES, variants, type TestDatabase } from './helpers/databases.js';

describe('test setup', () => {
  it('has a PostgreSQL server for the PostgreSQL variant (or runs PGlite only on purpose)', () => {
    const url = process.env.LEAP_TEST_DATABASE_URL;
    assert.ok(process.env.LEAP_TEST_DB === 'pglite' || (url !== undefined && url !== ''), MISSING_POSTGRES);
  });
});

/** What only PostgreSQL has: several replicas at once, and a server that drops connections. */
for (const variant of variants().filter((v) => v.name === 'postgresql')) {
  describe('PostgreSQL replicas and reconnection', () => {
    let testDb: TestDatabase;

    before(async () => {
      testDb = await variant.create();
    });
    after(async () => testDb?.cleanup());

    it('three replicas migrating at the same moment apply each migration exactly once', async () => {
      const replicas = await Promise.all([testDb.connect(), testDb.connect(), testDb.connect()]);
      const migrations = await loadMigrations();
      const results = await Promise.all(replicas.map((db) => migrate(db, migrations)));
      assert.deepEqual(results.flat().sort(), migrations.map((m) => m.version));
      assert.equal(await schemaVersion(replicas[0]), migrations.length);
    });

    it('a query after the server killed the connection succeeds on a new one', async () => {
      const db = await testDb.connect();
      const killer = await testDb.connect();
      const [{ pid }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await killer.query('SELECT pg_terminate_backend($1)', [pid]);
      const [{ one }] = await db.query<{ one: number }>('SELECT 1 AS one');
      assert.equal(one, 1);
    });

    it('a statement whose session the server terminated is sent again on a new connection', async () => {
      const db = await testDb.connect();
      const killer = await testDb.connect();
      const running = db.query<{ one: number }>('SELECT 1 AS one FROM pg_sleep(0.5)');
      let killed = 0;
      while (killed === 0) {
        const rows = await killer.query<{ ok: boolean }>(
          `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
           WHERE datname = current_database() AND state = 'active' AND query LIKE 'SELECT 1 AS one FROM pg_sleep%' AND pid <> pg_backend_pid()`
        );
        killed = rows.length;
      }
      assert.deepEqual(await running, [{ one: 1 }]);
    });

    it('a transaction rolls back on error and the pool stays usable', async () => {
      const db = await testDb.connect();
      await assert.rejects(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO users (name) VALUES ('rolled-back')");
          throw new Error('boom');
        }),
        /boom/
      );
      const rows = await db.query("SELECT name FROM users WHERE name = 'rolled-back'");
      assert.equal(rows.length, 0);
    });
  });
}
