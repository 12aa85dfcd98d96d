// The class-session benchmark of issue 6 (npm run bench:tutorials -w service): 200 simulated
// learners send progress to the real service (Fastify over HTTP on 127.0.0.1, hub-mode routes,
// a migrated PGlite or PostgreSQL database with the demo tutorial), while an instructor
// long-polls the dashboard. Reported: p50/p95/p99/max of the time from a learner sending an
// update to the instructor receiving the first dashboard that contains it, for a steady phase
// (each learner every 5–15 s, like a player saving step changes, checks and time) and a burst
// (every learner at once, "everybody run the check now"); and the learners' own POST latency.
//
// The load runs in a child process (bench/tutorials-clients.ts) so that the clients' event loop
// is not the server's. Identity: a token per simulated user (the hub's answer is cached by the
// service anyway; this measures the tutorials path).
//
// Options: --learners 200 --seconds 60 --seed 7
// Environment: DATABASE_URL=postgresql://… (a server where the bench may CREATE DATABASE) → PostgreSQL
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/api/app.js';
import type { Identity, IdentityProvider } from '../src/auth/identity.js';
import type { Database } from '../src/db/database.js';
import { loadMigrations, migrate } from '../src/db/migrations.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { createLogger } from '../src/logger.js';
import { loadDemoTutorials } from '../src/tutorials/demo.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function openBenchDatabase(): Promise<{ db: Database; kind: string; cleanup: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    const dir = await mkdtemp(path.join(tmpdir(), 'leap-bench-tutorials-'));
    const db = await openPglite(path.join(dir, 'pgdata'), { create: true });
    return { db, kind: 'pglite', cleanup: async () => { await db.close(); await rm(dir, { recursive: true, force: true }); } };
  }
  const name = `leap_bench_tutorials_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { onConnectionError: () => undefined });
  return { db, kind: 'postgresql', cleanup: async () => { await db.close(); await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
}

/** token "bench:<name>" is user <name>; "teacher" is in the instructors group. */
const benchIdentity: IdentityProvider = {
  async identify(token: string): Promise<Identity | null> {
    const name = /^bench:([a-z0-9-]+)$/.exec(token)?.[1];
    return name === undefined ? null : { name, admin: false, groups: name === 'teacher' ? ['instructors'] : [] };
  }
};

async function main(): Promise<void> {
  const learners = option('--learners', 200);
  const seconds = option('--seconds', 60);
  const seed = option('--seed', 7);
  const { db, kind, cleanup } = await openBenchDatabase();
  try {
    await migrate(db, await loadMigrations());
    const [demo] = await loadDemoTutorials(db);
    if (demo?.status !== 'ok') {
      throw new Error(`demo tutorial not imported: ${JSON.stringify(demo)}`);
    }
    const app = await buildApp({ config: { mode: 'hub' }, db, identity: benchIdentity, logger: createLogger('warn') });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const child = fork(path.join(benchDir, 'tutorials-clients.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc']
    });
    const loadBefore = loadavg()[0];
    child.send({ base: `http://127.0.0.1:${port}`, learners, seconds, seed, tutorial: demo.tutorial!.id });
    const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
      child.on('message', (message) => resolve(message as Record<string, unknown>));
      child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`clients exited ${code}`))));
    });
    await app.close();
    // The 1-minute load average before and after: the machine may be shared (2 cores here).
    const load = { before: loadBefore, after: loadavg()[0] };
    const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, load };
    console.log(JSON.stringify({ bench: 'tutorials-class', database: kind, learners, seconds, seed, machine, ...result }, null, 2));
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
