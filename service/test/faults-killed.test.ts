/**
 * Faults: the service process is killed (SIGKILL, no clean-up runs) while it publishes graph
 * records, imports a catalog and saves tutorial progress. After a restart on the same database,
 * everything it acknowledged is there, nothing is half-written, and the interrupted work can be
 * run again. On PGlite (the local-mode database, in the process itself) and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { childEnv, runCli, startCli, waitForEvent } from './helpers/cli.js';
import { variants, type TestDatabase } from './helpers/databases.js';

const TOKEN = 'faults-killed-token';
const headers = { authorization: `token ${TOKEN}`, 'content-type': 'application/json' };

interface Served {
  child: ChildProcess;
  base: string;
  exited: Promise<unknown>;
}

async function serve(env: NodeJS.ProcessEnv): Promise<Served> {
  const child = startCli(['serve'], env);
  const exited = once(child, 'exit');
  const listening = await waitForEvent(child, 'listening');
  child.stdout?.resume(); // keep draining the log, or a full pipe would block the service
  return { child, exited, base: `http://127.0.0.1:${String(listening.port)}` };
}

async function kill(served: Served): Promise<void> {
  served.child.kill('SIGKILL');
  await served.exited;
}

/** A request that resolves with its status and body, or with null when the connection died. */
async function call(base: string, method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: any } | null> {
  try {
    const response = await fetch(`${base}${apiPath}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  } catch {
    return null;
  }
}

/** A LEAP web catalog of n datasets with two stores each. */
function catalog(n: number): string {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      title: `Fault dataset ${i}`,
      description: `Dataset ${i} of the kill-during-import test.`,
      tags: ['faults', `group-${i % 10}`],
      stores: [
        { id: 'zarr', name: 'Zarr', url: `https://example.org/faults/${i}.zarr`, public: true },
        { id: 'nc', name: 'NetCDF', url: `https://example.org/faults/${i}.nc`, public: true }
      ]
    }))
  );
}

for (const variant of variants()) {
  describe(`service killed with SIGKILL mid-write (${variant.name})`, () => {
    let testDb: TestDatabase;
    let dir: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
      testDb = await variant.create();
      dir = await mkdtemp(path.join(tmpdir(), 'leap-faults-'));
      env = childEnv({ ...testDb.env, LEAP_SERVICE_TOKEN: TOKEN, LEAP_LOCAL_USER: 'kim', LEAP_PORT: '0' });
      const migrated = await runCli(['migrate'], env);
      assert.equal(migrated.code, 0, migrated.stderr);
    });
    after(async () => {
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it('publish, catalog import and progress save in flight: nothing acknowledged is lost, nothing is half-written', async () => {
      const file = path.join(dir, 'catalog.json');
      const size = 4000;
      await writeFile(file, catalog(size));
      const progressUrl = '/api/tutorials/sst-basics/progress';
      const record = (i: number) => ({
        kind: 'Paper',
        title: `Killed publish ${i}`,
        authors: [{ name: `First ${i}` }, { name: `Second ${i}` }, { name: `Third ${i}` }],
        keywords: ['killed-publish', `k${i}`],
        related: [{ url: `https://example.org/paper/${i}`, relationType: 'Cites' }],
        draft: false
      });

      const served = await serve(env);
      let alive = true;
      const published: string[] = [];
      let sent = 0;
      // four users of the publish dialog and one tutorial player, saving until the service dies
      const publisher = async () => {
        while (alive) {
          const answer = await call(served.base, 'POST', '/api/graph/records', record(sent++));
          if (answer?.status !== 201) {
            return;
          }
          published.push(answer.body.node.id as string);
        }
      };
      let saved = 0;
      const player = async () => {
        while (alive) {
          const answer = await call(served.base, 'POST', progressUrl, { currentStep: 'open', secondsDelta: 1 });
          if (answer?.status !== 200) {
            return;
          }
          saved += 1;
        }
      };
      const writers = [player(), publisher(), publisher(), publisher(), publisher()];
      while (saved === 0 || published.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const adding = call(served.base, 'POST', '/api/catalog/sources', { url: file, name: 'Faults' });
      let answered = false;
      void adding.then(() => (answered = true));
      // the source is listed as soon as its import starts: kill then
      while (!answered) {
        const listed = await call(served.base, 'GET', '/api/catalog/sources');
        if ((listed?.body as any[] | undefined)?.some((s) => s.name === 'Faults')) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const early = answered ? 'answered' : 'pending';
      await kill(served);
      alive = false;
      await Promise.all(writers);
      assert.equal(early, 'pending', 'the import was still running when the service was killed');
      assert.equal(await adding, null, 'the import got no answer');
      assert.ok(published.length >= 1 && published.length < sent, `publishes in flight (${published.length} of ${sent} acknowledged)`);
      assert.ok(saved >= 1, 'progress saved before the kill');

      const again = await serve(env);
      try {
        // publish: every acknowledged record is there; every record that made it has all its authors and links
        for (const id of published) {
          assert.equal((await call(again.base, 'GET', `/api/graph/nodes/${encodeURIComponent(id)}`))?.status, 200, `acknowledged record ${id} lost`);
        }
        const found = (await call(again.base, 'GET', '/api/graph/search?q=Killed%20publish&mine=true&limit=100'))!.body;
        assert.ok(found.total >= published.length && found.total <= sent);
        for (const item of found.items) {
          const detail = (await call(again.base, 'GET', `/api/graph/nodes/${encodeURIComponent(item.id)}`))!.body;
          const count = (relation: string) =>
            detail.neighbours.filter((g: any) => g.relation === relation && g.direction === 'out').reduce((n: number, g: any) => n + g.total, 0);
          assert.deepEqual([count('Creator'), count('Cites')], [3, 1], `${item.title}: all authors and the citation`);
        }
        assert.equal((await call(again.base, 'POST', '/api/graph/records', record(sent)))?.status, 201, 'publishing again works');

        // progress: every acknowledged save, at most the one in flight more
        const progress = (await call(again.base, 'GET', progressUrl))!.body;
        assert.ok([saved, saved + 1].includes(progress.secondsSpent), `${progress.secondsSpent} s saved, ${saved} acknowledged`);
        assert.equal((await call(again.base, 'POST', progressUrl, { currentStep: 'open', secondsDelta: 1 }))?.body.secondsSpent, progress.secondsSpent + 1);

        // import: all datasets or none; the same add sent again imports it whole, into the one source
        const datasets = async () =>
          (await call(again.base, 'GET', '/api/catalog/search?q=fault%20dataset&filter=source:Faults&facets=&limit=1'))!.body.total;
        assert.ok([0, size].includes(await datasets()), 'all or nothing');
        const added = await call(again.base, 'POST', '/api/catalog/sources', { url: file, name: 'Faults' });
        assert.equal(added?.status, 201, JSON.stringify(added?.body));
        assert.equal(added!.body.lastRefresh.datasets, size);
        const sources = ((await call(again.base, 'GET', '/api/catalog/sources'))!.body as any[]).filter((s) => s.url === file);
        assert.deepEqual(sources.map((s) => s.id), ['faults'], 'one source, not a second one');
        assert.equal(await datasets(), size);
      } finally {
        await kill(again);
      }
    });
  });
}
