// Cost meter benchmark (issue 5), one command: npm run bench:costs -w service
//   1. a fresh database (PostgreSQL with DATABASE_URL, the hub setup; else PGlite) holding a
//      simulated month: 1,000 users' servers (profiles small/medium/gpu-t4, weekday office hours or
//      always on), Dask clusters and storage from the 1st of last month until now, accrued hour by
//      hour with the meter's own arithmetic (accrue) and rollup writer (addCosts); 20 group and 100
//      user budgets
//   2. the real service (buildApp + the cost scheduler: hub poll every 60 s, sweep, budget checks)
//      listening on a port in this process; a child process (bench/costs-load.ts) plays the hub API
//      and the 1,000 gateways, each sending a heartbeat every 60 s (≈ 16.7/s, evenly spread)
//   3. service CPU in steady state: process.cpuUsage() of this process over --window seconds
//      after --warmup seconds (% of one core), heartbeat latency p50/p99 (seen by the client)
//   4. the admin monthly report (last month; by user, group, resource; CSV) over HTTP: 5 runs each
//
// Options: --users 1000 --warmup 20 --window 120 --identity-ttl 0 (service default) --keep (keep the database)
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../src/api/app.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import { accrue, billedServer, daskRate, mergeHours, serverRate, storageRate, type HourCost } from '../src/costs/arithmetic.js';
import { timingFor, type CostsContext } from '../src/costs/context.js';
import { PricingHolder } from '../src/costs/pricing/holder.js';
import { addCosts } from '../src/costs/rollups.js';
import { CostsScheduler } from '../src/costs/scheduler.js';
import { DAY_MS, HOUR_MS, monthOf, monthStart } from '../src/costs/time.js';
import type { Database } from '../src/db/database.js';
import { loadMigrations, migrate } from '../src/db/migrations.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { createLogger } from '../src/logger.js';
import { groupOf, profileOf, userName } from './costs-load.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const USERS = option('--users', 1000);
const WARMUP_S = option('--warmup', 20);
const WINDOW_S = option('--window', 120);
// The service caches a verified token's identity for 60 s (src/auth/hub.ts); a gateway's token is
// seen again every 60 s, so by default nearly every heartbeat asks the hub. --identity-ttl S shows
// the service with a longer cache (JupyterHub's own HubAuth keeps 300 s).
const IDENTITY_TTL_S = option('--identity-ttl', 0);

