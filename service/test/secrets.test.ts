import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { DATABASE_CHECK_TTL_MS } from '../src/api/routes/health.js';
import { childEnv, runCli, startCli } from './helpers/cli.js';
import { MISSING_POSTGRES, variants } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';
import { OISST } from './helpers/request-form.js';

/**
 * No secret reaches a log line, an error or an API answer: the real service (`serve`, a child
 * process) runs with a distinctive value in every secret variable, is driven into the errors that
 * involve them (bad tokens, a token in the query, Zenodo and GitHub failing and echoing the
 * credentials they got, the hub unreachable, the database down, a database URL that cannot
 * connect), and every byte it printed and answered is searched for each secret: as it is,
 * URL-encoded and base64.
 */

const secret = (name: string) => `${name}-S3cret/${randomBytes(6).toString('hex')}+x=`;
const SECRETS = {
  serviceToken: secret('service-token'),
  hubApiToken: secret('hub-api-token'),
  userToken: secret('user-token'),
  otherUserToken: secret('other-user-token'),
  dbPassword: secret('db-password'),
  zenodoToken: secret('zenodo-token'),
  githubToken: secret('github-token'),
  requestsGithubToken: secret('requests-github-token')
};

/** Each secret in the forms it could leak in. */
function leakForms(value: string): string[] {
  const base64 = Buffer.from(value).toString('base64');
  return [value, encodeURIComponent(value), base64, Buffer.from(value).toString('base64url'), base64.replace(/=+$/, '')];
}

function assertNoSecret(what: string, text: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    for (const form of leakForms(value)) {
      assert.ok(!text.includes(form), `${what} contains ${name} (as "${form}"):\n${text.slice(Math.max(0, text.indexOf(form) - 300), text.indexOf(form) + 100)}`);
    }
  }
}

/** An upstream (Zenodo, GitHub) that refuses every request, echoing the credentials it got. */
class EchoingUpstream {
  readonly authorizations: string[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly status: number) {}

