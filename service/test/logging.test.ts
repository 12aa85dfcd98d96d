import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hubIdentityProvider } from '../src/auth/hub.js';
import { localIdentityProvider } from '../src/auth/local.js';
import { createLogger, redactUrl } from '../src/logger.js';
import { LogCapture, testApp } from './helpers/app.js';
import { FakeHub, unreachableHubUrl } from './helpers/fake-hub.js';
import { stubDatabase } from './helpers/stub-db.js';

const LOCAL_TOKEN = 'LOCALSECRET-5f1c9e';
const USER_TOKEN = 'USERSECRET-77ab01';
const SERVICE_TOKEN = 'SERVICESECRET-0d2e4f';

describe('logs never contain a token', () => {
  let hub: FakeHub;

  before(async () => {
    hub = await new FakeHub(SERVICE_TOKEN, { [USER_TOKEN]: { name: 'alice', admin: false, groups: [] } }).start();
  });
  after(async () => hub?.stop());

  it('local mode: good, wrong and query-string tokens, at debug level', async () => {
    const { app, logs } = await testApp('local', stubDatabase(), localIdentityProvider(LOCAL_TOKEN, 'alice'));
    await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: `token ${LOCAL_TOKEN}`, cookie: `s=${LOCAL_TOKEN}` } });
    await app.inject({ method: 'GET', url: `/api/whoami?token=${LOCAL_TOKEN}`, headers: { authorization: `Bearer ${LOCAL_TOKEN}x` } });
    await app.inject({ method: 'GET', url: `/nowhere?access_token=${LOCAL_TOKEN}` });
    await app.close();
    assert.ok(logs.lines.length >= 6, 'requests were logged');
    assert.match(logs.text, /token=\[redacted\]/);
    assert.doesNotMatch(logs.text, /LOCALSECRET/);
  });

  it('hub mode: user token, service token and hub failures', async () => {
    const { app, logs } = await testApp('hub', stubDatabase(), hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN }));
    await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: `token ${USER_TOKEN}` } });
    await app.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: `token ${SERVICE_TOKEN}` } });
    await app.close();
    const { app: broken, logs: brokenLogs } = await testApp(
      'hub',
      stubDatabase(),
      hubIdentityProvider({ apiUrl: await unreachableHubUrl(), apiToken: SERVICE_TOKEN })
    );
    await broken.inject({ method: 'GET', url: '/api/whoami', headers: { authorization: `token ${USER_TOKEN}` } });
    await broken.close();
    const text = `${logs.text}\n${brokenLogs.text}`;
    assert.match(text, /hub_unavailable|unreachable/);
    assert.doesNotMatch(text, /USERSECRET|SERVICESECRET/);
  });

  it('redacts secret fields and headers anywhere a record carries them', () => {
    const capture = new LogCapture();
    const logger = createLogger('info', capture);
    logger.info({ token: LOCAL_TOKEN, auth: { apiToken: SERVICE_TOKEN }, headers: { authorization: `token ${USER_TOKEN}` } }, 'x');
    logger.flush();
    assert.doesNotMatch(capture.text, /SECRET/);
    assert.equal(redactUrl('/a?x=1&token=abc&_xsrf=def'), '/a?x=1&token=[redacted]&_xsrf=[redacted]');
    assert.equal(redactUrl('/a'), '/a');
  });
});
