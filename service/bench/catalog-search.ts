// The ANCHORS.md catalog-search benchmark, one command (npm run bench:catalog -w service):
//   1. generate the CMIP6-shaped catalog (bench/data, once per --rows/--seed)
//   2. migrate a fresh database in a child process (PGlite, or PostgreSQL with DATABASE_URL)
//   3. import it through the catalog's source import in another child: time and peak RSS
//   4. build the search index, run the 200 seeded queries through CatalogIndex.search and once
//      through GET /api/catalog/search (fastify.inject): p50/p95/p99
//   5. run the same queries with intake-esm's search() (bench/intake_esm_anchor.py) and print the ratio
//
// Options: --rows 515000 --queries 200 --seed 42 --no-anchor --keep (keep the database)
// Environment: DATABASE_URL=postgresql://… (a server where the bench may CREATE DATABASE) → PostgreSQL;
//              LEAP_BENCH_PYTHON (default ../.venv/bin/python)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import { loadMigrations, migrate } from '../src/db/migrations.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { addSource } from '../src/catalog/sources.js';
import { generate, rng, writeCatalog } from './generate-cmip6.js';
import { runSearch } from './search-phase.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const serviceDir = path.resolve(benchDir, '..');

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

export interface DbTarget {
  kind: 'pglite' | 'postgresql';
  /** PGlite data dir or PostgreSQL URL. */
  where: string;
}

export async function openTarget(target: DbTarget, create: boolean): Promise<Database> {
  return target.kind === 'pglite'
    ? openPglite(target.where, { create })
    : openPostgres(target.where, { onConnectionError: () => undefined });
}

/** Runs this file in a child phase; resolves with its last stdout line as JSON. */
async function child(phase: string, target: DbTarget, extra: string[] = []): Promise<Record<string, unknown>> {
  const proc = spawn(
    process.execPath,
    ['--max-semi-space-size=1', '--import', 'tsx', path.join(benchDir, 'catalog-search.ts'), '--phase', phase, '--kind', target.kind, '--where', target.where, ...extra],
    { cwd: serviceDir, stdio: ['ignore', 'pipe', 'inherit'] }
  );
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  const last = out.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`phase ${phase} exited ${code}: ${out}`);
  return JSON.parse(last) as Record<string, unknown>;
}

const mib = (bytes: number) => Math.round(bytes / 1048576);

async function phaseMigrate(target: DbTarget): Promise<void> {
  const db = await openTarget(target, true);
  await migrate(db, await loadMigrations());
  await db.close();
  console.log(JSON.stringify({ phase: 'migrate' }));
}

async function phaseImport(target: DbTarget, descriptorPath: string): Promise<void> {
  const db = await openTarget(target, false);
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const source = await addSource(db, { id: 'cmip6', url: descriptorPath, kind: 'intake-esm', name: 'CMIP6 (synthetic)' });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const memory = process.memoryUsage();
  (globalThis as { gc?: () => void }).gc?.();
  const afterGc = process.memoryUsage();
  await db.close();
  const report = source.lastRefresh;
  console.log(
    JSON.stringify({
      phase: 'import',
      seconds: +seconds.toFixed(2),
      peakRssMiB: mib(Math.max(peak, process.resourceUsage().maxRSS * 1024)),
      openRssMiB: mib(baseRss),
      endMiB: { rss: mib(memory.rss), heapUsed: mib(memory.heapUsed), heapTotal: mib(memory.heapTotal), external: mib(memory.external), arrayBuffers: mib(memory.arrayBuffers), heapAfterGc: mib(afterGc.heapUsed) },
      status: report?.status,
      datasets: report?.datasets,
      stores: report?.stores,
      skipped: report?.skipped.length,
      error: report?.error
    })
  );
}

/** One ANCHORS query: a text term taken from a column value, 1–2 facet filters, 5 facets counted. */
export interface BenchQuery {
  term: { column: string; text: string; regex: string };
  filters: { column: string; value: string }[];
  facets: string[];
}

