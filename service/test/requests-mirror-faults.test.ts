import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { DatasetRequest, RequestEvent } from '../src/api/requests-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import { MAX_ATTEMPTS } from '../src/requests/mirror.js';
import { variants } from './helpers/databases.js';
import type { Recording } from './helpers/recorded-server.js';
import { COMMENTS, ISSUE, MirrorHarness } from './helpers/requests-mirror.js';

const fixture = async (name: string) => JSON.parse(await readFile(fileURLToPath(new URL(`./fixtures/github/${name}`, import.meta.url)), 'utf8')) as Recording;
const eventIds = (sent: { body: Record<string, unknown> }[]) => sent.map((s) => Number(/leap-dataset-request-event:(\d+)/.exec(String(s.body.body))?.[1]));

for (const variant of variants()) {
  describe(`dataset request updates through GitHub faults on ${variant.name}`, () => {
    const h = new MirrorHarness(variant);
    before(() => h.start());
    after(() => h.stop());
    beforeEach(() => h.github.heal());
    const lastEvent = async (id: number): Promise<RequestEvent> => (await h.detail(id)).events.at(-1)!;

    it('keeps an update through an outage (503), retries with backoff, looks for it before posting again, sends it once', async () => {
      const id = await h.submit('NOAA OISST v2.1 daily');
      h.github.inject('POST', COMMENTS, { kind: 'status', status: 503, body: { message: 'Service Unavailable' } });
      await h.move(id, 'accepted');
      let event = await lastEvent(id);
      assert.deepEqual(event.github, {
        state: 'queued', attempts: 1, lastError: 'GitHub answered 503: Service Unavailable', nextAttempt: new Date(h.clock.getTime() + 30_000).toISOString(), commentUrl: null
      });
      assert.deepEqual((await h.detail(id)).request.mirror!.updates, {
        waiting: 1, failed: 0, lastError: 'GitHub answered 503: Service Unavailable', nextAttempt: new Date(h.clock.getTime() + 30_000).toISOString()
      });
      assert.equal(await h.sender.sendDue(), 0, 'not due before its backoff');
      h.later(30_000);
      assert.equal(await h.sender.sendDue(), 1);
      event = await lastEvent(id);
      assert.equal(event.github!.attempts, 2);
      assert.equal(event.github!.nextAttempt, new Date(h.clock.getTime() + 60_000).toISOString(), 'the wait doubles');
      h.github.heal();
      h.later(60_000);
      const from = h.github.requests.length;
      assert.equal(await h.sender.sendDue(), 1);
      assert.deepEqual(h.sent(from).map((s) => s.call), [`GET ${COMMENTS}`, `POST ${COMMENTS}`], 'not among the recorded comments: posted');
      event = await lastEvent(id);
      assert.equal(event.github!.state, 'sent');
      assert.equal(event.github!.attempts, 3);
      assert.equal(event.github!.lastError, null);
    });

    it('waits for the rate limit to reset (403, x-ratelimit-remaining: 0) before closing, and never posts the comment again', async () => {
      const id = await h.submit('CHIRPS daily');
      await h.move(id, 'accepted');
      await h.move(id, 'ingesting');
      const reset = Math.floor(h.clock.getTime() / 1000) + 600;
      h.github.inject('PATCH', ISSUE, { kind: 'rate-limit', resetEpochSeconds: reset });
      await h.move(id, 'declined', { note: 'The license does not allow copies.' });
      let event = await lastEvent(id);
      assert.equal(event.github!.state, 'queued');
      assert.match(event.github!.lastError!, /^GitHub rate limit reached \(403\): API rate limit exceeded/);
      assert.equal(event.github!.nextAttempt, new Date((reset + 1) * 1000).toISOString());
      assert.notEqual(event.github!.commentUrl, null, 'the comment is on the issue already');
      h.github.heal();
      h.later(120_000);
      assert.equal(await h.sender.sendDue(), 0, 'not before the reset');
      h.later(600_000);
      const from = h.github.requests.length;
      assert.equal(await h.sender.sendDue(), 1);
      assert.deepEqual(h.sent(from), [{ call: `PATCH ${ISSUE}`, body: { state: 'closed', state_reason: 'not_planned' } }]);
      event = await lastEvent(id);
      assert.equal(event.github!.state, 'sent');
    });

    it('posts no duplicate when GitHub saved a comment but its answer was lost (connection dropped)', async () => {
      const id = await h.submit('ERA5 single levels');
      h.github.inject('POST', COMMENTS, { kind: 'drop' });
      const from = h.github.requests.length;
      await h.comment('dana', id, 'Which pressure levels?');
      const lost = h.github.requests.at(-1)!;
      assert.equal(`${lost.method} ${lost.path}`, `POST ${COMMENTS}`);
      let event = await lastEvent(id);
      assert.equal(event.github!.state, 'queued');
      assert.match(event.github!.lastError!, /^GitHub could not be reached/);
      // GitHub kept it: the issue's comments (recorded) now end with the one whose answer was lost.
      const listed = await fixture('list-issue-comments.json');
      const created = (await fixture('create-issue-comment.json')).body as { id: number; html_url: string };
      const saved = { ...created, body: (JSON.parse(lost.body) as { body: string }).body };
      h.github.heal().record('GET', COMMENTS, { ...listed, body: [...(listed.body as object[]), saved] });
      try {
        h.later(30_000);
        assert.equal(await h.sender.sendDue(), 1);
      } finally {
        h.github.record('GET', COMMENTS, listed);
      }
      assert.deepEqual(h.sent(from).map((s) => s.call), [`POST ${COMMENTS}`, `GET ${COMMENTS}`], 'found, not posted twice');
      event = await lastEvent(id);
      assert.deepEqual(event.github, { state: 'sent', attempts: 2, lastError: null, nextAttempt: null, commentUrl: created.html_url });
    });

    it('keeps the order: a waiting update holds the later ones back, then all go in event order', async () => {
      const id = await h.submit('GPCP monthly');
      h.github.inject('POST', COMMENTS, { kind: 'status', status: 502, body: { message: 'Bad Gateway' } });
      const from = h.github.requests.length;
      await h.move(id, 'accepted');
      await h.comment('dana', id, 'Version 3.2, please.');
      await h.move(id, 'ingesting');
      assert.equal(h.sent(from).length, 1, 'only the first was tried');
      const { request, events } = await h.detail(id);
      assert.deepEqual(events.map((e) => e.github?.attempts ?? null), [null, 1, 0, 0]);
      assert.equal(request.mirror!.updates.waiting, 3);
      assert.match(request.mirror!.updates.lastError!, /GitHub answered 502: Bad Gateway/);
      h.github.heal();
      h.later(30_000);
      const resumed = h.github.requests.length;
      assert.equal(await h.sender.sendDue(), 3);
      const posted = h.sent(resumed).filter((s) => s.call === `POST ${COMMENTS}`);
      assert.deepEqual(eventIds(posted), events.slice(1).map((e) => e.id), 'in event order');
      assert.deepEqual((await h.detail(id)).request.mirror!.updates, { waiting: 0, failed: 0, lastError: null, nextAttempt: null });
    });

    it('a refusal for good (404) fails at once and holds the rest back, until the data team retries', async () => {
      const id = await h.submit('MODIS LAI v7');
      h.github.inject('POST', COMMENTS, { kind: 'status', status: 404, body: { message: 'Not Found' } });
      await h.move(id, 'accepted');
      await h.comment('dana', id, 'Collection 6.1?');
      const failed = (await h.detail(id)).events[1];
      assert.deepEqual(failed.github, {
        state: 'failed', attempts: 1, nextAttempt: null, commentUrl: null,
        lastError: 'GitHub answered 404: issue octokit-fixture-org/add-labels-to-issue#1 not found, or the token cannot see it (Not Found)'
      });
      let mirror = (await h.detail(id)).request.mirror!;
      assert.deepEqual(mirror.updates, { waiting: 1, failed: 1, lastError: failed.github!.lastError, nextAttempt: null });
      h.github.heal();
      h.later(2 * 60 * 60_000);
      assert.equal(await h.sender.sendDue(), 0, 'the later comment waits behind the failed one');
      assert.equal((await h.call<ErrorBody>('alice', 'POST', `/api/requests/${id}/mirror/retry`)).status, 403);
      const from = h.github.requests.length;
      const retried = await h.call<DatasetRequest>('dana', 'POST', `/api/requests/${id}/mirror/retry`);
      assert.equal(retried.status, 200);
      await h.sender.settled();
      assert.deepEqual(h.sent(from).map((s) => s.call), [`GET ${COMMENTS}`, `POST ${COMMENTS}`, `POST ${COMMENTS}`]);
      mirror = (await h.detail(id)).request.mirror!;
      assert.deepEqual(mirror.updates, { waiting: 0, failed: 0, lastError: null, nextAttempt: null });
      assert.equal((await h.call<ErrorBody>('dana', 'POST', `/api/requests/${id}/mirror/retry`)).status, 409, 'nothing left to retry');
    });

    it(`gives an update up after ${MAX_ATTEMPTS} failed attempts, saying why`, async () => {
      const id = await h.submit('Argo floats');
      h.github.inject('POST', COMMENTS, { kind: 'status', status: 500, body: { message: 'Server Error' } });
      await h.move(id, 'accepted');
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        h.later(2 * 60 * 60_000);
        await h.sender.sendDue();
      }
      const event = await lastEvent(id);
      assert.equal(event.github!.state, 'failed');
      assert.equal(event.github!.attempts, MAX_ATTEMPTS);
      assert.match(event.github!.lastError!, new RegExp(`^gave up after ${MAX_ATTEMPTS} attempts; last: GitHub answered 500: Server Error`));
    });
  });
}
