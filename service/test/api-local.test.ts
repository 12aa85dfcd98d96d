import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody, Health, WhoAmI } from '../src/api/schemas.js';
import type { App } from '../src/api/types.js';
import { localIdentityProvider } from '../src/auth/local.js';
import type { Database } from '../src/db/database.js';
import { loadMigrations } from '../src/db/migrations.js';
import { testApp } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

const TOKEN = 'local-token-0123456789abcdef';

for (const variant of variants()) {
  describe(`HTTP API in local mode on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      ({ app } = await testApp('local', db, localIdentityProvider(TOKEN, 'alice')));
    });
    after(async () => {
      await app?.close();
      await testDb?.cleanup();
    });

    it('GET /api/health needs no token and reports the database and schema', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(response.statusCode, 200);
      const body = response.json<Health>();
      assert.equal(body.status, 'ok');
      assert.equal(body.mode, 'local');
      assert.deepEqual(body.database, { kind: variant.name, ok: true, schemaVersion: (await loadMigrations()).length });
      assert.match(body.version, /^\d+\.\d+\.\d+/);
      assert.ok(!Number.isNaN(Date.parse(body.startedAt)));
    });

    it('GET /api/whoami with the token is the local user, admin, and records the user', async () => {
      for (const authorization of [`token ${TOKEN}`, `Bearer ${TOKEN}`]) {
        const response = await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization } });
        assert.equal(response.statusCode, 200, authorization.split(' ')[0]);
        assert.deepEqual(response.json<WhoAmI>(), { name: 'alice', admin: true, groups: [], mode: 'local' });
      }
      const rows = await db.query<{ name: string; admin: boolean; first_seen: Date; last_seen: Date }>(
        'SELECT name, admin, first_seen, last_seen FROM users'
      );
      assert.equal(rows.length, 1);
      assert.equal(rows[0].name, 'alice');
      assert.equal(rows[0].admin, true);
      assert.ok(rows[0].last_seen >= rows[0].first_seen);
    });

    it('a wrong token is 401 invalid_token, a missing one 401 missing_token', async () => {
      const wrong = await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: 'token nope' } });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json<ErrorBody>().code, 'invalid_token');
      const malformed = await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: TOKEN } });
      assert.equal(malformed.statusCode, 401);
      assert.equal(malformed.json<ErrorBody>().code, 'invalid_token');
      const missing = await app.inject({ method: 'GET', url: '/api/whoami' });
      assert.equal(missing.statusCode, 401);
      assert.deepEqual(Object.keys(missing.json<ErrorBody>()).sort(), ['code', 'message', 'statusCode']);
      assert.equal(missing.json<ErrorBody>().code, 'missing_token');
    });

    it('a user name in headers, query or body is never trusted', async () => {
      const spoofed = await app.inject({
        method: 'GET',
        url: '/api/whoami?user=mallory&name=mallory',
        headers: {
          'x-forwarded-user': 'mallory',
          'x-remote-user': 'mallory',
          'jupyterhub-user': 'mallory',
          'content-type': 'application/json'
        },
        payload: JSON.stringify({ name: 'mallory', admin: true })
      });
      assert.equal(spoofed.statusCode, 401);
      const withToken = await app.inject({
        method: 'GET',
        url: '/api/whoami?user=mallory',
        headers: { authorization: `token ${TOKEN}`, 'x-forwarded-user': 'mallory', 'x-remote-user': 'mallory' }
      });
      assert.equal(withToken.json<WhoAmI>().name, 'alice');
      const names = await db.query<{ name: string }>('SELECT name FROM users ORDER BY name');
      assert.deepEqual(names.map((r) => r.name), ['alice']);
    });

    it('an unknown route is 404 not_found in the ErrorBody shape', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
      assert.equal(response.statusCode, 404);
      assert.deepEqual(response.json<ErrorBody>(), {
        statusCode: 404,
        code: 'not_found',
        message: 'No route GET /api/nothing-here'
      });
      const wrongMethod = await app.inject({ method: 'DELETE', url: '/api/whoami', headers: { authorization: `token ${TOKEN}` } });
      assert.equal(wrongMethod.json<ErrorBody>().code, 'not_found');
    });

    it('a malformed JSON body is 400 invalid_json', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/whoami',
        headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
        payload: '{"name": '
      });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(response.json<ErrorBody>(), {
        statusCode: 400,
        code: 'invalid_json',
        message: 'The request body is not valid JSON'
      });
    });

    it('health asks the database once for many callers at the same time', async () => {
      let checks = 0;
      const counting: Database = { ...db, query: (sql, params) => ((checks += Number(sql.includes('schema_migrations'))), db.query(sql, params)) };
      const { app: counted } = await testApp('local', counting, localIdentityProvider(TOKEN, 'alice'));
      const answers = await Promise.all(Array.from({ length: 20 }, () => counted.inject({ method: 'GET', url: '/api/health' })));
      await counted.close();
      assert.deepEqual([...new Set(answers.map((a) => a.statusCode))], [200]);
      assert.ok(checks >= 1 && checks < 20, `${checks} database checks for 20 health requests`);
    });

    it('health turns 503 degraded when the database stops answering', async () => {
      const failing: Database = { ...db, query: () => Promise.reject(new Error('connection refused')) };
      const { app: broken } = await testApp('local', failing, localIdentityProvider(TOKEN, 'alice'));
      const response = await broken.inject({ method: 'GET', url: '/api/health' });
      await broken.close();
      assert.equal(response.statusCode, 503);
      assert.equal(response.json<Health>().status, 'degraded');
      assert.equal(response.json<Health>().database.ok, false);
    });
  });
}