const TERM_COLUMNS = ['source_id', 'experiment_id', 'variable_id'];
const FILTER_COLUMNS = ['activity_id', 'institution_id', 'experiment_id', 'member_id', 'table_id', 'grid_label', 'variable_id', 'source_id'];
export const COUNT_FACETS = ['source_id', 'experiment_id', 'variable_id', 'table_id', 'member_id'];

/**
 * Seeded queries built from sampled rows of the catalog itself (so filters are values that occur,
 * weighted by frequency like real traffic): the term is the first word of one column's value
 * ("CESM2" of CESM2-WACCM, "hist" of hist-aer, "tas"), matched by intake-esm as ^term on that column.
 */
export function makeQueries(rows: number, seed: number, count: number): BenchQuery[] {
  const random = rng(seed ^ 0x5eed);
  const wanted = new Set<number>();
  while (wanted.size < count) wanted.add(1 + Math.floor(random() * rows));
  const sampled = new Map<number, string[]>();
  let n = -1;
  for (const line of generate({ rows, seed }).lines()) {
    if (wanted.has(n)) sampled.set(n, line.trimEnd().split(','));
    n++;
  }
  const header = ['activity_id', 'institution_id', 'source_id', 'experiment_id', 'member_id', 'table_id', 'variable_id', 'grid_label'];
  const value = (row: string[], column: string) => row[header.indexOf(column)];
  return [...wanted].map((rowNumber) => {
    const row = sampled.get(rowNumber) as string[];
    const termColumn = TERM_COLUMNS[Math.floor(random() * TERM_COLUMNS.length)];
    const word = /^[A-Za-z0-9]+/.exec(value(row, termColumn))?.[0] ?? value(row, termColumn);
    const others = FILTER_COLUMNS.filter((c) => c !== termColumn);
    const filters: BenchQuery['filters'] = [];
    const howMany = 1 + Math.floor(random() * 2);
    while (filters.length < howMany) {
      const column = others[Math.floor(random() * others.length)];
      if (!filters.some((f) => f.column === column)) filters.push({ column, value: value(row, column) });
    }
    return { term: { column: termColumn, text: word, regex: `^${word}` }, filters, facets: COUNT_FACETS };
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function python(descriptorPath: string, queriesPath: string): Promise<Record<string, unknown>> {
  const interpreter = process.env.LEAP_BENCH_PYTHON ?? path.resolve(serviceDir, '../.venv/bin/python');
  const proc = spawn(interpreter, [path.join(benchDir, 'intake_esm_anchor.py'), descriptorPath, queriesPath], {
    stdio: ['ignore', 'pipe', 'inherit']
  });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  if (code !== 0) throw new Error(`intake-esm anchor exited ${code}`);
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const phase = option(args, '--phase', 'all');
  const rows = Number(option(args, '--rows', '515000'));
  const seed = Number(option(args, '--seed', '42'));
  const queryCount = Number(option(args, '--queries', '200'));
  const dataDir = path.join(benchDir, 'data');
  const descriptorPath = path.join(dataDir, `cmip6-${rows}.json`);

  if (phase !== 'all') {
    const target: DbTarget = { kind: option(args, '--kind', 'pglite') as DbTarget['kind'], where: option(args, '--where', '') };
    if (phase === 'migrate') return phaseMigrate(target);
    if (phase === 'import') return phaseImport(target, descriptorPath);
    throw new Error(`unknown phase ${phase}`);
  }

  if (!existsSync(descriptorPath)) {
    const t0 = performance.now();
    await writeCatalog(dataDir, { rows, seed });
    console.log(`generated ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${descriptorPath}`);
  }

  // A fresh database for this run.
  const adminUrl = process.env.DATABASE_URL;
  let target: DbTarget;
  let cleanup: () => Promise<void>;
  if (adminUrl !== undefined && adminUrl !== '') {
    const name = `leap_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    target = { kind: 'postgresql', where: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = await mkdtemp(path.join(tmpdir(), 'leap-bench-'));
    target = { kind: 'pglite', where: path.join(dir, 'pgdata') };
    cleanup = () => rm(dir, { recursive: true, force: true });
  }
  const keep = args.includes('--keep');
  try {
    await child('migrate', target);
    const imported = await child('import', target, ['--rows', String(rows)]);
    console.log(`import (${target.kind}, ${rows} rows): ${JSON.stringify(imported)}`);

    const queries = makeQueries(rows, seed, queryCount);
    const queriesPath = path.join(dataDir, `queries-${rows}-${seed}-${queryCount}.json`);
    await writeFile(queriesPath, JSON.stringify(queries));

    const db = await openTarget(target, false);
    let ours: Awaited<ReturnType<typeof runSearch>>;
    try {
      ours = await runSearch(db, queries);
    } finally {
      await db.close();
    }
    const fmt = (values: number[]) =>
      `p50 ${percentile(values, 50).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms, p99 ${percentile(values, 99).toFixed(2)} ms`;
    console.log(`index build: ${ours.buildSeconds.toFixed(2)} s, RSS after build ${ours.rssMiB} MiB`);
    console.log(`CatalogIndex.search (${queries.length} queries): ${fmt(ours.indexMs)}`);
    console.log(`GET /api/catalog/search via inject (${queries.length} queries, every facet, the panel's first page): ${fmt(ours.httpMs)}`);
    console.log(`  the same with facets= the 5 anchor facets: ${fmt(ours.httpFacetsMs)}`);
    console.log(`  a later page (offset 100, limit 100, facets= none): ${fmt(ours.httpPageMs)}`);

    let anchor: Record<string, unknown> | null = null;
    if (!args.includes('--no-anchor')) {
      anchor = await python(descriptorPath, queriesPath);
      const ms = anchor.ms as number[];
      const totals = anchor.totals as number[];
      const same = totals.filter((t, i) => t === ours.totals[i]).length;
      console.log(
        `intake-esm ${anchor.version} search()+value_counts: p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms ` +
          `(open ${anchor.openSeconds} s, peak RSS ${anchor.peakRssMiB} MiB); same result size in ${same}/${totals.length} queries`
      );
      console.log(
        `ratio intake-esm/ours: p50 ×${(percentile(ms, 50) / percentile(ours.indexMs, 50)).toFixed(0)}, ` +
          `p95 ×${(percentile(ms, 95) / percentile(ours.indexMs, 95)).toFixed(0)} (index); ` +
          `p95 ×${(percentile(ms, 95) / percentile(ours.httpMs, 95)).toFixed(0)} (HTTP)`
      );
    }
    const summary = {
      rows,
      database: target.kind,
      import: imported,
      index: { buildSeconds: ours.buildSeconds, rssMiB: ours.rssMiB, p50: percentile(ours.indexMs, 50), p95: percentile(ours.indexMs, 95), p99: percentile(ours.indexMs, 99) },
      http: { p50: percentile(ours.httpMs, 50), p95: percentile(ours.httpMs, 95), p99: percentile(ours.httpMs, 99) },
      httpFiveFacets: { p50: percentile(ours.httpFacetsMs, 50), p95: percentile(ours.httpFacetsMs, 95), p99: percentile(ours.httpFacetsMs, 99) },
      httpLaterPage: { p50: percentile(ours.httpPageMs, 50), p95: percentile(ours.httpPageMs, 95), p99: percentile(ours.httpPageMs, 99) },
      intakeEsm:
        anchor === null
          ? null
          : { version: anchor.version, openSeconds: anchor.openSeconds, peakRssMiB: anchor.peakRssMiB, p50: percentile(anchor.ms as number[], 50), p95: percentile(anchor.ms as number[], 95) }
    };
    console.log(JSON.stringify(summary));
    await writeFile(path.join(dataDir, `result-${target.kind}-${rows}.json`), JSON.stringify(summary, null, 2));
  } finally {
    if (!keep) await cleanup();
    else console.log(`kept the database: ${target.where}`);
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
