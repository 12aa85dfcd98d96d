// The data of the hub-scale load benchmark (bench/load.ts): a migrated database holding every part
// at a size a large hub reaches — the synthetic CMIP6 catalog (bench/generate-cmip6.ts, imported
// through the catalog's own source import), the demo tutorial, a LEAP-shaped knowledge graph
// (bench/graph-generate.ts) — and what the simulated users ask for: seeded catalog queries,
// dataset ids, graph roots and words, the tutorial's steps.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addSource } from '../src/catalog/sources.js';
import type { Database } from '../src/db/database.js';
import { loadMigrations, migrate } from '../src/db/migrations.js';
import { loadDemoTutorials } from '../src/tutorials/demo.js';
import { makeQueries, type BenchQuery } from './catalog-search.js';
import { rng, writeCatalog } from './generate-cmip6.js';
import { generateGraph } from './graph-generate.js';
import { insertGraph } from './graph-load.js';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

export interface LoadFixtures {
  /** GET /api/catalog/search query strings: a term, 1–2 facet filters, 5 facets counted, 50 per page. */
  searches: string[];
  datasetIds: string[];
  tutorial: { id: string; steps: string[] };
  graphRoots: string[];
  graphWords: string[];
}

export interface LoadedData {
  fixtures: LoadFixtures;
  sizes: { datasets: number; graphNodes: number; graphEdges: number; tutorials: number };
  seconds: { catalog: number; graph: number };
}

function searchParams(query: BenchQuery): string {
  const params = new URLSearchParams({ q: query.term.text, limit: '50' });
  for (const filter of query.filters) params.append('filter', `${filter.column}:${filter.value}`);
  for (const facet of query.facets) params.append('facets', facet);
  return params.toString();
}

async function loadCatalog(db: Database, rows: number, seed: number): Promise<void> {
  const name = `cmip6-${rows}`;
  const descriptorPath = existsSync(path.join(dataDir, `${name}.json`)) && existsSync(path.join(dataDir, `${name}.csv.gz`))
    ? path.join(dataDir, `${name}.json`)
    : (await writeCatalog(dataDir, { rows, seed })).descriptorPath;
  const source = await addSource(db, { id: 'cmip6', url: descriptorPath, kind: 'intake-esm', name: 'CMIP6 (synthetic)' });
  if (source.lastRefresh?.status !== 'ok') {
    throw new Error(`catalog import: ${JSON.stringify(source.lastRefresh)}`);
  }
}

/** The bench graph (bench/graph-load.ts): every node published, searchable by id. */
async function loadGraph(db: Database, edges: number, seed: number): Promise<string[]> {
  const graph = generateGraph(edges, seed);
  await insertGraph(db, graph);
  const random = rng(seed ^ 0x10ad);
  return Array.from({ length: 500 }, () => graph.ids[Math.floor(random() * graph.ids.length)]);
}

export async function loadData(db: Database, options: { rows: number; edges: number; seed: number }): Promise<LoadedData> {
  await migrate(db, await loadMigrations());
  let t0 = performance.now();
  await loadCatalog(db, options.rows, options.seed);
  const catalogSeconds = (performance.now() - t0) / 1000;
  const [demo] = await loadDemoTutorials(db);
  if (demo?.status !== 'ok' || demo.tutorial === undefined || demo.tutorial === null) {
    throw new Error(`demo tutorial not imported: ${JSON.stringify(demo)}`);
  }
  t0 = performance.now();
  const graphRoots = await loadGraph(db, options.edges, options.seed);
  const graphSeconds = (performance.now() - t0) / 1000;
  const datasetIds = (await db.query<{ id: string }>('SELECT id FROM datasets ORDER BY md5(id) LIMIT 1000')).map((r) => r.id);
  const steps = (await db.query<{ step: string }>(
    "SELECT s.value->>'id' AS step FROM tutorials, jsonb_array_elements(steps) WITH ORDINALITY AS s WHERE id = $1 ORDER BY s.ordinality",
    [demo.tutorial.id]
  )).map((r) => r.step);
  const [counts] = await db.query<{ datasets: number; nodes: number; edges: number; tutorials: number }>(
    `SELECT (SELECT count(*) FROM datasets) AS datasets, (SELECT count(*) FROM graph_nodes) AS nodes,
            (SELECT count(*) FROM graph_edges) AS edges, (SELECT count(*) FROM tutorials) AS tutorials`
  );
  return {
    fixtures: {
      searches: makeQueries(options.rows, options.seed, 200).map(searchParams),
      datasetIds,
      tutorial: { id: demo.tutorial.id, steps },
      graphRoots,
      graphWords: ['paper', 'person', 'code', 'model', 'ds-1', 'paper zz', 'zzz']
    },
    sizes: { datasets: counts.datasets, graphNodes: counts.nodes, graphEdges: counts.edges, tutorials: counts.tutorials },
    seconds: { catalog: +catalogSeconds.toFixed(1), graph: +graphSeconds.toFixed(1) }
  };
}