  async start(): Promise<this> {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const authorization = request.headers.authorization ?? '';
      this.authorizations.push(authorization);
      request.resume();
      response
        .writeHead(this.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `Bad credentials: ${authorization} for ${request.url}`, status: this.status }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** A running `serve` whose every output byte is kept. */
class Serving {
  output = '';
  readonly child: ChildProcess;
  readonly url: Promise<string>;

  constructor(env: NodeJS.ProcessEnv) {
    this.child = startCli(['serve'], env);
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.url = new Promise((resolve, reject) => {
      const check = () => {
        const line = this.output.split('\n').find((l) => l.includes('"event":"listening"'));
        if (line !== undefined) {
          this.child.stdout?.off('data', check);
          resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
        }
      };
      this.child.stdout?.on('data', check);
      this.child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${this.output}`)));
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await once(this.child, 'exit');
    }
  }
}

const until = async (condition: () => boolean, what: string, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const RECORD = {
  kind: 'ProjectCode',
  title: 'Secrets stay secret',
  description: 'A record to deposit.',
  authors: [{ name: 'alice', orcid: '0000-0002-1825-0097' }],
  license: 'CC-BY-4.0',
  keywords: ['test'],
  files: [{ path: 'a.ipynb', sha256: 'a'.repeat(64), size: 10 }],
  provenance: { image: 'quay.io/leap/base:2025.01', kernel: 'python3', packages: {}, jupyterlab: '4.4.0' },
  draft: false
};

for (const variant of variants()) {
  describe(`no secret in logs, errors or answers (${variant.name === 'pglite' ? 'local mode, PGlite' : 'hub mode, PostgreSQL'})`, () => {
    const bodies: string[] = [];
    const zenodo = new EchoingUpstream(500);
    const github = new EchoingUpstream(401);
    const hub = new FakeHub(SECRETS.hubApiToken, {
      [SECRETS.userToken]: { name: 'alice', admin: false, groups: [] },
      [SECRETS.otherUserToken]: { name: 'bob', admin: true, groups: ['data-team'] }
    });
    let dir = '';
    let adminUrl = '';
    let database = '';
    let role = '';
    let databaseEnv: Record<string, string> = {};
    let serving: Serving;
    let base = '';
    const userToken = variant.name === 'pglite' ? SECRETS.serviceToken : SECRETS.userToken;

    const call = async (method: string, url: string, headers: Record<string, string> = {}, body?: unknown) => {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body)
      });
      const text = await response.text();
      // the answer only: the request's own URL may carry a secret on purpose
      bodies.push(`${response.status} ${JSON.stringify([...response.headers])} ${text}`);
      return { status: response.status, text };
    };
    const auth = (token: string) => ({ authorization: `token ${token}` });

    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'leap-secrets-'));
      await zenodo.start();
      await github.start();
      await hub.start();
      if (variant.name === 'pglite') {
        databaseEnv = { LEAP_DATA_DIR: dir };
        const migrated = await runCli(['migrate'], childEnv(databaseEnv));
        assert.equal(migrated.code, 0, migrated.stderr);
      } else {
        adminUrl = process.env.LEAP_TEST_DATABASE_URL ?? '';
        assert.notEqual(adminUrl, '', MISSING_POSTGRES);
        database = `leap_secrets_${randomBytes(4).toString('hex')}`;
        role = `leap_secrets_${randomBytes(4).toString('hex')}`;
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${SECRETS.dbPassword.replaceAll("'", "''")}'`);
        await admin.query(`CREATE DATABASE ${database} OWNER ${role}`);
        await admin.end();
        const url = new URL(adminUrl);
        url.username = role;
        url.password = encodeURIComponent(SECRETS.dbPassword);
        url.pathname = `/${database}`;
        databaseEnv = { DATABASE_URL: url.toString() };
      }
      serving = new Serving(
        childEnv({
          ...databaseEnv,
          LEAP_MODE: variant.name === 'pglite' ? 'local' : 'hub',
          LEAP_PORT: '0',
          LEAP_SERVICE_TOKEN: SECRETS.serviceToken,
          LEAP_LOCAL_USER: 'alice',
          JUPYTERHUB_API_URL: hub.apiUrl,
          JUPYTERHUB_API_TOKEN: SECRETS.hubApiToken,
          LEAP_ZENODO_URL: zenodo.url,
          LEAP_ZENODO_TOKEN: SECRETS.zenodoToken,
          LEAP_GITHUB_API_URL: github.url,
          LEAP_GITHUB_TOKEN: SECRETS.githubToken,
          LEAP_REQUESTS_GITHUB_REPO: 'leap-stc/data-management',
          LEAP_REQUESTS_GITHUB_TOKEN: SECRETS.requestsGithubToken,
          LEAP_LOG_LEVEL: 'debug'
        })
      );
      base = await serving.url;
    });

    after(async () => {
      await serving?.stop();
      await Promise.all([zenodo.stop(), github.stop(), hub.stop()]);
      if (database !== '') {
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      }
      await rm(dir, { recursive: true, force: true });
    });

    it('refuses bad and malformed tokens without echoing them; a token in the query is not logged', async () => {
      assert.equal((await call('GET', '/api/health')).status, 200);
      assert.equal((await call('GET', '/api/whoami')).status, 401);
      for (const wrong of [`token ${SECRETS.otherUserToken}x`, `Bearer ${SECRETS.zenodoToken}`, `Basic ${Buffer.from(`alice:${SECRETS.dbPassword}`).toString('base64')}`, SECRETS.githubToken]) {
        assert.equal((await call('GET', '/api/whoami', { authorization: wrong })).status, 401);
      }
      assert.equal((await call('GET', '/api/whoami', auth(userToken))).status, 200);
      const query = new URLSearchParams({ token: SECRETS.requestsGithubToken, access_token: SECRETS.hubApiToken });
      assert.equal((await call('GET', `/api/whoami?${query}`, auth(userToken))).status, 200);
      assert.equal((await call('GET', `/api/no-such-route?${query}`)).status, 404);
    });

    it('a Zenodo deposit refused by Zenodo is 502 without the Zenodo token, though Zenodo echoed it', async () => {
      const published = await call('POST', '/api/graph/records', auth(userToken), RECORD);
      assert.equal(published.status, 201, published.text);
      const id = (JSON.parse(published.text) as { node: { id: string } }).node.id;
      const deposit = await call('POST', `/api/graph/records/${encodeURIComponent(id)}/zenodo`, auth(userToken), {});
      assert.equal(deposit.status, 502, deposit.text);
      assert.deepEqual(zenodo.authorizations, [`Bearer ${SECRETS.zenodoToken}`]);
    });

    it('a GitHub mirror refused by GitHub is logged without the GitHub token, though GitHub echoed it', async () => {
      const created = await call('POST', '/api/requests', auth(userToken), OISST);
      assert.equal(created.status, 201, created.text);
      await until(() => github.authorizations.length > 0, 'the GitHub mirror');
      assert.match(github.authorizations[0], new RegExp(SECRETS.requestsGithubToken.replace(/[+/=]/g, '\\$&')));
      await until(() => serving.output.includes('"event":"requests-mirror"'), 'the mirror failure in the log');
    });

    it('a GitHub import refused by GitHub is an error without the GitHub token, though GitHub echoed it', async () => {
      const imported = await call('POST', '/api/graph/import/github', auth(userToken), { repository: 'leap-stc/secret-check' });
      assert.ok(imported.status >= 400, imported.text);
      assert.ok(github.authorizations.some((a) => a.includes(SECRETS.githubToken)), 'GitHub got LEAP_GITHUB_TOKEN');
    });

    if (variant.name === 'postgresql') {
      it('the hub unreachable is 502 without the service token', async () => {
        await hub.stop();
        const response = await call('GET', '/api/whoami', auth(SECRETS.otherUserToken));
        assert.equal(response.status, 502, response.text);
      });

      it('the database down is 503 on /api/health, its errors without the password', async () => {
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        try {
          await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
          await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
          await sleep(DATABASE_CHECK_TTL_MS); // the last database check answers health until then
          const health = await call('GET', '/api/health');
          assert.equal(health.status, 503, health.text);
          // the caller's identity is cached (the hub is down): the query reaches the database
          assert.equal((await call('GET', '/api/requests', auth(SECRETS.userToken))).status, 500);
        } finally {
          await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
          await admin.end();
        }
      });

      it('serve with a database it cannot reach exits 1 without printing the password', async () => {
        const url = new URL(databaseEnv.DATABASE_URL);
        url.port = '1';
        const result = await runCli(
          ['serve'],
          childEnv({ DATABASE_URL: url.toString(), LEAP_MODE: 'hub', JUPYTERHUB_API_URL: 'http://127.0.0.1:1/hub/api', JUPYTERHUB_API_TOKEN: SECRETS.hubApiToken, LEAP_PORT: '0' })
        );
        assert.equal(result.code, 1, result.stdout + result.stderr);
        assertNoSecret('serve output (database unreachable)', result.stdout + result.stderr);
      });
    }

    it('printed and answered nothing secret', async () => {
      await serving.stop();
      assert.match(serving.output, /"event":"stopped"/);
      assertNoSecret('the service log', serving.output);
      assertNoSecret('the answers', bodies.join('\n'));
    });
  });
}
