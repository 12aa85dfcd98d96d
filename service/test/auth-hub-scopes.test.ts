import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorBody, WhoAmI } from '../src/api/schemas.js';
import { hubIdentityProvider, mayCallService } from '../src/auth/hub.js';
import { loadConfig } from '../src/config.js';
import { testApp } from './helpers/app.js';
import { FakeHub } from './helpers/fake-hub.js';
import { stubDatabase } from './helpers/stub-db.js';

const SERVICE_TOKEN = 'service-token-scopes';
const bob = (scopes: string[]) => ({ name: 'bob', admin: false, groups: [], scopes });

describe('hub tokens: only those with access to the service, or to the owner\'s server', () => {
  it('mayCallService: this service, every service, the owner\'s own server; nothing else', () => {
    const yes: [string[], string | undefined][] = [
      [['access:services'], 'leap'],
      [['read:users:name!user=bob', 'access:services!service=leap'], 'leap'],
      [['access:services!service=leap'], undefined],
      [['users:activity!user=bob', 'access:servers!server=bob/'], 'leap'],
      [['access:servers!server=bob/gpu'], 'leap'],
      [['access:servers!user=bob'], 'leap'],
      [['access:servers'], 'leap']
    ];
    const no: [unknown, string | undefined][] = [
      [['read:users:name!user=bob', 'read:users:groups!user=bob'], 'leap'],
      [['users:activity!user=bob', 'read:users:activity!user=bob'], 'leap'],
      [['access:services!service=other'], 'leap'],
      [['access:services!service=leap-b'], 'leap'],
      [['access:servers!server=alice/'], 'leap'],
      [['access:servers!server=bobby/'], 'leap'],
      [['access:servers!user=alice'], 'leap'],
      [[], undefined],
      [undefined, 'leap'],
      ['access:services', 'leap']
    ];
    for (const [scopes, service] of yes) {
      assert.equal(mayCallService(scopes, 'bob', service), true, `${JSON.stringify(scopes)} for ${service}`);
    }
    for (const [scopes, service] of no) {
      assert.equal(mayCallService(scopes, 'bob', service), false, `${JSON.stringify(scopes)} for ${service}`);
    }
  });

  it('the service name comes from LEAP_HUB_SERVICE_NAME, else JUPYTERHUB_SERVICE_NAME (set by the hub)', () => {
    const base = { LEAP_MODE: 'hub', DATABASE_URL: 'postgresql://leap@db/leap', JUPYTERHUB_API_URL: 'http://hub:8081/hub/api', JUPYTERHUB_API_TOKEN: 't' };
    const nameOf = (env: Record<string, string>) => {
      const { auth } = loadConfig({ ...base, ...env });
      return auth.mode === 'hub' ? auth.serviceName : 'local';
    };
    assert.equal(nameOf({}), undefined);
    assert.equal(nameOf({ JUPYTERHUB_SERVICE_NAME: 'leap' }), 'leap');
    assert.equal(nameOf({ JUPYTERHUB_SERVICE_NAME: 'leap-b', LEAP_HUB_SERVICE_NAME: 'leap' }), 'leap');
  });

  describe('through the API', () => {
    let hub: FakeHub;
    before(async () => {
      hub = await new FakeHub(SERVICE_TOKEN, {
        'leap-token': bob(['access:services!service=leap', 'read:users:name!user=bob']),
        'server-token': bob(['users:activity!user=bob', 'access:servers!server=bob/', 'read:users:name!user=bob']),
        'identify-token': bob(['read:users:name!user=bob', 'read:users:groups!user=bob']),
        'activity-token': bob(['users:activity!user=bob', 'read:users:name!user=bob']),
        'other-service-token': bob(['access:services!service=grafana', 'read:users:name!user=bob']),
        'alices-server-token': bob(['access:servers!server=alice/', 'read:users:name!user=bob'])
      }).start();
    });
    after(async () => hub?.stop());

    it('a token for the service or the user\'s server is the user; any other token of theirs is 401', async () => {
      const { app } = await testApp('hub', stubDatabase(), hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN, serviceName: 'leap' }));
      try {
        for (const token of ['leap-token', 'server-token']) {
          const response = await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: `token ${token}` } });
          assert.equal(response.statusCode, 200, token);
          assert.equal(response.json<WhoAmI>().name, 'bob');
        }
        for (const token of ['identify-token', 'activity-token', 'other-service-token', 'alices-server-token']) {
          const response = await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: `token ${token}` } });
          assert.equal(response.statusCode, 401, token);
          assert.equal(response.json<ErrorBody>().code, 'invalid_token');
          assert.match(response.json<ErrorBody>().message, /without access to this service/);
        }
        // a refused token never makes the service read its owner with the service's own token
        assert.equal(hub.requests.filter((line) => line.startsWith('GET /hub/api/users/')).length, 2);
      } finally {
        await app.close();
      }
    });
  });
});
