import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, loadDatabaseConfig } from '../src/config.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('config', () => {
  it('local mode: PGlite in $LEAP_DATA_DIR/pgdata, defaults for host, port and log level', () => {
    const config = loadConfig({ LEAP_DATA_DIR: '/tmp/leap', LEAP_SERVICE_TOKEN: 's3cret', LEAP_LOCAL_USER: 'alice' });
    assert.deepEqual(config, {
      mode: 'local',
      host: '127.0.0.1',
      port: 8765,
      logLevel: 'info',
      database: { kind: 'pglite', dataDir: path.join('/tmp/leap', 'pgdata') },
      auth: { mode: 'local', token: 's3cret', user: 'alice' }
    });
  });

  it('local mode without a token or a data dir names both variables', () => {
    const problems = problemsOf(() => loadConfig({}));
    assert.equal(problems.length, 2);
    assert.match(problems[0], /LEAP_DATA_DIR is required/);
    assert.match(problems[1], /LEAP_SERVICE_TOKEN is required/);
  });

  it('hub mode without its variables names each one', () => {
    const problems = problemsOf(() => loadConfig({ LEAP_MODE: 'hub' }));
    assert.deepEqual(
      problems.map((p) => p.split(' ')[0]),
      ['DATABASE_URL', 'JUPYTERHUB_API_URL', 'JUPYTERHUB_API_TOKEN']
    );
  });

  it('hub mode takes its port from JUPYTERHUB_SERVICE_URL and PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({
      LEAP_MODE: 'hub',
      DATABASE_URL: 'postgresql://leap@db/leap',
      JUPYTERHUB_API_URL: 'http://hub:8081/hub/api/',
      JUPYTERHUB_API_TOKEN: 'service-token',
      JUPYTERHUB_SERVICE_URL: 'http://0.0.0.0:10101'
    });
    assert.equal(config.port, 10101);
    assert.deepEqual(config.database, { kind: 'postgresql', url: 'postgresql://leap@db/leap' });
    assert.deepEqual(config.auth, { mode: 'hub', apiUrl: 'http://hub:8081/hub/api', apiToken: 'service-token' });
  });

  it('hub mode: JUPYTERHUB_SERVICE_PREFIX is the path the proxy serves the service under; local mode ignores it', () => {
    const hub = {
      LEAP_MODE: 'hub',
      DATABASE_URL: 'postgresql://leap@db/leap',
      JUPYTERHUB_API_URL: 'http://hub:8081/hub/api',
      JUPYTERHUB_API_TOKEN: 'service-token'
    };
    assert.equal(loadConfig({ ...hub, JUPYTERHUB_SERVICE_PREFIX: '/services/leap/' }).pathPrefix, '/services/leap/');
    assert.equal(loadConfig(hub).pathPrefix, undefined);
    for (const bad of ['services/leap/', '/services/leap', '/']) {
      const problems = problemsOf(() => loadConfig({ ...hub, JUPYTERHUB_SERVICE_PREFIX: bad }));
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^JUPYTERHUB_SERVICE_PREFIX must be a path that starts and ends with "\/"/);
    }
    const local = { LEAP_DATA_DIR: '/tmp/leap', LEAP_SERVICE_TOKEN: 's3cret', LEAP_LOCAL_USER: 'alice' };
    assert.equal(loadConfig({ ...local, JUPYTERHUB_SERVICE_PREFIX: '/services/leap/' }).pathPrefix, undefined);
  });

  it('rejects bad values with the value and what is allowed', () => {
    const problems = problemsOf(() =>
      loadConfig({
        LEAP_MODE: 'cloud',
        LEAP_PORT: '99999',
        LEAP_LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
        LEAP_SERVICE_TOKEN: 't'
      })
    );
    assert.deepEqual(problems, [
      'LEAP_MODE must be "local" or "hub", got "cloud"',
      'LEAP_PORT must be an integer from 0 to 65535, got "99999"',
      'LEAP_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'DATABASE_URL must start with postgresql:// (or postgres://)'
    ]);
  });

  it('never puts a secret into an error message', () => {
    const error = (() => {
      try {
        loadConfig({ LEAP_MODE: 'hub', JUPYTERHUB_API_TOKEN: 'very-secret-token', JUPYTERHUB_API_URL: 'nope' });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    assert.ok(error);
    assert.doesNotMatch(error.message, /very-secret-token/);
  });

  it('migrate needs only the database: no token required', () => {
    assert.deepEqual(loadDatabaseConfig({ LEAP_DATA_DIR: '/d' }).database, {
      kind: 'pglite',
      dataDir: path.join('/d', 'pgdata')
    });
    assert.match(problemsOf(() => loadDatabaseConfig({ LEAP_MODE: 'hub' }))[0], /^DATABASE_URL is required in hub mode/);
  });
});
