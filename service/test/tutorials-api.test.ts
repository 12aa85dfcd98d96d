import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ErrorBody } from '../src/api/schemas.js';
import type { ClassSession, ClassSessionList, Dashboard, Progress, Tutorial, TutorialList } from '../src/api/tutorials-schemas.js';
import type { App } from '../src/api/types.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import { localIdentityProvider } from '../src/auth/local.js';
import type { Database } from '../src/db/database.js';
import { CODE_ALPHABET } from '../src/tutorials/sessions.js';
import { importTutorial } from '../src/tutorials/import.js';
import { testApp } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/tutorials/basic', import.meta.url));
const SERVICE_TOKEN = 'tutorials-service-token';
const ALICE = 'token alice-token'; // learner
const CAROL = 'token carol-token'; // learner
const IVY = 'token ivy-token'; // instructor (group "instructors")
const BOB = 'token bob-token'; // hub admin, not in the group

for (const variant of variants()) {
  describe(`tutorials API in hub mode on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: FakeHub;
    let app: App;
    let dir: string;

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      const report = await importTutorial(db, FIXTURE);
      assert.equal(report.status, 'ok', JSON.stringify(report.errors));
      dir = await mkdtemp(path.join(tmpdir(), 'leap-tutorials-api-'));
      hub = await new FakeHub(SERVICE_TOKEN, {
        'alice-token': { name: 'alice', admin: false, groups: [] },
        'carol-token': { name: 'carol', admin: false, groups: ['students'] },
        'ivy-token': { name: 'ivy', admin: false, groups: ['instructors'] },
        'bob-token': { name: 'bob', admin: true, groups: [] }
      }).start();
      ({ app } = await testApp('hub', db, hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN })));
    });
    after(async () => {
      await app?.close();
      await hub?.stop();
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const get = (url: string, authorization = ALICE, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers: { authorization, ...headers } });
    const post = (url: string, body: unknown, authorization = ALICE) =>
      app.inject({ method: 'POST', url, headers: { authorization }, payload: body as Record<string, unknown> });
    const progress = (body: unknown, authorization = ALICE) => post('/api/tutorials/basics/progress', body, authorization);

    it('lists tutorials and serves one with defaults filled in and its shipped files listed', async () => {
      const list = (await get('/api/tutorials')).json<TutorialList>();
      assert.deepEqual(
        list.tutorials.map((t) => [t.id, t.title, t.steps, t.duration, t.level]),
        [['basics', 'Basics of the player', 3, 12, 'beginner']]
      );
      const tutorial = (await get('/api/tutorials/basics')).json<Tutorial>();
      assert.deepEqual(tutorial.authors, ['Ada Lovelace']);
      assert.deepEqual(
        tutorial.steps.map((s) => [s.id, s.minutes, s.hints.length, s.cell ?? null]),
        [['open', 2, 0, 0], ['define', 5, 2, 'define-x'], ['plot', 5, 0, null]]
      );
      assert.deepEqual(tutorial.steps[0].target, { command: 'filebrowser:open' });
      assert.deepEqual(tutorial.steps[2].target, { selector: 'jp-NotebookPanel-toolbar' });
      assert.deepEqual(tutorial.steps[0].doIt, { command: 'docmanager:open', args: { path: 'tutorials/basics/intro.ipynb' } });
      assert.equal(tutorial.files.kind, 'shipped');
      if (tutorial.files.kind === 'shipped') {
        assert.equal(tutorial.files.url, '/api/tutorials/basics/files/');
        assert.equal(tutorial.files.dest, 'tutorials/basics');
        assert.deepEqual(tutorial.files.files.map((f) => f.path), ['data/meta.json', 'data/table.csv', 'intro.ipynb']);
        const csv = await readFile(path.join(FIXTURE, 'data/table.csv'));
        assert.deepEqual(tutorial.files.files[1], { path: 'data/table.csv', size: csv.length, sha256: createHash('sha256').update(csv).digest('hex') });
      }
      assert.equal((await get('/api/tutorials/nope')).json<ErrorBody>().code, 'not_found');
    });

    it('serves a shipped file byte for byte with its sha256 as ETag; 304 when unchanged; 404 otherwise', async () => {
      const response = await get('/api/tutorials/basics/files/data/table.csv');
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'application/octet-stream');
      const bytes = await readFile(path.join(FIXTURE, 'data/table.csv'));
      assert.deepEqual(response.rawPayload, bytes);
      const etag = String(response.headers.etag);
      assert.equal(etag, `"${createHash('sha256').update(bytes).digest('hex')}"`);
      assert.equal((await get('/api/tutorials/basics/files/data/table.csv', ALICE, { 'if-none-match': etag })).statusCode, 304);
      for (const missing of ['/api/tutorials/basics/files/tutorial.yaml', '/api/tutorials/basics/files/data/../tutorial.yaml', '/api/tutorials/x/files/a']) {
        assert.equal((await get(missing)).statusCode, 404, missing);
      }
      assert.equal((await app.inject({ method: 'GET', url: '/api/tutorials/basics/files/intro.ipynb' })).statusCode, 401);
    });

    it('keeps each learner\'s own progress: fresh before the first update, saved on each, restored on GET', async () => {
      const fresh = (await get('/api/tutorials/basics/progress')).json<Progress>();
      assert.deepEqual(fresh, {
        tutorialId: 'basics', currentStep: 'open', steps: [], completed: false, secondsSpent: 0, session: null, startedAt: null, updatedAt: null
      });
      // secondsDelta: time since the last update, spent on the step the learner was on until now.
      assert.equal((await progress({ currentStep: 'open', secondsDelta: 30 })).statusCode, 200);
      await progress({ currentStep: 'define', secondsDelta: 20, hintsShown: 1, check: { step: 'define', result: 'failed', message: 'x should be 42' } });
      await progress({ currentStep: 'define', check: { step: 'define', result: 'error', message: 'the check itself failed: NameError: name \'x\' is not defined' } });
      const saved = (await progress({ currentStep: 'plot', secondsDelta: 10, check: { step: 'define', result: 'passed' } })).json<Progress>();
      assert.equal(saved.currentStep, 'plot');
      assert.equal(saved.secondsSpent, 60);
      assert.deepEqual(saved.steps, [
        { step: 'open', attempts: 0, passed: false, lastResult: null, lastMessage: null, hintsShown: 0, seconds: 50 },
        { step: 'define', attempts: 3, passed: true, lastResult: 'passed', lastMessage: null, hintsShown: 1, seconds: 10 }
      ]);
      assert.deepEqual((await get('/api/tutorials/basics/progress')).json<Progress>(), saved);
      assert.equal((await get('/api/tutorials/basics/progress', CAROL)).json<Progress>().startedAt, null, 'another user sees only their own');
    });

    it('refuses a progress update naming an unknown step, field named', async () => {
      const response = await progress({ currentStep: 'nope' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json<ErrorBody>(), {
        statusCode: 400, code: 'invalid_request', message: 'currentStep "nope" is not a step of this tutorial', field: 'body/currentStep'
      });
      assert.equal((await progress({ currentStep: 'open', check: { step: 'x', result: 'passed' } })).json<ErrorBody>().field, 'body/check/step');
      assert.equal((await progress({ currentStep: 'open', extra: 1 })).statusCode, 400);
    });

    it('resets the caller\'s progress only', async () => {
      await progress({ currentStep: 'open' }, CAROL);
      const reset = await app.inject({ method: 'DELETE', url: '/api/tutorials/basics/progress', headers: { authorization: CAROL } });
      assert.equal(reset.statusCode, 204);
      assert.equal((await get('/api/tutorials/basics/progress', CAROL)).json<Progress>().startedAt, null);
      assert.equal((await get('/api/tutorials/basics/progress')).json<Progress>().currentStep, 'plot');
    });

    let session: ClassSession;

    it('lets instructors (group or admin) start a class session with a join code and link; learners get 403', async () => {
      const refused = await post('/api/class-sessions', { tutorialId: 'basics' });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json<ErrorBody>().code, 'forbidden');
      const created = await post('/api/class-sessions', { tutorialId: 'basics', instructors: ['bob'] }, IVY);
      assert.equal(created.statusCode, 201);
      session = created.json<ClassSession>();
      assert.match(session.code, new RegExp(`^[${CODE_ALPHABET}]{6}$`));
      assert.equal(session.link, `lab?tutorial=basics&session=${session.code}`);
      assert.deepEqual(session.instructors, ['ivy', 'bob']);
      assert.equal(session.learners, 0);
      assert.equal((await post('/api/class-sessions', { tutorialId: 'basics' }, BOB)).statusCode, 201, 'admins may');
      assert.equal((await post('/api/class-sessions', { tutorialId: 'gone' }, IVY)).json<ErrorBody>().field, 'body/tutorialId');
      const mine = (await get('/api/class-sessions', IVY)).json<ClassSessionList>();
      assert.deepEqual(mine.sessions.map((s) => s.code), [session.code]);
      assert.equal((await get(`/api/class-sessions/${session.code.toLowerCase()}`)).json<ClassSession>().code, session.code, 'anyone can look a code up');
      assert.equal((await get('/api/class-sessions/ZZZZZZ')).statusCode, 404);
    });

    it('shows joined learners on the dashboard to its instructors only, hardest step flagged', async () => {
      await progress({ currentStep: 'define', session: ` ${session.code.toLowerCase()} ` });
      await progress({ currentStep: 'define', session: session.code, check: { step: 'define', result: 'failed', message: 'x should be 42' } }, CAROL);
      await progress({ currentStep: 'define', check: { step: 'define', result: 'failed', message: 'x should be 42' } }, CAROL);
      const forbidden = await get(`/api/class-sessions/${session.code}/dashboard`);
      assert.equal(forbidden.statusCode, 403);
      assert.equal(forbidden.json<ErrorBody>().code, 'forbidden');
      assert.equal((await get(`/api/class-sessions/${session.code}/dashboard`, BOB)).statusCode, 200, 'co-instructor');
      const dashboard = (await get(`/api/class-sessions/${session.code}/dashboard`, IVY)).json<Dashboard>();
      assert.deepEqual(
        dashboard.learners.map((l) => [l.name, l.currentStep, l.currentStepIndex, l.passed, l.failed, l.completed]),
        [['alice', 'define', 1, 1, 2, false], ['carol', 'define', 1, 0, 2, false]]
      );
      assert.equal(dashboard.session.learners, 2);
      assert.equal(dashboard.hardestStep, 'define');
      assert.deepEqual(
        dashboard.steps.map((s) => [s.id, s.hasCheck, s.current, s.reached, s.passed, s.failedAttempts, s.hardest]),
        [['open', false, 0, 2, 0, 0, false], ['define', true, 2, 2, 1, 4, true], ['plot', true, 0, 0, 0, 0, false]]
      );
      assert.equal(dashboard.learners[0].stuckMinutes, 0, 'alice passed her current step');
      assert.ok(dashboard.learners[1].stuckMinutes >= 0);
    });

    it('long-poll: answers a newer version at once, waits for one otherwise and returns when a learner updates', async () => {
      const url = `/api/class-sessions/${session.code}/dashboard`;
      const now = (await get(url, IVY)).json<Dashboard>();
      const older = (await get(`${url}?after=${now.version - 1}`, IVY)).json<Dashboard>();
      assert.equal(older.version, now.version);
      let answered = false;
      const waiting = get(`${url}?after=${now.version}`, IVY).then((r) => {
        answered = true;
        return r.json<Dashboard>();
      });
      // The wait has started: a full request/response of another route completes before it answers.
      await get('/api/tutorials');
      assert.equal(answered, false);
      await progress({ currentStep: 'plot' }, CAROL);
      const fresh = await waiting;
      assert.ok(fresh.version > now.version);
      assert.equal(fresh.learners.find((l) => l.name === 'carol')?.currentStep, 'plot');
      const unchanged = (await get(`${url}?after=${fresh.version}&wait=0`, IVY)).json<Dashboard>();
      assert.equal(unchanged.version, fresh.version, 'no change: the current dashboard, same version');
      assert.equal((await get(`${url}?after=${fresh.version}&wait=0`)).statusCode, 403);
      assert.equal((await get(`${url}?wait=99`, IVY)).json<ErrorBody>().field, 'querystring/wait');
    });

    it('long-poll across replicas: an update made through another app on the same database wakes the wait', async () => {
      const { app: replica } = await testApp('hub', db, hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN }));
      try {
        const url = `/api/class-sessions/${session.code}/dashboard`;
        const now = (await get(url, IVY)).json<Dashboard>();
        const waiting = get(`${url}?after=${now.version}`, IVY);
        const update = await replica.inject({
          method: 'POST',
          url: '/api/tutorials/basics/progress',
          headers: { authorization: CAROL },
          payload: { currentStep: 'plot', hintsShown: 1 }
        });
        assert.equal(update.statusCode, 200);
        const fresh = (await waiting).json<Dashboard>();
        assert.ok(fresh.version > now.version, 'seen through the database, not this process\'s notifier');
      } finally {
        await replica.close();
      }
    });

    it('exports results as CSV to its instructors', async () => {
      const response = await get(`/api/class-sessions/${session.code}/export.csv`, IVY);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(response.headers['content-disposition'], `attachment; filename="class-${session.code}-basics.csv"`);
      const lines = response.body.trimEnd().split('\r\n');
      assert.equal(
        lines[0],
        'learner,current_step,steps_passed,failed_checks,completed,stuck_minutes,seconds_spent,last_active,' +
          'open:result,open:attempts,define:result,define:attempts,plot:result,plot:attempts'
      );
      assert.equal(lines.length, 3);
      assert.match(lines[1], /^alice,define,1,2,false,0,60,[^,]+,,0,passed,3,,0$/);
      assert.match(lines[2], /^carol,plot,0,2,false,[\d.]+,0,[^,]+,,0,failed,2,,0$/);
      assert.equal((await get(`/api/class-sessions/${session.code}/export.csv`, CAROL)).statusCode, 403);
    });

    it('ends a session (its instructors): joining it is then 409, its learners still save, the dashboard stays readable', async () => {
      assert.equal((await post(`/api/class-sessions/${session.code}/end`, {}, ALICE)).statusCode, 403);
      const ended = (await post(`/api/class-sessions/${session.code}/end`, {}, IVY)).json<ClassSession>();
      assert.notEqual(ended.endedAt, null);
      const late = await progress({ currentStep: 'open', session: session.code }, BOB);
      assert.equal(late.statusCode, 409);
      assert.equal(late.json<ErrorBody>().code, 'session_ended');
      assert.equal((await progress({ currentStep: 'open', session: 'QQQQQQ' }, BOB)).statusCode, 404);
      const member = await progress({ currentStep: 'plot', session: session.code, completed: true });
      assert.equal(member.statusCode, 200, 'a learner of the ended session keeps saving with its code');
      assert.equal(member.json<Progress>().completed, true);
      assert.equal((await get(`/api/class-sessions/${session.code}/dashboard`, IVY)).json<Dashboard>().session.endedAt, ended.endedAt);
    });

    it('a learner\'s reset shows on the open session\'s dashboard at once', async () => {
      const open = (await post('/api/class-sessions', { tutorialId: 'basics' }, IVY)).json<ClassSession>();
      await progress({ currentStep: 'define', session: open.code }, CAROL);
      const url = `/api/class-sessions/${open.code}/dashboard`;
      const before = (await get(url, IVY)).json<Dashboard>();
      assert.deepEqual(before.learners.map((l) => l.name), ['carol']);
      const waiting = get(`${url}?after=${before.version}`, IVY);
      await app.inject({ method: 'DELETE', url: '/api/tutorials/basics/progress', headers: { authorization: CAROL } });
      const after = (await waiting).json<Dashboard>();
      assert.ok(after.version > before.version);
      assert.deepEqual(after.learners, []);
    });

    it('imports over HTTP for admins only; a broken manifest is 400 naming file, line and field', async () => {
      const broken = path.join(dir, 'broken.yaml');
      await writeFile(broken, 'title: Broken\nsteps:\n  - title: One\n    markdown: x\n    check:\n      code: 3\n');
      assert.equal((await post('/api/tutorials/import', { path: broken }, IVY)).statusCode, 403);
      const refused = await post('/api/tutorials/import', { path: broken }, BOB);
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(refused.json<ErrorBody>(), {
        statusCode: 400,
        code: 'invalid_manifest',
        message: 'broken.yaml line 6: steps[0].check.code must be a string, not a number',
        field: 'body/path'
      });
      await writeFile(broken, 'title: Fixed\nsteps:\n  - title: One\n    markdown: x\n');
      const imported = await post('/api/tutorials/import', { path: broken }, BOB);
      assert.equal(imported.statusCode, 201);
      assert.equal(imported.json<{ tutorial: { id: string } }>().tutorial.id, 'fixed');
    });
  });
}

for (const variant of variants()) {
  describe(`tutorials API in local mode on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      await importTutorial(db, FIXTURE);
      ({ app } = await testApp('local', db, localIdentityProvider('local-token', 'me')));
    });
    after(async () => {
      await app?.close();
      await testDb?.cleanup();
    });

    it('the local user is an instructor: starts a session, joins it and sees the dashboard', async () => {
      const headers = { authorization: 'token local-token' };
      const created = await app.inject({ method: 'POST', url: '/api/class-sessions', headers, payload: { tutorialId: 'basics' } });
      assert.equal(created.statusCode, 201);
      const { code } = created.json<ClassSession>();
      await app.inject({ method: 'POST', url: '/api/tutorials/basics/progress', headers, payload: { currentStep: 'open', session: code } });
      const dashboard = (await app.inject({ method: 'GET', url: `/api/class-sessions/${code}/dashboard`, headers })).json<Dashboard>();
      assert.deepEqual(dashboard.learners.map((l) => l.name), ['me']);
    });
  });
}
