import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { DatasetRequest, RequestDetail, RequestFormInfo } from '../src/api/requests-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import { buildApp } from '../src/api/app.js';
import type { App } from '../src/api/types.js';
import type { Identity, IdentityProvider } from '../src/auth/identity.js';
import type { Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { octokitIssueUpdater } from '../src/requests/github-updates.js';
import { octokitIssueOpener } from '../src/requests/github.js';
import { MAX_ATTEMPTS, MirrorSender } from '../src/requests/mirror.js';
import { LogCapture } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { RecordedServer, type Recording } from './helpers/recorded-server.js';
import { OISST } from './helpers/request-form.js';

const RECORDING = fileURLToPath(new URL('./fixtures/github/create-issue.json', import.meta.url));
const LISTING = fileURLToPath(new URL('./fixtures/github/list-repo-issues.json', import.meta.url));
// The repository of the recorded answer (octokit/fixtures, add-labels-to-issue).
const OWNER = 'octokit-fixture-org';
const REPO = 'add-labels-to-issue';
const ISSUES = `/repos/${OWNER}/${REPO}/issues`;
const USERS: Record<string, Identity> = {
  alice: { name: 'alice', admin: false, groups: [] },
  dana: { name: 'dana', admin: false, groups: ['data-team'] }
};
const identity: IdentityProvider = { identify: async (token) => USERS[token] ?? null };

for (const variant of variants()) {
  describe(`dataset request GitHub mirror on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    let sender: MirrorSender;
    const github = new RecordedServer();
    const logs = new LogCapture();
    let clock = new Date('2026-11-03T10:00:00Z');
    const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
    const call = async <T>(user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await app.inject({ method, url, headers: { authorization: `token ${user}` }, ...(payload === undefined ? {} : { payload }) });
      return { status: response.statusCode, body: (response.body === '' ? null : response.json()) as T };
    };
    /** Submits a request and waits for the mirror's first attempt. */
    const submit = async (name: string) => {
      const { status, body } = await call<DatasetRequest>('alice', 'POST', '/api/requests', { ...OISST, name });
      assert.equal(status, 201, JSON.stringify(body));
      assert.equal(body.mirror?.state, 'queued', 'saved and queued before GitHub is asked');
      await sender.settled();
      return body.id;
    };
    const mirrorOf = async (id: number) => (await call<RequestDetail>('alice', 'GET', `/api/requests/${id}`)).body.request.mirror!;

    before(async () => {
      await github.start();
      await github.recordFile('POST', ISSUES, RECORDING);
      await github.recordFile('GET', ISSUES, LISTING);
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      const logger = createLogger('debug', logs);
      const config = { apiUrl: github.url, owner: OWNER, repo: REPO, token: 'ghp_requests_test_token' };
      sender = new MirrorSender(db, { ...octokitIssueOpener(config, logger, () => clock), ...octokitIssueUpdater(config, logger, () => clock) }, logger, () => clock);
      app = await buildApp({
        config: { mode: 'hub' },
        db,
        identity,
        logger,
        requests: { dataTeamGroups: ['data-team'], mirror: { repo: `${OWNER}/${REPO}`, sender }, now: () => clock }
      });
      await app.ready();
    });
    after(async () => {
      await app?.close();
      await github.stop();
      await testDb?.cleanup();
    });
    beforeEach(() => github.heal());

    it('opens the issue with Octokit and shows its number and link', async () => {
      const form = (await call<RequestFormInfo>('alice', 'GET', '/api/requests/form')).body;
      assert.equal(form.mirrorRepo, `${OWNER}/${REPO}`);
      const id = await submit('NOAA OISST v2.1 daily');
      const mirror = await mirrorOf(id);
      assert.deepEqual(mirror, {
        repo: `${OWNER}/${REPO}`,
        state: 'sent',
        attempts: 1,
        lastError: null,
        nextAttempt: null,
        issueNumber: 1,
        issueUrl: `https://github.com/${OWNER}/${REPO}/issues/1`,
        updates: { waiting: 0, failed: 0, lastError: null, nextAttempt: null }
      });
      const sent = github.requests.at(-1)!;
      assert.equal(`${sent.method} ${sent.path}`, `POST ${ISSUES}`);
      assert.equal(sent.headers.authorization, 'token ghp_requests_test_token');
      assert.match(String(sent.headers['user-agent']), /^leap-hub-service\//);
      assert.doesNotMatch(logs.text, /ghp_requests_test_token/, 'the token is never logged');
    });

    it('keeps a request through a GitHub outage (503), retries with backoff and sends it once GitHub is back', async () => {
      github.inject('POST', ISSUES, { kind: 'status', status: 503, body: { message: 'Service Unavailable' } });
      const id = await submit('ERA5 single levels');
      let mirror = await mirrorOf(id);
      assert.equal(mirror.state, 'queued');
      assert.equal(mirror.attempts, 1);
      assert.match(mirror.lastError!, /GitHub answered 503: Service Unavailable/);
      assert.equal(mirror.nextAttempt, new Date(clock.getTime() + 30_000).toISOString());
      assert.equal(await sender.sendDue(), 0, 'not due before its backoff');
      later(30_000);
      assert.equal(await sender.sendDue(), 1);
      mirror = await mirrorOf(id);
      assert.equal(mirror.attempts, 2);
      assert.equal(mirror.nextAttempt, new Date(clock.getTime() + 60_000).toISOString(), 'the wait doubles');
      github.heal();
      later(60_000);
      await sender.sendDue();
      mirror = await mirrorOf(id);
      assert.equal(mirror.state, 'sent');
      assert.equal(mirror.attempts, 3);
      assert.equal(mirror.issueNumber, 1);
      assert.equal(mirror.lastError, null);
    });

    it('retries when the connection drops', async () => {
      github.inject('POST', ISSUES, { kind: 'drop' });
      const id = await submit('GPCP daily');
      const mirror = await mirrorOf(id);
      assert.equal(mirror.state, 'queued');
      assert.match(mirror.lastError!, /GitHub could not be reached/);
      github.heal();
      later(30_000);
      await sender.sendDue();
      assert.equal((await mirrorOf(id)).state, 'sent');
    });

    it('looks for the issue before opening it again: one GitHub opened but whose answer was lost is not opened twice', async () => {
      github.inject('POST', ISSUES, { kind: 'drop' });
      const from = github.requests.length;
      const id = await submit('HadISST 1.1');
      const lost = github.requests.at(-1)!;
      assert.equal((await mirrorOf(id)).state, 'queued');
      // GitHub kept it: the repository's issues (recorded) now include the one whose answer was lost.
      const listed = JSON.parse(await readFile(LISTING, 'utf8')) as Recording;
      const created = (JSON.parse(await readFile(RECORDING, 'utf8')) as Recording).body as { number: number; html_url: string };
      const sent = JSON.parse(lost.body) as { title: string; body: string };
      github.heal().record('GET', ISSUES, { ...listed, body: [{ ...created, title: sent.title, body: sent.body }, ...(listed.body as object[])] });
      try {
        later(30_000);
        assert.equal(await sender.sendDue(), 1);
      } finally {
        github.record('GET', ISSUES, listed);
      }
      assert.deepEqual(github.requests.slice(from).map((r) => `${r.method} ${r.path.split('?')[0]}`), [`POST ${ISSUES}`, `GET ${ISSUES}`], 'found, not opened twice');
      assert.match(github.requests.at(-1)!.path, /[?&]labels=dataset(&|$)/);
      const mirror = await mirrorOf(id);
      assert.equal(mirror.state, 'sent');
      assert.equal(mirror.issueNumber, created.number);
      assert.equal(mirror.issueUrl, created.html_url);
    });

    it('waits for the rate limit to reset (403, x-ratelimit-remaining: 0)', async () => {
      const reset = Math.floor(clock.getTime() / 1000) + 600;
      github.inject('POST', ISSUES, { kind: 'rate-limit', resetEpochSeconds: reset });
      const id = await submit('CHIRPS monthly');
      const mirror = await mirrorOf(id);
      assert.equal(mirror.state, 'queued');
      assert.match(mirror.lastError!, /GitHub rate limit reached \(403\): API rate limit exceeded/);
      assert.equal(mirror.nextAttempt, new Date((reset + 1) * 1000).toISOString());
      github.heal();
      later(120_000);
      assert.equal(await sender.sendDue(), 0, 'not before the reset');
      later(600_000);
      assert.equal(await sender.sendDue(), 1);
      assert.equal((await mirrorOf(id)).state, 'sent');
    });

    it('fails at once when GitHub refuses for good (404), and the data team can retry it', async () => {
      github.inject('POST', ISSUES, { kind: 'status', status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue' } });
      const id = await submit('MODIS LAI v7');
      let mirror = await mirrorOf(id);
      assert.equal(mirror.state, 'failed');
      assert.equal(mirror.nextAttempt, null);
      assert.match(mirror.lastError!, /GitHub answered 404: repository octokit-fixture-org\/add-labels-to-issue not found, or the token cannot see it \(Not Found\)/);
      const byRequester = await call<ErrorBody>('alice', 'POST', `/api/requests/${id}/mirror/retry`);
      assert.equal(byRequester.status, 403);
      github.heal();
      const retried = await call<DatasetRequest>('dana', 'POST', `/api/requests/${id}/mirror/retry`);
      assert.equal(retried.status, 200);
      await sender.settled();
      mirror = await mirrorOf(id);
      assert.equal(mirror.state, 'sent');
      assert.equal(mirror.attempts, 1, 'a retry starts the count again');
      assert.equal((await call<ErrorBody>('dana', 'POST', `/api/requests/${id}/mirror/retry`)).status, 409, 'a sent one is not sent twice');
    });

    it(`gives up after ${MAX_ATTEMPTS} failed attempts, saying why`, async () => {
      github.inject('POST', ISSUES, { kind: 'status', status: 502, body: { message: 'Bad Gateway' } });
      const id = await submit('Argo floats');
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        later(2 * 60 * 60_000);
        await sender.sendDue();
      }
      const mirror = await mirrorOf(id);
      assert.equal(mirror.state, 'failed');
      assert.equal(mirror.attempts, MAX_ATTEMPTS);
      assert.match(mirror.lastError!, new RegExp(`gave up after ${MAX_ATTEMPTS} attempts; last: GitHub answered 502: Bad Gateway`));
      assert.equal((await call<DatasetRequest>('alice', 'GET', `/api/requests/${id}`)).status, 200, 'the request itself stays');
    });
  });
}
