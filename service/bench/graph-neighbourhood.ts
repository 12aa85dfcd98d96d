// The knowledge-graph benchmark (npm run bench:graph -w service):
//   1. generate a LEAP-shaped graph of --edges edges (graph-generate.ts; deterministic per --seed)
//   2. load it into PGlite (bench/data, reused while the same graph is there) and, when
//      DATABASE_URL is set, into PostgreSQL (a database made for it on that server)
//   3. build the graph's in-memory index (graph/index, as the service does on first use; time and
//      heap measured), then for --roots seeded random nodes time (a) the API's 2-hop neighbourhood
//      (graph/neighbourhood.ts: depth 2, the default cap of 300 nodes, summaries and edges),
//      (b) the full 2-hop node set, uncapped, through the same index (neighbourhoodIds) and
//      (c) the full 2-hop node set in one SQL query (what the API did before the index), and
//      (d) graph text search (a 20-item page) for a few words, 24 warm runs each
//   4. run (b) in pyoxigraph (SPARQL, bench/graph_sparql.py) on the same graph and roots, check that
//      every engine finds the same number of nodes per root, and print the latency ratio
//
// Options: --edges 1000000 --seed 7 --roots 200 --no-anchor
// Environment: DATABASE_URL (PostgreSQL where the bench may CREATE DATABASE), LEAP_BENCH_PYTHON
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, totalmem } from 'node:os';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import { loadMigrations, migrate } from '../src/db/migrations.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { loadIndex } from '../src/catalog/index/build.js';
import { graphIndexOf } from '../src/graph/index/holder.js';
import { searchGraph } from '../src/graph/search.js';
import { neighbourhood, neighbourhoodIds } from '../src/graph/neighbourhood.js';
import { rng } from './generate-cmip6.js';
import { generateGraph, writeNTriples, type BenchGraph } from './graph-generate.js';
import { insertGraph } from './graph-load.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(benchDir, 'data');
const USER = 'bench-user';
const CAP = 300;
const WARMUP = 20;
const SEARCHES = ['zzz', 'paper', 'person', 'ds-1', 'paper zz'];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.round((p / 100) * (sorted.length - 1)))];
};
const round = (x: number) => Math.round(x * 100) / 100;

async function load(db: Database, graph: BenchGraph): Promise<number> {
  const started = performance.now();
  await insertGraph(db, graph);
  return (performance.now() - started) / 1000;
}

/** (c): every visible node within two hops, uncapped, one statement. */
const FULL_TWO_HOP = `
  WITH v1 AS (
    SELECT DISTINCT l.id FROM (
      SELECT dst AS id FROM graph_edges WHERE src = $1 UNION ALL SELECT src FROM graph_edges WHERE dst = $1
    ) AS l JOIN graph_nodes n ON n.id = l.id WHERE n.status = 'published' OR n.owner = $2
  ), h2 AS (
    SELECT e.dst AS id FROM graph_edges e JOIN v1 ON e.src = v1.id
    UNION ALL
    SELECT e.src AS id FROM graph_edges e JOIN v1 ON e.dst = v1.id
  )
  SELECT id FROM v1 WHERE id <> $1
  UNION
  SELECT h2.id FROM h2 JOIN graph_nodes n ON n.id = h2.id WHERE (n.status = 'published' OR n.owner = $2) AND h2.id <> $1`;

interface Stats {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
}

interface EngineResult {
  engine: string;
  load_s: number | null;
  index: { build_s: number; heap_mib: number; nodes: number; edges: number };
  api: Stats & { mean_nodes: number; truncated: number };
  full: Stats & { mean_ms: number };
  sql_full: Stats;
  search: Stats & { queries: Record<string, number> };
  counts: number[];
  sqlCounts: number[];
}

const heapMib = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function measure(engine: string, db: Database, roots: string[], loadSeconds: number | null): Promise<EngineResult> {
  const heapBefore = heapMib();
  let t0 = performance.now();
  const holder = await graphIndexOf(db);
  const buildSeconds = (performance.now() - t0) / 1000;
  const built = holder.current();
  const index = { build_s: round(buildSeconds), heap_mib: round(heapMib() - heapBefore), nodes: built.nodeCount, edges: built.edgeCount };
  for (const root of roots.slice(0, WARMUP)) {
    await neighbourhood(db, root, USER, 2, CAP);
    await neighbourhoodIds(db, root, USER, 2);
    await db.query(FULL_TWO_HOP, [root, USER]);
  }
  const apiTimes: number[] = [];
  let nodes = 0;
  let truncated = 0;
  for (const root of roots) {
    t0 = performance.now();
    const result = (await neighbourhood(db, root, USER, 2, CAP))!;
    apiTimes.push(performance.now() - t0);
    nodes += result.nodes.length;
    truncated += result.truncated ? 1 : 0;
  }
  const fullTimes: number[] = [];
  const counts: number[] = [];
  for (const root of roots) {
    t0 = performance.now();
    const ids = (await neighbourhoodIds(db, root, USER, 2))!;
    fullTimes.push(performance.now() - t0);
    counts.push(ids.length - 1);
  }
  const sqlTimes: number[] = [];
  const sqlCounts: number[] = [];
  for (const root of roots) {
    t0 = performance.now();
    const rows = await db.query<{ id: string }>(FULL_TWO_HOP, [root, USER]);
    sqlTimes.push(performance.now() - t0);
    sqlCounts.push(rows.length);
  }
  // Graph text search (GET /api/graph/search), a 20-item page: hits from none to a quarter of the nodes.
  const noCatalog = loadIndex([]);
  const queries: Record<string, number> = {};
  const searchTimes: number[] = [];
  for (const q of SEARCHES) {
    for (let run = 0; run < 25; run++) {
      t0 = performance.now();
      const found = await searchGraph(db, noCatalog, { q, limit: 20 }, USER);
      if (run > 0) {
        searchTimes.push(performance.now() - t0);
      }
      queries[q] = found.total;
    }
  }
  const stats = (t: number[]): Stats => ({ p50_ms: round(percentile(t, 50)), p95_ms: round(percentile(t, 95)), p99_ms: round(percentile(t, 99)) });
  return {
    engine,
    load_s: loadSeconds === null ? null : round(loadSeconds),
    index,
    api: { ...stats(apiTimes), mean_nodes: round(nodes / roots.length), truncated },
    full: { ...stats(fullTimes), mean_ms: round(fullTimes.reduce((a, b) => a + b, 0) / fullTimes.length) },
    sql_full: stats(sqlTimes),
    search: { ...stats(searchTimes), queries },
    counts,
    sqlCounts
  };
}

