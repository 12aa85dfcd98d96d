import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RecordedServer } from './helpers/recorded-server.js';

describe('recorded server (test helper for outside APIs)', () => {
  const server = new RecordedServer();
  before(async () => {
    await server.start();
    server.record('GET', '/repos/a/b', { status: 200, body: { full_name: 'a/b' }, headers: { etag: '"x"' } });
    server.record('GET', '/search?q=1', { status: 200, body: 'one' });
  });
  after(() => server.stop());

  it('serves a recording by method and path, query string kept, and logs the request', async () => {
    const response = await fetch(`${server.url}/repos/a/b`, { headers: { accept: 'application/json' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('etag'), '"x"');
    assert.deepEqual(await response.json(), { full_name: 'a/b' });
    assert.equal(await (await fetch(`${server.url}/search?q=1`)).text(), 'one');
    assert.deepEqual(server.requests.slice(0, 2).map((r) => `${r.method} ${r.path}`), ['GET /repos/a/b', 'GET /search?q=1']);
    assert.equal(server.requests[0].headers.accept, 'application/json');
  });

  it('answers 404 naming the request when nothing is recorded', async () => {
    const response = await fetch(`${server.url}/nothing`, { method: 'POST' });
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as { message: string }).message, /POST \/nothing/);
  });

  it('injects a rate limit, a status and a dropped connection, and heals', async () => {
    server.inject('GET', '/repos/a/b', { kind: 'rate-limit', resetEpochSeconds: 1_700_000_000 });
    const limited = await fetch(`${server.url}/repos/a/b`);
    assert.equal(limited.status, 403);
    assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(limited.headers.get('x-ratelimit-reset'), '1700000000');
    server.inject('GET', '/repos/a/b', { kind: 'status', status: 503 });
    assert.equal((await fetch(`${server.url}/repos/a/b`)).status, 503);
    server.inject('GET', null, { kind: 'drop' });
    await assert.rejects(fetch(`${server.url}/search?q=1`));
    server.heal();
    assert.equal((await fetch(`${server.url}/repos/a/b`)).status, 200);
  });
});
