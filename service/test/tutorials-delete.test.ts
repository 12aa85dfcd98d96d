import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ErrorBody } from '../src/api/schemas.js';
import type { ClassSession, Dashboard, Progress, TutorialDeletion, TutorialList } from '../src/api/tutorials-schemas.js';
import type { App } from '../src/api/types.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import { localIdentityProvider } from '../src/auth/local.js';
import type { Database } from '../src/db/database.js';
import { loadDemoTutorials } from '../src/tutorials/demo.js';
import { TutorialError } from '../src/tutorials/errors.js';
import { importTutorial } from '../src/tutorials/import.js';
import { createSession } from '../src/tutorials/sessions.js';
import { testApp } from './helpers/app.js';
import { childEnv, runCli } from './helpers/cli.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/tutorials/basic', import.meta.url));
const SERVICE_TOKEN = 'tutorials-delete-service-token';
const ALICE = 'token alice-token'; // learner
const CAROL = 'token carol-token'; // learner
const IVY = 'token ivy-token'; // instructor (group "instructors"), not an admin
const BOB = 'token bob-token'; // hub admin: may import, so may delete

for (const variant of variants()) {
  describe(`deleting tutorials in hub mode on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: FakeHub;
    let app: App;

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      hub = await new FakeHub(SERVICE_TOKEN, {
        'alice-token': { name: 'alice', admin: false, groups: [] },
        'carol-token': { name: 'carol', admin: false, groups: [] },
        'ivy-token': { name: 'ivy', admin: false, groups: ['instructors'] },
        'bob-token': { name: 'bob', admin: true, groups: [] }
      }).start();
      ({ app } = await testApp('hub', db, hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN })));
    });
    after(async () => {
      await app?.close();
      await hub?.stop();
      await testDb?.cleanup();
    });

    const get = (url: string, authorization = ALICE) => app.inject({ method: 'GET', url, headers: { authorization } });
    const post = (url: string, body: unknown, authorization = ALICE) =>
      app.inject({ method: 'POST', url, headers: { authorization }, payload: body as Record<string, unknown> });
    const remove = (url: string, authorization = BOB) => app.inject({ method: 'DELETE', url, headers: { authorization } });
    const reimport = async () => assert.equal((await importTutorial(db, FIXTURE)).status, 'ok');
    const listed = async () => (await get('/api/tutorials')).json<TutorialList>().tutorials.map((t) => t.id);

    it('refuses learners and instructors who may not import (403, the tutorial stays); 404 names an unknown id', async () => {
      await reimport();
      for (const caller of [ALICE, IVY]) {
        const refused = await remove('/api/tutorials/basics', caller);
        assert.equal(refused.statusCode, 403);
        assert.equal(refused.json<ErrorBody>().code, 'forbidden');
        assert.match(refused.json<ErrorBody>().message, /Only hub admins may delete tutorials/);
      }
      assert.deepEqual(await listed(), ['basics']);
      const missing = await remove('/api/tutorials/no-such-tutorial');
      assert.equal(missing.statusCode, 404);
      assert.deepEqual(missing.json<ErrorBody>(), { statusCode: 404, code: 'not_found', message: 'No tutorial has the id "no-such-tutorial"' });
      const bad = await remove('/api/tutorials/basics?progress=forget');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json<ErrorBody>().field ?? '', /progress/);
      assert.deepEqual(await listed(), ['basics']);
    });

    it('refuses while a class session runs (409 naming it); once ended, deletes the tutorial, its files and the ended session, keeping progress', async () => {
      await reimport();
      const session = (await post('/api/class-sessions', { tutorialId: 'basics' }, IVY)).json<ClassSession>();
      assert.equal((await post('/api/tutorials/basics/progress', { currentStep: 'define', session: session.code, secondsDelta: 40 })).statusCode, 200);
      const check = { step: 'define', result: 'passed' };
      assert.equal((await post('/api/tutorials/basics/progress', { currentStep: 'plot', check, secondsDelta: 20 }, CAROL)).statusCode, 200);

      const running = await remove('/api/tutorials/basics');
      assert.equal(running.statusCode, 409);
      const body = running.json<ErrorBody>();
      assert.equal(body.code, 'sessions_running');
      assert.equal(body.message, `Class session ${session.code} (started by ivy) of tutorial "basics" is still running: end it first.`);
      assert.equal((await get('/api/tutorials/basics')).statusCode, 200, 'nothing deleted');
      assert.equal((await get(`/api/class-sessions/${session.code}/dashboard`, IVY)).json<Dashboard>().learners.length, 1);

      assert.equal((await post(`/api/class-sessions/${session.code}/end`, {}, IVY)).statusCode, 200);
      const deleted = await remove('/api/tutorials/basics');
      assert.equal(deleted.statusCode, 200);
      assert.deepEqual(deleted.json<TutorialDeletion>(), {
        id: 'basics',
        title: 'Basics of the player',
        progress: 'kept',
        learners: 2,
        endedSessions: [session.code],
        returnsAtStart: false
      });
      assert.deepEqual(await listed(), []);
      assert.equal((await get('/api/tutorials/basics')).statusCode, 404);
      assert.equal((await get('/api/tutorials/basics/files/intro.ipynb')).statusCode, 404);
      assert.equal((await get('/api/tutorials/basics/progress')).statusCode, 404);
      assert.equal((await get(`/api/class-sessions/${session.code}`)).statusCode, 404);
      assert.deepEqual((await get('/api/class-sessions', IVY)).json<{ sessions: unknown[] }>().sessions, []);
      const files = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM tutorial_files WHERE tutorial_id = 'basics'");
      assert.equal(files[0].n, 0);
      assert.equal((await remove('/api/tutorials/basics')).statusCode, 404, 'a second delete finds nothing');
    });

    it('the same id imported again brings every learner\'s progress back (without the deleted session)', async () => {
      await reimport();
      const alice = (await get('/api/tutorials/basics/progress')).json<Progress>();
      assert.equal(alice.currentStep, 'define');
      assert.equal(alice.secondsSpent, 40);
      assert.equal(alice.session, null, 'the deleted session is forgotten, so the player does not send it');
      assert.equal((await post('/api/tutorials/basics/progress', { currentStep: 'plot', secondsDelta: 5 })).statusCode, 200);
      const carol = (await get('/api/tutorials/basics/progress', CAROL)).json<Progress>();
      assert.equal(carol.currentStep, 'plot');
      assert.equal(carol.steps.find((s) => s.step === 'define')?.passed, true);
      assert.equal(carol.secondsSpent, 20);
    });

    it('a class session started while the tutorial is being deleted is refused as not found (no 500)', async () => {
      // the delete lands between createSession's read of the tutorial and its insert
      const racing = {
        ...db,
        query: async <T>(sql: string, params?: readonly unknown[]): Promise<T[]> => {
          if (sql.trimStart().startsWith('INSERT INTO class_sessions')) {
            assert.equal((await remove('/api/tutorials/basics')).statusCode, 200);
          }
          return db.query<T>(sql, params);
        }
      };
      await assert.rejects(createSession(racing, 'basics', 'ivy'), (error: unknown) => {
        assert.ok(error instanceof TutorialError);
        assert.equal(error.kind, 'not_found');
        assert.equal(error.message, 'No tutorial has the id "basics" (it was just deleted)');
        return true;
      });
      await reimport();
    });

    it('?progress=delete deletes the learners\' progress too and says how many', async () => {
      const deleted = await remove('/api/tutorials/basics?progress=delete');
      assert.equal(deleted.statusCode, 200);
      assert.deepEqual(deleted.json<TutorialDeletion>(), {
        id: 'basics',
        title: 'Basics of the player',
        progress: 'deleted',
        learners: 2,
        endedSessions: [],
        returnsAtStart: false
      });
      await reimport();
      for (const caller of [ALICE, CAROL]) {
        const fresh = (await get('/api/tutorials/basics/progress', caller)).json<Progress>();
        assert.equal(fresh.startedAt, null);
        assert.equal(fresh.secondsSpent, 0);
      }
    });
  });
}

for (const variant of variants()) {
  describe(`deleting the demo tutorial in local mode on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    const headers = { authorization: 'token local-token' };

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      const [report] = await loadDemoTutorials(db);
      assert.equal(report?.status, 'ok', JSON.stringify(report));
      ({ app } = await testApp('local', db, localIdentityProvider('local-token', 'me')));
    });
    after(async () => {
      await app?.close();
      await testDb?.cleanup();
    });

    it('the local user deletes it; the answer says the next start imports it again, and that import restores the progress', async () => {
      const [demo] = (await app.inject({ method: 'GET', url: '/api/tutorials', headers })).json<TutorialList>().tutorials;
      assert.equal(demo.source.kind, 'demo');
      const step = (await app.inject({ method: 'GET', url: `/api/tutorials/${demo.id}`, headers })).json<{ steps: { id: string }[] }>().steps[1].id;
      await app.inject({ method: 'POST', url: `/api/tutorials/${demo.id}/progress`, headers, payload: { currentStep: step, secondsDelta: 30 } });

      const deleted = await app.inject({ method: 'DELETE', url: `/api/tutorials/${demo.id}`, headers });
      assert.equal(deleted.statusCode, 200);
      assert.deepEqual(deleted.json<TutorialDeletion>(), {
        id: demo.id,
        title: demo.title,
        progress: 'kept',
        learners: 1,
        endedSessions: [],
        returnsAtStart: true
      });
      assert.equal((await app.inject({ method: 'GET', url: `/api/tutorials/${demo.id}`, headers })).statusCode, 404);

      // what local `migrate` does before every start
      const [again] = await loadDemoTutorials(db);
      assert.equal(again?.status, 'ok');
      const progress = (await app.inject({ method: 'GET', url: `/api/tutorials/${demo.id}/progress`, headers })).json<Progress>();
      assert.equal(progress.currentStep, step);
      assert.equal(progress.secondsSpent, 30);
    });

    it('a manifest imported in local mode does not come back by itself', async () => {
      assert.equal((await importTutorial(db, FIXTURE)).status, 'ok');
      const deleted = (await app.inject({ method: 'DELETE', url: '/api/tutorials/basics', headers })).json<TutorialDeletion>();
      assert.equal(deleted.returnsAtStart, false);
    });
  });
}