async function openBenchDatabase(): Promise<{ db: Database; kind: string; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    const name = `leap_bench_costs_${randomBytes(4).toString('hex')}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = await openPostgres(target.toString(), { onConnectionError: () => undefined });
    return { db, kind: 'postgresql', cleanup: async () => (args.includes('--keep') ? undefined : admin(`DROP DATABASE ${name}`)) };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'leap-bench-costs-'));
  const db = await openPglite(path.join(dir, 'pgdata'), { create: true });
  return { db, kind: 'pglite', cleanup: async () => (args.includes('--keep') ? undefined : rm(dir, { recursive: true, force: true })) };
}

/** A simulated month+ of each user's costs, hour by hour, through the meter's arithmetic and rollup writer. */
async function seedMonth(db: Database, costs: CostsContext, from: Date, to: Date): Promise<number> {
  const pricing = costs.pricing.current;
  const facts = { cpuGuarantee: null, memGuaranteeBytes: null, gpuType: null, gpuCount: null, cpuUsed: null, rssBytes: null };
  let rows = 0;
  for (let first = 0; first < USERS; first += 25) {
    const batch = [];
    for (let i = first; i < Math.min(first + 25, USERS); i++) {
      const server = serverRate(pricing, billedServer(pricing, { ...facts, profile: profileOf(i) }));
      const dask = daskRate(pricing, 1 + 4 * 2, 4 * 2 ** 30 + 4 * 8 * 2 ** 30);
      const parts: HourCost[][] = [accrue(from, to, (hour) => storageRate(pricing, (1 + (i % 100)) * 1e9, hour))];
      for (let day = from.getTime(); day < to.getTime(); day += DAY_MS) {
        const weekday = new Date(day).getUTCDay() % 6 !== 0;
        const on = i % 5 === 0 ? [0, 24] : weekday ? [9, 18] : null;
        const end = (h: number) => new Date(Math.min(day + h * HOUR_MS, to.getTime()));
        if (on !== null) parts.push(accrue(new Date(day + on[0] * HOUR_MS), end(on[1]), () => server));
        if (i % 10 === 1 && weekday) parts.push(accrue(new Date(day + 13 * HOUR_MS), end(15), () => dask));
      }
      const hours = mergeHours(parts);
      rows += hours.length;
      batch.push(...hours.map((h) => ({ user: userName(i), ...h })));
    }
    await addCosts(db, batch);
  }
  const users = Array.from({ length: USERS }, (_, i) => ({ u: userName(i), a: i === 0, g: [groupOf(i)] }));
  await db.query(
    `INSERT INTO users (name, admin, groups) SELECT u, a, g FROM jsonb_to_recordset($1::jsonb) AS x(u text, a boolean, g jsonb)`,
    [JSON.stringify(users)]
  );
  await db.query(
    `INSERT INTO cost_budgets (scope, name, monthly_amount, thresholds, updated_by)
     SELECT 'group', 'g' || lpad(n::text, 2, '0'), 5000, '[50, 80, 100]'::jsonb, 'bench' FROM generate_series(0, 19) n
     UNION ALL
     SELECT 'user', 'u' || lpad(n::text, 4, '0'), 150, '[50, 80, 100]'::jsonb, 'bench' FROM generate_series(0, ${USERS - 1}, ${Math.max(1, Math.floor(USERS / 100))}) n`
  );
  return rows;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const { db, kind, cleanup } = await openBenchDatabase();
  const load = fork(path.join(benchDir, 'costs-load.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LEAP_BENCH_USERS: String(USERS) }
  });
  const fromChild = <T>() => new Promise<T>((resolve) => load.once('message', (m) => resolve(m as T)));
  try {
    await migrate(db, await loadMigrations());
    const costs: CostsContext = { pricing: await PricingHolder.create(null), timing: timingFor(60_000), now: () => new Date() };
    const now = new Date();
    const lastMonth = monthStart(new Date(monthStart(now).getTime() - 1));
    let t = performance.now();
    const seeded = await seedMonth(db, costs, lastMonth, now);
    console.log(`seeded ${USERS} users × ${Math.round((now.getTime() - lastMonth.getTime()) / DAY_MS)} days: ${seeded} user-hours in ${((performance.now() - t) / 1000).toFixed(1)} s (${kind})`);

    const { hubUrl } = await fromChild<{ hubUrl: string }>();
    // The service's own logger at its default level (a line per request), written to /dev/null.
    const logger = createLogger('info', pino.destination('/dev/null'));
    const app = await buildApp({ config: { mode: 'hub' }, db, identity: hubIdentityProvider({ apiUrl: hubUrl, apiToken: 'service', ...(IDENTITY_TTL_S > 0 ? { cacheTtlMs: IDENTITY_TTL_S * 1000 } : {}) }), logger, costs });
    const scheduler = new CostsScheduler({ db, costs, logger, hub: { apiUrl: hubUrl, token: 'service' }, pollMs: 60_000, storage: null, storageMs: 3_600_000 });
    const serviceUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    scheduler.start();
    const done = fromChild<{ sent: number; failed: number; failures: Record<string, number>; p50Ms: number; p99Ms: number }>();
    load.send({ serviceUrl, seconds: WARMUP_S + WINDOW_S });
    await new Promise((resolve) => setTimeout(resolve, WARMUP_S * 1000));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_S * 1000));
    const cpu = process.cpuUsage(cpu0);
    const elapsedMs = performance.now() - t0;
    const rss = process.memoryUsage().rss;
    const result = await done;
    await scheduler.stop();
    const percent = ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100;
    console.log(
      `steady state: ${result.sent} heartbeats (${result.failed} failed) in ${WARMUP_S + WINDOW_S} s = ${(result.sent / (WARMUP_S + WINDOW_S)).toFixed(1)}/s; ` +
        `service CPU ${percent.toFixed(2)} % of one core over ${(elapsedMs / 1000).toFixed(0)} s ` +
        `(user ${(cpu.user / 1e6).toFixed(2)} s, system ${(cpu.system / 1e6).toFixed(2)} s); RSS ${(rss / 2 ** 20).toFixed(0)} MiB; ` +
        `heartbeat p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms`
    );

    const month = monthOf(lastMonth);
    const timings: Record<string, number[]> = {};
    for (const query of [`by=user&month=${month}`, `by=group&month=${month}`, `by=resource&month=${month}`, `by=user&month=${month}&format=csv`]) {
      timings[query] = [];
      for (let run = 0; run < 5; run++) {
        t = performance.now();
        const response = await fetch(`${serviceUrl}/api/costs/report?${query}`, { headers: { authorization: `token tok-${userName(0)}` } });
        const body = await response.text();
        timings[query].push(performance.now() - t);
        if (response.status !== 200) throw new Error(`report ${query}: ${response.status} ${body.slice(0, 200)}`);
      }
      console.log(`admin report ${query}: median ${median(timings[query]).toFixed(0)} ms, max ${Math.max(...timings[query]).toFixed(0)} ms`);
    }
    console.log(JSON.stringify({ event: 'bench_costs', database: kind, users: USERS, identityTtlS: IDENTITY_TTL_S || 60, seededUserHours: seeded, cpuPercent: percent, heartbeats: result, reportMs: timings }));
    await app.close();
  } finally {
    load.send('quit');
    await db.close();
    await cleanup();
  }
}

await main();
