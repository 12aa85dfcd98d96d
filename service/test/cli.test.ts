import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { Health, WhoAmI } from '../src/api/schemas.js';
import { loadMigrations } from '../src/db/migrations.js';
import { childEnv, runCli, startCli, waitForEvent } from './helpers/cli.js';
import { variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';

const TOKEN = 'cli-test-token-123';

describe('leap-hub-service command line', () => {
  it('--help prints the commands; an unknown command exits 2', async () => {
    const help = await runCli(['--help'], childEnv({}));
    assert.equal(help.code, 0);
    assert.match(help.stdout, /serve[\s\S]*migrate/);
    const unknown = await runCli(['launch'], childEnv({}));
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "launch"/);
  });

  it('a configuration error names the variable and exits 2', async () => {
    const result = await runCli(['serve'], childEnv({ LEAP_MODE: 'hub' }));
    assert.equal(result.code, 2);
    assert.match(result.stderr, /DATABASE_URL is required in hub mode/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });
});

for (const variant of variants()) {
  describe(`serve and migrate on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let latest: number;

    before(async () => {
      testDb = await variant.create();
      latest = (await loadMigrations()).length;
    });
    after(async () => testDb?.cleanup());

    const localEnv = () =>
      childEnv({ ...testDb.env, LEAP_SERVICE_TOKEN: TOKEN, LEAP_LOCAL_USER: 'carol', LEAP_PORT: '0' });

    it('local serve refuses an empty database and says to run migrate', async () => {
      const result = await runCli(['serve'], localEnv());
      assert.equal(result.code, 1);
      assert.match(result.stderr, /run `leap-hub-service migrate` first/);
    });

    it('migrate applies the schema and logs one JSON line; a second run applies nothing', async () => {
      const first = await runCli(['migrate'], localEnv());
      assert.equal(first.code, 0, first.stderr);
      const record = JSON.parse(first.stdout.trim()) as { event: string; applied: number[]; schemaVersion: number };
      assert.equal(record.event, 'migrated');
      assert.equal(record.schemaVersion, latest);
      const second = await runCli(['migrate'], localEnv());
      assert.deepEqual((JSON.parse(second.stdout.trim()) as { applied: number[] }).applied, []);
    });

    it('serve logs where it listens, answers, and stops cleanly on SIGTERM', async () => {
      const child = startCli(['serve'], localEnv());
      const exited = once(child, 'exit');
      const listening = await waitForEvent(child, 'listening');
      assert.deepEqual(
        { host: listening.host, mode: listening.mode, database: listening.database },
        { host: '127.0.0.1', mode: 'local', database: variant.name }
      );
      const base = `http://127.0.0.1:${String(listening.port)}`;
      const health = (await (await fetch(`${base}/api/health`)).json()) as Health;
      assert.equal(health.database.schemaVersion, latest);
      const me = (await (await fetch(`${base}/api/whoami`, { headers: { authorization: `token ${TOKEN}` } })).json()) as WhoAmI;
      assert.equal(me.name, 'carol');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0);
    });
  });
}

for (const variant of variants().filter((v) => v.name === 'postgresql')) {
  describe('hub mode serve on postgresql', () => {
    let testDb: TestDatabase;
    let hub: FakeHub;

    before(async () => {
      testDb = await variant.create();
      hub = await new FakeHub('svc', { 'dora-token': { name: 'dora', admin: false, groups: ['g'] } }).start();
    });
    after(async () => {
      await hub?.stop();
      await testDb?.cleanup();
    });

    it('migrates at start, then serves hub users', async () => {
      const child = startCli(
        ['serve'],
        childEnv({ ...testDb.env, LEAP_MODE: 'hub', JUPYTERHUB_API_URL: hub.apiUrl, JUPYTERHUB_API_TOKEN: 'svc', LEAP_PORT: '0' })
      );
      const exited = once(child, 'exit');
      const listening = await waitForEvent(child, 'listening');
      const base = `http://127.0.0.1:${String(listening.port)}`;
      const health = (await (await fetch(`${base}/api/health`)).json()) as Health;
      assert.equal(health.database.schemaVersion, (await loadMigrations()).length);
      const me = (await (await fetch(`${base}/api/whoami`, { headers: { authorization: 'token dora-token' } })).json()) as WhoAmI;
      assert.deepEqual(me, { name: 'dora', admin: false, groups: ['g'], mode: 'hub' });
      child.kill('SIGINT');
      assert.deepEqual(await exited, [0, null]);
    });
  });
}
