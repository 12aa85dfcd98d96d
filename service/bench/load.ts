// The hub-scale load benchmark of issue 8 (npm run bench:load -w service): 200 simulated users,
// each with a hub token of its own, on a realistic mix (catalog search with facets, dataset
// detail, cost heartbeats, tutorial progress saves, graph search, graph 2-hop neighbourhood;
// bench/load-clients.ts) against the real service over HTTP on 127.0.0.1 in hub mode: the
// service asks a JupyterHub API stand-in who owns each token (the real protocol; the identity
// cache makes it one lookup per user), its cost meter polls that hub, and the database holds every
// part at a large hub's size (bench/load-data.ts: 100,000 catalog datasets, a 200,000-edge graph).
//
// Reported per endpoint class and overall: requests, req/s, p50/p95/p99/max latency, non-2xx
// answers, connection errors and timeouts; the service process's CPU use and the machine's load.
// Target (issue 8): p99 ≤ 100 ms and 0 errors.
//
// Options: --users 200 --seconds 30 --warmup 5 --rate 1 (requests per user per second; 0 = closed
//          loop) --rows 100000 --edges 200000 --seed 7 --sql-profile (the 25 costliest statements)
// Environment: DATABASE_URL=postgresql://… (a server where the bench may CREATE DATABASE) → PostgreSQL
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/api/app.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import type { Config, DatabaseConfig } from '../src/config.js';
import { createCostsRuntime } from '../src/costs/runtime.js';
import type { Database, Queryable } from '../src/db/database.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { graphIndexOf } from '../src/graph/index/holder.js';
import { createLogger } from '../src/logger.js';
import type { LoadReport, LoadRun } from './load-clients.js';
import { loadData } from './load-data.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const P99_TARGET_MS = 100;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got "${process.argv[i + 1]}"`);
  return value;
}

async function openBenchDatabase(): Promise<{ db: Database; config: DatabaseConfig; cleanup: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl === undefined || adminUrl === '') {
    const dir = await mkdtemp(path.join(tmpdir(), 'leap-bench-load-'));
    const db = await openPglite(path.join(dir, 'pgdata'), { create: true });
    return {
      db,
      config: { kind: 'pglite', dataDir: path.join(dir, 'pgdata') },
      cleanup: async () => { await db.close(); await rm(dir, { recursive: true, force: true }); }
    };
  }
  const name = `leap_bench_load_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { onConnectionError: () => undefined });
  return {
    db,
    config: { kind: 'postgresql', url: url.toString() },
    cleanup: async () => { await db.close(); await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); }
  };
}

type SqlStats = Map<string, { count: number; ms: number }>;

/** --sql-profile: the service's database with every statement counted and timed (queueing included). */
function profiled(db: Database, stats: SqlStats): Database {
  const time = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      const key = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
      const entry = stats.get(key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += performance.now() - t0;
      stats.set(key, entry);
    }
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => time(sql, () => q.query(sql, params)),
    exec: (sql) => time(sql, () => q.exec(sql))
  });
  return { kind: db.kind, ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))), close: () => db.close() };
}

async function main(): Promise<void> {
  const users = option('--users', 200);
  const seconds = option('--seconds', 30);
  const warmupSeconds = option('--warmup', 5);
  const rate = option('--rate', 1);
  const rows = option('--rows', 100_000);
  const edges = option('--edges', 200_000);
  const seed = option('--seed', 7);
  const sqlStats: SqlStats | null = process.argv.includes('--sql-profile') ? new Map() : null;
  const { db: opened, config: database, cleanup } = await openBenchDatabase();
  const db = sqlStats === null ? opened : profiled(opened, sqlStats);
  let child: ChildProcess | undefined;
  try {
    const step = (what: string) => console.error(`[bench:load ${new Date().toISOString().slice(11, 19)}] ${what}`);
    step(`loading ${rows} catalog rows, the demo tutorial and a ${edges}-edge graph into ${db.kind}`);
    const data = await loadData(db, { rows, edges, seed });
    step(`loaded in ${JSON.stringify(data.seconds)} s; starting the service and the hub stand-in`);
    const clients = fork(path.join(benchDir, 'load-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = clients;
    const exited = new Promise<never>((_, reject) => clients.on('exit', (code) => reject(new Error(`load clients exited ${code}`))));
    exited.catch(() => undefined); // it exits after its report too
    const next = <T>() => Promise.race([new Promise<T>((resolve) => clients.once('message', (m) => resolve(m as T))), exited]);
    const hub = await next<{ hubUrl: string; serviceToken: string }>();

    const auth = { mode: 'hub' as const, apiUrl: hub.hubUrl, apiToken: hub.serviceToken };
    const config: Config = { mode: 'hub', host: '127.0.0.1', port: 0, logLevel: 'warn', database, auth };
    const logger = createLogger('warn', process.stderr);
    const costs = await createCostsRuntime(config, db, logger);
    const app = await buildApp({ config, db, identity: hubIdentityProvider(auth), logger, costs: costs.context });
    await app.listen({ host: '127.0.0.1', port: 0 });
    costs.start();
    // As serve does: the graph index is built at start; the catalog index is built by the first search.
    await graphIndexOf(db);
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    (globalThis as { gc?: () => void }).gc?.();

    sqlStats?.clear();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const loadBefore = loadavg();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    step(`${users} users, ${warmupSeconds} s warm-up then ${seconds} s measured`);
    const run: LoadRun = { base, users, seconds, warmupSeconds, rate, seed, fixtures: data.fixtures };
    clients.send(run);
    const report = await next<LoadReport>();
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    loop.disable();
    const serviceCpuPercent = Math.round(((cpu.user + cpu.system) / 1e6 / wallSeconds) * 100);
    await app.close();
    await costs.stop();
    clients.send('quit');

    const result = {
      bench: 'load',
      database: db.kind,
      users,
      rate: rate === 0 ? 'closed loop' : `${rate} request/s per user`,
      data: data.sizes,
      loadSeconds: data.seconds,
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        // 1-minute load average before and after the run (warm-up + measured): the machine is shared.
        load1: { before: +loadBefore[0].toFixed(2), after: +loadavg()[0].toFixed(2) },
        serviceCpuPercent,
        // CPU time of the service process (PGlite included) per answered request, warm-up included:
        // what the machine's load does not change
        serviceCpuMsPerRequest: +(((cpu.user + cpu.system) / 1e3) / Math.max(1, report.requests + report.warmupRequests)).toFixed(2),
        // the service's event-loop delay (a blocked loop delays every request alike)
        eventLoopDelayMs: { p50: +(loop.percentile(50) / 1e6).toFixed(1), p99: +(loop.percentile(99) / 1e6).toFixed(1), max: +(loop.max / 1e6).toFixed(1) },
        serviceRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20)
      },
      target: { p99Ms: P99_TARGET_MS, met: report.all.p99Ms <= P99_TARGET_MS && report.errors + report.timeouts === 0 && report.all.requests > 0 && Object.values(report.classes).every((c) => c.non2xx === 0) },
      ...report,
      ...(sqlStats === null ? {} : {
        sql: [...sqlStats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25).map(([statement, { count, ms }]) => ({ statement, count, totalMs: Math.round(ms), meanMs: +(ms / count).toFixed(2) }))
      })
    };
    await writeFile(path.join(benchDir, 'data', `load-result-${db.kind}-${rate}.json`), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
  } finally {
    if (child !== undefined && child.exitCode === null) child.kill();
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
