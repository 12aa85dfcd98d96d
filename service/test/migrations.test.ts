import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/database.js';
import { loadMigrations, migrate, MigrationError, parseMigrations, schemaState, schemaVersion } from '../src/db/migrations.js';
import { variants, type TestDatabase } from './helpers/databases.js';

describe('migration files', () => {
  it('ship numbered from 1 without gaps', async () => {
    const migrations = await loadMigrations();
    assert.ok(migrations.length >= 1);
    assert.deepEqual(
      migrations.map((m) => m.version),
      migrations.map((_, i) => i + 1)
    );
    assert.equal(migrations[0].name, 'users');
  });

  it('reject a gap, a duplicate and a bad name with the file named', () => {
    assert.throws(() => parseMigrations([{ file: '002_b.sql', sql: '' }]), /version 2 at position 1/);
    assert.throws(
      () => parseMigrations([{ file: '001_a.sql', sql: '' }, { file: '001_b.sql', sql: '' }]),
      /version 1 at position 2/
    );
    assert.throws(() => parseMigrations([{ file: 'users.sql', sql: '' }]), MigrationError);
  });
});

for (const variant of variants()) {
  describe(`migrations on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;

    before(async () => {
      testDb = await variant.create();
      db = await testDb.connect();
    });
    after(async () => testDb?.cleanup());

    it('an empty database is at version 0', async () => {
      assert.equal(await schemaVersion(db), 0);
    });

    it('applies every migration once and records it', async () => {
      const migrations = await loadMigrations();
      assert.deepEqual(await migrate(db, migrations), migrations.map((m) => m.version));
      assert.deepEqual(await migrate(db, migrations), []);
      const rows = await db.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
        'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version'
      );
      assert.deepEqual(
        rows.map(({ version, name, checksum }) => ({ version, name, checksum })),
        migrations.map(({ version, name, checksum }) => ({ version, name, checksum }))
      );
      assert.ok(rows[0].applied_at instanceof Date);
      assert.deepEqual(await schemaState(db, migrations), { current: migrations.length, latest: migrations.length });
    });

    it('creates the users table whoami writes to', async () => {
      await db.query("INSERT INTO users (name, groups) VALUES ('ada', $1::jsonb)", [JSON.stringify(['lovelace'])]);
      const [row] = await db.query<{ admin: boolean; groups: string[]; first_seen: Date }>(
        "SELECT admin, groups, first_seen FROM users WHERE name = 'ada'"
      );
      assert.equal(row.admin, false);
      assert.deepEqual(row.groups, ['lovelace']);
      assert.ok(row.first_seen instanceof Date);
    });

    it('refuses a migration that was edited after it was applied', async () => {
      const edited = (await loadMigrations()).map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
      await assert.rejects(migrate(db, edited), /Migration 1 \(users\) was changed after it was applied/);
    });

    it('rolls back a failing migration entirely', async () => {
      const migrations = await loadMigrations();
      const broken = parseMigrations([
        ...migrations.map((m) => ({ file: `${String(m.version).padStart(3, '0')}_${m.name}.sql`, sql: m.sql })),
        { file: `${String(migrations.length + 1).padStart(3, '0')}_broken.sql`, sql: 'CREATE TABLE half (x int);\nSELECT no_such_function();' }
      ]);
      await assert.rejects(migrate(db, broken), /no_such_function/);
      assert.equal(await schemaVersion(db), migrations.length);
      const [{ present }] = await db.query<{ present: boolean }>("SELECT to_regclass('half') IS NOT NULL AS present");
      assert.equal(present, false);
    });

    it('returns int8 as a number and numeric as a string on every database', async () => {
      const [row] = await db.query<{ n: number; big: bigint; d: string }>(
        "SELECT count(*) AS n, 9007199254740993::int8 AS big, 1.50::numeric AS d FROM users"
      );
      assert.deepEqual(row, { n: 1, big: 9007199254740993n, d: '1.50' });
    });
  });
}
