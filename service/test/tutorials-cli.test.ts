import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { childEnv, runCli } from './helpers/cli.js';
import { variants, type TestDatabase } from './helpers/databases.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/tutorials/basic', import.meta.url));

for (const variant of variants()) {
  describe(`tutorials CLI and the demo tutorials of local migrate on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let dir: string;
    before(async () => {
      testDb = await variant.create();
      dir = await mkdtemp(path.join(tmpdir(), 'leap-tutorials-cli-'));
    });
    after(async () => {
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });
    const env = (extra: Record<string, string> = {}) => childEnv({ LEAP_MODE: 'local', ...testDb.env, ...extra });

    it('local migrate imports the demo tutorials, once: unchanged ones are not written again', async () => {
      const migrated = await runCli(['migrate'], env());
      assert.equal(migrated.code, 0, migrated.stderr);
      const record = JSON.parse(migrated.stdout.trim()) as { demoTutorials: unknown };
      assert.deepEqual(record.demoTutorials, [{ id: 'sst-basics', status: 'ok', errors: [] }]);
      const list = await runCli(['tutorials', 'list'], env());
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /^sst-basics\t5 steps\tbeginner\t14 min\tSea surface temperature with xarray\tdemo:examples\/tutorials\/sst-basics\n$/);
    });

    it('imports a folder, prints the report; a broken manifest exits 1 naming file, line and field', async () => {
      const ok = await runCli(['tutorials', 'import', FIXTURE], env());
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal((JSON.parse(ok.stdout) as { tutorial: { id: string } }).tutorial.id, 'basics');
      const broken = path.join(dir, 'intro.yaml');
      await writeFile(broken, 'title: Intro\nsteps:\n  - title: One\n    markdown: x\n    hnits: [a]\n');
      const refused = await runCli(['tutorials', 'import', broken], env());
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr, 'intro.yaml line 5: steps[0]: unknown key "hnits" (did you mean "hints"?)\n');
      assert.equal((JSON.parse(refused.stdout) as { status: string }).status, 'failed');
      const usage = await runCli(['tutorials', 'import'], env());
      assert.equal(usage.code, 2);
      assert.match(usage.stderr, /cannot run "tutorials import"[\s\S]*leap-hub-service tutorials import <path>/);
    });
  });
}
