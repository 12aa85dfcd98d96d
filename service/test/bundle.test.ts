import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Health, WhoAmI } from '../src/api/schemas.js';
import { loadMigrations } from '../src/db/migrations.js';
import { childEnv, finish, waitForEvent } from './helpers/cli.js';
import { variants, type TestDatabase } from './helpers/databases.js';

const serviceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The wheel's bundle, built into a folder outside the repository, runs with nothing else around it. */
describe('the bundle for the wheel', () => {
  let outDir: string;

  before(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'leap-bundle-'));
    const result = spawnSync(process.execPath, ['scripts/bundle.mjs', outDir], { cwd: serviceDir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
  after(async () => rm(outDir, { recursive: true, force: true }));

  it('is one .mjs file with the PGlite assets and the demo tutorials beside it', async () => {
    const files = (await readdir(outDir)).filter((name) => !name.endsWith('.LEGAL.txt')).sort();
    assert.deepEqual(files, ['initdb.wasm', 'leap-hub-service.mjs', 'pglite.data', 'pglite.wasm', 'tutorials']);
  });

  for (const variant of variants()) {
    describe(`on ${variant.name}`, () => {
      let testDb: TestDatabase;

      before(async () => {
        testDb = await variant.create();
      });
      after(async () => testDb?.cleanup());

      it('migrates, serves health and whoami, and stops', async () => {
        const env = childEnv({ ...testDb.env, LEAP_SERVICE_TOKEN: 'bundle-token', LEAP_LOCAL_USER: 'erin', LEAP_PORT: '0' });
        const bundle = path.join(outDir, 'leap-hub-service.mjs');
        const migrated = await finish(spawn(process.execPath, [bundle, 'migrate'], { cwd: outDir, env }));
        assert.equal(migrated.code, 0, migrated.stderr);
        // The demo catalog is embedded in the bundle: local migrate loads it from outside the repo too.
        assert.match(migrated.stdout, /"demoCatalog":\{"source":"leap","status":"ok","datasets":32,"stores":83\}/);
        // …and the demo tutorials copied beside it.
        assert.match(migrated.stdout, /"demoTutorials":\[\{"id":"sst-basics","status":"ok"/);
        const child = spawn(process.execPath, [bundle, 'serve'], { cwd: outDir, env });
        const exited = once(child, 'exit');
        const { port } = await waitForEvent(child, 'listening');
        const base = `http://127.0.0.1:${String(port)}`;
        const health = (await (await fetch(`${base}/api/health`)).json()) as Health;
        assert.equal(health.status, 'ok');
        assert.equal(health.database.schemaVersion, (await loadMigrations()).length);
        const me = (await (await fetch(`${base}/api/whoami`, { headers: { authorization: 'token bundle-token' } })).json()) as WhoAmI;
        assert.equal(me.name, 'erin');
        child.kill('SIGTERM');
        assert.deepEqual(await exited, [0, null]);
      });
    });
  }
});
