import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RequestEvent } from '../src/api/requests-schemas.js';
import { updateFor } from '../src/requests/github-comment.js';
import { variants } from './helpers/databases.js';
import { COMMENTS, ISSUE, ISSUES, MirrorHarness } from './helpers/requests-mirror.js';

// The recorded "create an issue comment" answer (octokit.rb cassette): its html_url.
const COMMENT_URL = 'https://github.com/<GITHUB_LOGIN>/<GITHUB_TEST_REPOSITORY>_1477178607.6116219/issues/1#issuecomment-255559959';
const marker = (event: { id: number }) => `<!-- leap-dataset-request-event:${event.id} -->`;

describe('the GitHub comment of a request event', () => {
  const event = (fields: Partial<RequestEvent>): RequestEvent => ({
    id: 7, requestId: 3, requestName: 'CHIRPS', kind: 'status', actor: 'dana', from: 'ingesting', to: 'done', body: '', datasetId: null,
    at: '2026-11-03T10:00:00.000Z', github: null, ...fields
  });

  it('says the new status, who set it, the note; done names the dataset and closes as completed', () => {
    assert.deepEqual(updateFor(event({ to: 'done', datasetId: 'leap:chirps', body: 'All years.' })), {
      body: '**Done**: in the LEAP Data Library as `leap:chirps` (`dana`).\n\nAll years.\n\n---\n_From JupyterLab (LEAP dataset request 3)._ <!-- leap-dataset-request-event:7 -->',
      close: 'completed'
    });
    assert.deepEqual(updateFor(event({ from: 'new', to: 'accepted' })).close, null);
    assert.match(updateFor(event({ from: 'new', to: 'accepted', body: 'This month.' })).body, /^\*\*Accepted\*\* by the LEAP data team \(`dana`\)\.\n\nThis month\.\n\n---\n/);
    assert.match(updateFor(event({ from: 'accepted', to: 'ingesting' })).body, /^\*\*Ingesting\*\*: the LEAP data team \(`dana`\) is bringing it into the Data Library\.\n\n---/);
  });

  it('declined closes as not planned, with the reason or saying none was given', () => {
    const declined = updateFor(event({ from: 'new', to: 'declined', body: 'Already on Pangeo Forge.' }));
    assert.equal(declined.close, 'not_planned');
    assert.match(declined.body, /^\*\*Declined\*\* by the LEAP data team \(`dana`\)\.\n\nReason: Already on Pangeo Forge\.\n/);
    assert.match(updateFor(event({ from: 'new', to: 'declined' })).body, /\n\n_No reason was given\._\n/);
  });

  it("quotes a data-team comment and leaves the issue open; other events are not mirrored", () => {
    assert.deepEqual(updateFor(event({ kind: 'comment', from: null, to: null, body: 'Which variables?' })), {
      body: '`dana` (LEAP data team) commented:\n\nWhich variables?\n\n---\n_From JupyterLab (LEAP dataset request 3)._ <!-- leap-dataset-request-event:7 -->',
      close: null
    });
    assert.throws(() => updateFor(event({ kind: 'created', from: null, to: 'new' })), /event 7 \(created → new\) is not mirrored/);
  });
});

