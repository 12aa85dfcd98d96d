import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody, WhoAmI } from '../src/api/schemas.js';
import type { App } from '../src/api/types.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import type { Database } from '../src/db/database.js';
import { testApp } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub, unreachableHubUrl } from './helpers/fake-hub.js';

const SERVICE_TOKEN = 'service-token-abc';

for (const variant of variants()) {
  describe(`HTTP API in hub mode on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: FakeHub;
    let app: App;

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      hub = await new FakeHub(SERVICE_TOKEN, {
        'alice-token': { name: 'alice', admin: false, groups: ['students', 'leap-pangeo-base-access'] },
        'bob-token': { name: 'bob', admin: true, groups: [] },
        'odd-token': { name: 'dr. o/neil', admin: false, groups: ['staff'] },
        'service-only': { kind: 'service', name: 'cull-idle' }
      }).start();
      ({ app } = await testApp('hub', db, hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN })));
    });
    after(async () => {
      await app?.close();
      await hub?.stop();
      await testDb?.cleanup();
    });

    const whoami = (authorization?: string) =>
      app.inject({ method: 'GET', url: '/api/whoami', headers: authorization === undefined ? {} : { authorization } });

    it('names the user from the hub, with groups and admin read with the service token', async () => {
      const alice = await whoami('token alice-token');
      assert.equal(alice.statusCode, 200);
      assert.deepEqual(alice.json<WhoAmI>(), {
        name: 'alice',
        admin: false,
        groups: ['leap-pangeo-base-access', 'students'],
        mode: 'hub'
      });
      const bob = await whoami('Bearer bob-token');
      assert.deepEqual(bob.json<WhoAmI>(), { name: 'bob', admin: true, groups: [], mode: 'hub' });
      const rows = await db.query<{ name: string; admin: boolean; groups: string[] }>(
        'SELECT name, admin, groups FROM users ORDER BY name'
      );
      assert.deepEqual(rows, [
        { name: 'alice', admin: false, groups: ['leap-pangeo-base-access', 'students'] },
        { name: 'bob', admin: true, groups: [] }
      ]);
    });

    it('escapes user names in the hub URL', async () => {
      const response = await whoami('token odd-token');
      assert.equal(response.statusCode, 200);
      assert.equal(response.json<WhoAmI>().name, 'dr. o/neil');
      assert.ok(hub.requests.includes('GET /hub/api/users/dr.%20o%2Fneil'));
    });

    it('caches an identity: a second call does not ask the hub again', async () => {
      const before = hub.requests.length;
      assert.equal((await whoami('token alice-token')).statusCode, 200);
      assert.equal(hub.requests.length, before);
    });

    it('a token the hub rejects is 401 invalid_token; a service token is not a user', async () => {
      for (const token of ['not-a-hub-token', 'service-only']) {
        const response = await whoami(`token ${token}`);
        assert.equal(response.statusCode, 401, token);
        assert.equal(response.json<ErrorBody>().code, 'invalid_token');
      }
      assert.equal((await whoami()).json<ErrorBody>().code, 'missing_token');
    });

    it('a service token without the read:users scope is a 502 that says which scope to grant', async () => {
      const { app: misconfigured } = await testApp(
        'hub',
        db,
        hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: 'wrong-service-token' })
      );
      const response = await misconfigured.inject({
        method: 'GET',
        url: '/api/whoami',
        headers: { authorization: 'token bob-token' }
      });
      await misconfigured.close();
      assert.equal(response.statusCode, 502);
      assert.equal(response.json<ErrorBody>().code, 'hub_unavailable');
      assert.match(response.json<ErrorBody>().message, /read:users/);
    });

    it('an unreachable hub is a 502 hub_unavailable, not a 401', async () => {
      const { app: orphan } = await testApp(
        'hub',
        db,
        hubIdentityProvider({ apiUrl: await unreachableHubUrl(), apiToken: SERVICE_TOKEN, timeoutMs: 2000 })
      );
      const response = await orphan.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: 'token alice-token' } });
      await orphan.close();
      assert.equal(response.statusCode, 502);
      assert.equal(response.json<ErrorBody>().code, 'hub_unavailable');
      assert.match(response.json<ErrorBody>().message, /unreachable: .*ECONNREFUSED/);
    });
  });
}
