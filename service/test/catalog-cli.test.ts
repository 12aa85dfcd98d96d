import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CatalogSource } from '../src/api/catalog-schemas.js';
import { childEnv, runCli } from './helpers/cli.js';
import { variants, type TestDatabase } from './helpers/databases.js';

const FIXTURE = fileURLToPath(new URL('../../examples/demo-catalog/consolidated-web-catalog.json', import.meta.url));

for (const variant of variants()) {
  describe(`catalog command line on ${variant.name}`, () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await variant.create();
    });
    after(async () => testDb?.cleanup());

    const env = (extra: Record<string, string> = {}) => childEnv({ ...testDb.env, ...extra });

    it('refuses to run before migrate, and bad usage exits 2', async () => {
      const early = await runCli(['catalog', 'list'], env({ LEAP_MODE: 'local' }));
      assert.equal(early.code, 1);
      const usage = await runCli(['catalog', 'add'], env());
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /catalog add <url-or-path>/);
      const kind = await runCli(['catalog', 'add', FIXTURE, '--kind', 'csv'], env());
      assert.equal(kind.code, 2);
      assert.match(kind.stderr, /--kind must be one of/);
    });

    it('local migrate loads the demo catalog once; add, list and refresh work from the command line', async () => {
      const migrated = await runCli(['migrate'], env());
      assert.equal(migrated.code, 0, migrated.stderr);
      const record = JSON.parse(migrated.stdout.trim()) as { event: string; demoCatalog?: unknown };
      assert.equal(record.event, 'migrated');
      assert.deepEqual(record.demoCatalog, { source: 'leap', status: 'ok', datasets: 32, stores: 83 });
      const again = await runCli(['migrate'], env());
      assert.equal((JSON.parse(again.stdout.trim()) as { demoCatalog?: unknown }).demoCatalog, undefined);

      const added = await runCli(['catalog', 'add', FIXTURE, '--name', 'LEAP copy'], env());
      assert.equal(added.code, 0, added.stderr);
      const source = JSON.parse(added.stdout) as CatalogSource;
      assert.equal(source.id, 'leap-copy');
      assert.equal(source.lastRefresh?.stores, 83);

      const list = await runCli(['catalog', 'list'], env());
      assert.equal(list.code, 0);
      const lines = list.stdout.trim().split('\n');
      assert.deepEqual(lines.map((line) => line.split('\t')[0]), ['leap', 'leap-copy']);
      assert.match(lines[0], /demo:leap-web-catalog\tok at .*: 32 datasets, 83 stores/);

      const refreshed = await runCli(['catalog', 'refresh', 'leap'], env());
      assert.equal(refreshed.code, 0);
      assert.equal((JSON.parse(refreshed.stdout) as CatalogSource).lastRefresh?.datasets, 32);
      const unknown = await runCli(['catalog', 'refresh', 'nope'], env());
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /No catalog source with id "nope"/);
    });
  });
}