async function edgeCount(db: Database): Promise<number> {
  const [{ count }] = await db.query<{ count: number }>('SELECT count(*) AS count FROM graph_edges');
  return Number(count);
}

/** Migrates and loads the graph unless this database already holds it. */
async function prepare(db: Database, graph: BenchGraph): Promise<number | null> {
  await migrate(db, await loadMigrations());
  if ((await edgeCount(db)) === graph.src.length) {
    return null;
  }
  await db.exec('DELETE FROM graph_edges; DELETE FROM graph_nodes;');
  return load(db, graph);
}

async function runPython(args: string[]): Promise<Record<string, unknown>> {
  const python = process.env.LEAP_BENCH_PYTHON ?? path.resolve(benchDir, '../../.venv/bin/python');
  const proc = spawn(python, [path.join(benchDir, 'graph_sparql.py'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  if (code !== 0) {
    throw new Error(`graph_sparql.py exited ${code}`);
  }
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const edges = Number(option('--edges', '1000000'));
  const seed = Number(option('--seed', '7'));
  const rootCount = Number(option('--roots', '200'));
  await mkdir(dataDir, { recursive: true });
  let started = performance.now();
  const graph = generateGraph(edges, seed);
  console.error(`generated ${graph.ids.length} nodes, ${edges} edges in ${round((performance.now() - started) / 1000)} s`);
  const random = rng(seed + 1);
  const roots = Array.from({ length: rootCount }, () => graph.ids[Math.floor(random() * graph.ids.length)]);
  const stem = path.join(dataDir, `graph-${edges}-${seed}`);
  await writeFile(`${stem}-roots.json`, JSON.stringify(roots));
  const results: EngineResult[] = [];

  const pgliteDb = await openPglite(`${stem}-pglite`, { create: true });
  try {
    const loaded = await prepare(pgliteDb, graph);
    console.error(`PGlite ${loaded === null ? 'reused' : `loaded in ${round(loaded)} s`}`);
    results.push(await measure('PGlite', pgliteDb, roots, loaded));
  } finally {
    await pgliteDb.close();
  }
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    const name = `leap_bench_graph_${edges}_${seed}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${name}`);
    }
    await admin.end();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = await openPostgres(target.toString(), { onConnectionError: () => undefined });
    try {
      const loaded = await prepare(db, graph);
      console.error(`PostgreSQL ${loaded === null ? 'reused' : `loaded in ${round(loaded)} s`}`);
      results.push(await measure('PostgreSQL', db, roots, loaded));
    } finally {
      await db.close();
    }
  }
  let anchor: Record<string, unknown> | null = null;
  if (!process.argv.includes('--no-anchor')) {
    const nt = `${stem}.nt`;
    if (!existsSync(nt)) {
      started = performance.now();
      await writeNTriples(graph, nt);
      console.error(`wrote ${nt} in ${round((performance.now() - started) / 1000)} s`);
    }
    anchor = await runPython(['--nt', nt, '--roots', `${stem}-roots.json`, '--warmup', String(WARMUP)]);
  }
  const reference = results[0].counts;
  const others = [
    ...results.map((r) => ({ engine: `${r.engine} SQL`, counts: r.sqlCounts })),
    ...results.slice(1).map((r) => ({ engine: r.engine, counts: r.counts }))
  ];
  for (const other of [...others, ...(anchor === null ? [] : [{ engine: 'pyoxigraph', counts: anchor.counts as number[] }])]) {
    const differ = other.counts.findIndex((count, i) => count !== reference[i]);
    if (differ >= 0) {
      throw new Error(`${other.engine} finds ${other.counts[differ]} nodes within 2 hops of ${roots[differ]}, PGlite ${reference[differ]}`);
    }
  }
  const sizes = { p50: percentile(reference, 50), p95: percentile(reference, 95), max: Math.max(...reference) };
  const summary = {
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gib: round(totalmem() / 2 ** 30), node: process.version },
    graph: { nodes: graph.ids.length, edges, seed, roots: rootCount, two_hop_sizes: sizes },
    engines: results.map(({ counts: _counts, sqlCounts: _sqlCounts, ...rest }) => rest),
    pyoxigraph: anchor === null ? null : { ...anchor, counts: undefined },
    ratio_full_p95: anchor === null ? null : Object.fromEntries(results.map((r) => [r.engine, round(r.full.p95_ms / (anchor!.p95_ms as number))]))
  };
  await writeFile(`${stem}-result.json`, JSON.stringify(summary, null, 2));
  console.log(JSON.stringify(summary, null, 2));
}

await main();