for (const variant of variants()) {
  describe(`leap-hub-service tutorials delete on ${variant.name}`, () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await variant.create();
    });
    after(async () => {
      await testDb?.cleanup();
    });
    const env = () => childEnv({ LEAP_MODE: 'local', ...testDb.env });

    it('deletes the demo (it says the next start brings it back, and local migrate does); an unknown id exits 1; bad usage 2', async () => {
      assert.equal((await runCli(['migrate'], env())).code, 0);
      const deleted = await runCli(['tutorials', 'delete', 'sst-basics', '--delete-progress'], env());
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.deepEqual(JSON.parse(deleted.stdout), {
        id: 'sst-basics',
        title: 'Sea surface temperature with xarray',
        progress: 'deleted',
        learners: 0,
        endedSessions: [],
        returnsAtStart: true
      });
      assert.equal((await runCli(['tutorials', 'list'], env())).stdout, '');
      const again = await runCli(['tutorials', 'delete', 'sst-basics'], env());
      assert.equal(again.code, 1);
      assert.equal(again.stderr, 'leap-hub-service: No tutorial has the id "sst-basics"\n');
      assert.equal((await runCli(['migrate'], env())).code, 0);
      assert.match((await runCli(['tutorials', 'list'], env())).stdout, /^sst-basics\t/);
      for (const args of [['tutorials', 'delete'], ['tutorials', 'delete', 'sst-basics', '--force']]) {
        const usage = await runCli(args, env());
        assert.equal(usage.code, 2, args.join(' '));
        assert.match(usage.stderr, /tutorials delete <id> \[--delete-progress\]/);
      }
    });
  });
}