for (const variant of variants()) {
  describe(`dataset request updates on its GitHub issue on ${variant.name}`, () => {
    const h = new MirrorHarness(variant);
    before(() => h.start());
    after(() => h.stop());
    beforeEach(() => h.github.heal());

    it('a status change becomes a comment on the issue, shown on the event and the request', async () => {
      const id = await h.submit('NOAA OISST v2.1 daily');
      const from = h.github.requests.length;
      await h.move(id, 'accepted', { note: 'We will add it this month.' });
      const detail = await h.detail(id);
      const accepted = detail.events.at(-1)!;
      assert.deepEqual(h.sent(from), [
        { call: `POST ${COMMENTS}`, body: { body: `**Accepted** by the LEAP data team (\`dana\`).\n\nWe will add it this month.\n\n---\n_From JupyterLab (LEAP dataset request ${id})._ ${marker(accepted)}` } }
      ]);
      assert.equal(h.github.requests.at(-1)!.headers.authorization, 'token ghp_requests_test_token');
      assert.deepEqual(accepted.github, { state: 'sent', attempts: 1, lastError: null, nextAttempt: null, commentUrl: COMMENT_URL });
      assert.equal(detail.events[0].github, null, 'the request itself is the issue, not a comment');
      assert.deepEqual(detail.request.mirror!.updates, { waiting: 0, failed: 0, lastError: null, nextAttempt: null });
      assert.doesNotMatch(h.logs.text, /ghp_requests_test_token/, 'the token is never logged');
    });

    it('done closes the issue as completed, after the comment naming the catalog dataset', async () => {
      const id = await h.submit('CHIRPS daily');
      await h.move(id, 'accepted');
      await h.move(id, 'ingesting');
      const from = h.github.requests.length;
      await h.move(id, 'done', { datasetId: h.datasetId });
      const sent = h.sent(from);
      assert.deepEqual(sent.map((s) => s.call), [`POST ${COMMENTS}`, `PATCH ${ISSUE}`]);
      assert.match(String(sent[0].body.body), new RegExp(`^\\*\\*Done\\*\\*: in the LEAP Data Library as \`${h.datasetId}\` \\(\`dana\`\\)\\.`));
      assert.deepEqual(sent[1].body, { state: 'closed', state_reason: 'completed' });
      const events = (await h.detail(id)).events;
      assert.deepEqual(events.map((e) => e.github?.state ?? null), [null, 'sent', 'sent', 'sent']);
    });

    it('declined closes the issue as not planned, with the reason', async () => {
      const id = await h.submit('GPCP monthly');
      const from = h.github.requests.length;
      await h.move(id, 'declined', { note: 'Already in the Data Library as GPCP v3.2.' });
      const sent = h.sent(from);
      assert.deepEqual(sent.map((s) => s.call), [`POST ${COMMENTS}`, `PATCH ${ISSUE}`]);
      assert.match(String(sent[0].body.body), /^\*\*Declined\*\* by the LEAP data team \(`dana`\)\.\n\nReason: Already in the Data Library as GPCP v3\.2\.\n/);
      assert.deepEqual(sent[1].body, { state: 'closed', state_reason: 'not_planned' });
    });

    it("the data team's comments go to the issue, the requester's stay in JupyterLab", async () => {
      const id = await h.submit('ERA5 single levels');
      const from = h.github.requests.length;
      await h.comment('alice', id, 'Hourly would be best.');
      assert.deepEqual(h.sent(from), [], "the requester's comment is not sent");
      await h.comment('dana', id, 'Which variables do you need?');
      const sent = h.sent(from);
      assert.deepEqual(sent.map((s) => s.call), [`POST ${COMMENTS}`]);
      assert.match(String(sent[0].body.body), /^`dana` \(LEAP data team\) commented:\n\nWhich variables do you need\?\n/);
      const events = (await h.detail(id)).events;
      assert.deepEqual(events.map((e) => [e.kind, e.github?.state ?? null]), [['created', null], ['comment', null], ['comment', 'sent']]);
    });

    it('a request whose issue is not open yet gets its updates after the issue, in order', async () => {
      h.github.inject('POST', ISSUES, { kind: 'status', status: 503, body: { message: 'Service Unavailable' } });
      const before = h.github.requests.length;
      const id = await h.submit('Argo floats');
      await h.move(id, 'accepted');
      await h.comment('dana', id, 'Core or BGC?');
      let mirror = (await h.detail(id)).request.mirror!;
      assert.equal(mirror.state, 'queued');
      assert.deepEqual(mirror.updates, { waiting: 2, failed: 0, lastError: null, nextAttempt: null }, 'waiting for the issue, not tried');
      assert.deepEqual(h.sent(before).map((s) => s.call), [`POST ${ISSUES}`], 'nothing but the issue tried');
      h.github.heal();
      h.later(30_000);
      const from = h.github.requests.length;
      assert.equal(await h.sender.sendDue(), 3, 'the issue, then both updates in the same pass');
      const sent = h.sent(from);
      assert.deepEqual(sent.map((s) => s.call), [`GET ${ISSUES}`, `POST ${ISSUES}`, `POST ${COMMENTS}`, `POST ${COMMENTS}`], 'looked for (not there), opened, then the updates');
      assert.match(String(sent[2].body.body), /^\*\*Accepted\*\*/);
      assert.match(String(sent[3].body.body), /commented:\n\nCore or BGC\?/);
      mirror = (await h.detail(id)).request.mirror!;
      assert.equal(mirror.state, 'sent');
      assert.deepEqual(mirror.updates, { waiting: 0, failed: 0, lastError: null, nextAttempt: null });
    });
  });
}
