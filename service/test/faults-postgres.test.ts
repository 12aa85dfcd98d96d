/**
 * Faults: PostgreSQL restarted under load. A private cluster (scripts/postgres.sh with its own
 * directory and port, so no other test's server is touched) is stopped and started again while
 * clients keep searching, reading tutorials and saving progress. While it is down the service
 * answers 503 ErrorBody and /api/health says "degraded"; once it is back the same service process
 * (never restarted) answers again.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { DATABASE_CHECK_TTL_MS } from '../src/api/routes/health.js';
import { childEnv, runCli, startCli, waitForEvent } from './helpers/cli.js';
import { variants } from './helpers/databases.js';
import { freePort } from './helpers/free-port.js';

const run = promisify(execFile);
const POSTGRES_SH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/postgres.sh');
const TOKEN = 'faults-postgres-token';
const headers = { authorization: `token ${TOKEN}`, 'content-type': 'application/json' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  at: number;
  status: number;
  code?: string;
}

for (const variant of variants().filter((v) => v.name === 'postgresql')) {
  describe(`PostgreSQL restarted under load (${variant.name})`, () => {
    let dir: string;
    let pgEnv: NodeJS.ProcessEnv;
    let service: ChildProcess;
    let base: string;

    const postgres = (command: 'start' | 'stop' | 'destroy') => run('bash', [POSTGRES_SH, command], { env: pgEnv });

    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'leap-faults-pg-'));
      await chmod(dir, 0o755); // as root, the cluster runs as the OS user postgres, which must reach it
      pgEnv = { ...process.env, LEAP_PG_DIR: path.join(dir, 'pg'), LEAP_PG_PORT: String(await freePort()) };
      const started = await postgres('start');
      const url = /DATABASE_URL=(\S+)/.exec(started.stdout)![1];
      const env = childEnv({ DATABASE_URL: url, LEAP_SERVICE_TOKEN: TOKEN, LEAP_LOCAL_USER: 'lee', LEAP_PORT: '0' });
      const migrated = await runCli(['migrate'], env);
      assert.equal(migrated.code, 0, migrated.stderr);
      service = startCli(['serve'], env);
      base = `http://127.0.0.1:${String((await waitForEvent(service, 'listening')).port)}`;
      service.stdout?.resume();
      service.stderr?.on('data', (d: Buffer) => process.stderr.write(`[service] ${d}`));
    });
    after(async () => {
      service?.kill('SIGTERM');
      await postgres('destroy').catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    });

    it('answers 503 ErrorBody while it is down and recovers by itself when it is back', async () => {
      const requests: Array<[string, string, unknown?]> = [
        ['GET', '/api/catalog/search?q=sea&facets='],
        ['GET', '/api/tutorials'],
        ['POST', '/api/tutorials/sst-basics/progress', { currentStep: 'open', secondsDelta: 1 }],
        ['GET', '/api/graph/search?q=sea'],
        ['GET', '/api/whoami']
      ];
      const outcomes: Outcome[] = [];
      const health: Outcome[] = [];
      let stop = false;
      const worker = async (n: number) => {
        for (let i = n; !stop; i += 1) {
          const [method, url, body] = requests[i % requests.length];
          try {
            const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
            const answer = (await response.json()) as { code?: string };
            outcomes.push({ at: Date.now(), status: response.status, code: response.ok ? undefined : answer.code });
          } catch (error) {
            outcomes.push({ at: Date.now(), status: 0, code: String((error as Error).cause ?? error) });
          }
          await sleep(20);
        }
      };
      const healthWatch = async () => {
        while (!stop) {
          try {
            const response = await fetch(`${base}/api/health`);
            const answer = (await response.json()) as { status: string };
            health.push({ at: Date.now(), status: response.status, code: answer.status });
          } catch (error) {
            health.push({ at: Date.now(), status: 0, code: String((error as Error).cause ?? error) });
          }
          await sleep(100);
        }
      };
      // warm: each kind of request once (the first ones build the in-memory indexes)
      for (const [method, url, body] of requests) {
        const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        assert.equal(response.status, 200, `${method} ${url}`);
      }
      const load = [0, 1, 2, 3, 4, 5].map(worker).concat(healthWatch());

      await sleep(1000);
      const downAt = Date.now();
      await postgres('stop');
      const stoppedAt = Date.now();
      await sleep(1500 + DATABASE_CHECK_TTL_MS);
      const startAt = Date.now();
      await postgres('start');
      const upAt = Date.now();
      // back to normal within 10 s of the restart, without touching the service
      let recoveredAt = 0;
      for (let waited = 0; waited < 10_000 && !recoveredAt; waited += 100) {
        await sleep(100);
        const recent = outcomes.filter((o) => o.at > Date.now() - 1000);
        if (recent.length >= 10 && recent.every((o) => o.status >= 200 && o.status < 300)) {
          recoveredAt = Date.now();
        }
      }
      await sleep(500);
      stop = true;
      await Promise.all(load);

      assert.equal(service.exitCode, null, 'the service kept running');
      assert.ok(recoveredAt > 0, 'every request succeeds again within 10 s of the restart');
      const before = outcomes.filter((o) => o.at < downAt);
      assert.ok(before.length > 10, `requests before the restart: ${before.length}`);
      assert.deepEqual(before.filter((o) => o.status < 200 || o.status >= 300), [], 'all fine before');
      const failed = outcomes.filter((o) => o.status >= 300);
      assert.ok(failed.length > 0, 'requests failed while PostgreSQL was down');
      for (const o of failed) {
        assert.deepEqual({ status: o.status, code: o.code }, { status: 503, code: 'database_unavailable' }, 'a failure is 503 ErrorBody');
      }
      // a health answer may come from a database check up to DATABASE_CHECK_TTL_MS old
      const during = health.filter((h) => h.at > stoppedAt + 200 + DATABASE_CHECK_TTL_MS && h.at < startAt);
      assert.ok(during.length > 0, 'health was asked while it was down');
      for (const h of during) {
        assert.deepEqual({ status: h.status, code: h.code }, { status: 503, code: 'degraded' }, 'health degraded while down');
      }
      const last = health[health.length - 1];
      assert.deepEqual({ status: last.status, code: last.code }, { status: 200, code: 'ok' });
      console.log(`PostgreSQL down ${upAt - downAt} ms; ${failed.length} of ${outcomes.length} requests failed (503); all fine again ${recoveredAt - upAt} ms after it was back`);
    });
  });
}
