import { Writable } from 'node:stream';
import { buildApp } from '../src/api/app.js';
import { localIdentityProvider } from '../src/auth/local.js';
import { buildIndex } from '../src/catalog/index/build.js';
import type { Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import type { BenchQuery } from './catalog-search.js';

export interface SearchTimings {
  buildSeconds: number;
  rssMiB: number;
  /** Per query, CatalogIndex.search with the 5 facets counted. */
  indexMs: number[];
  /** Per query, GET /api/catalog/search through fastify.inject (auth, schema, index, page summaries from the DB). */
  httpMs: number[];
  /** The same with `facets=` the 5 anchor facets (what a client counting only those asks). */
  httpFacetsMs: number[];
  /** The panel's later pages: `facets=` (none counted), offset 100, limit 100. */
  httpPageMs: number[];
  totals: number[];
}

const TOKEN = 'bench-token-0123456789abcdef';
// One untimed pass over every query first (JIT, caches, the GC settling after the build): steady state.
const WARM_UP = Infinity;

const filterOf = (query: BenchQuery) => query.filters.map((f) => `${f.column}:${f.value}`);

/** Builds the index from the database, runs the queries on it, then once through the HTTP route. */
export async function runSearch(db: Database, queries: BenchQuery[]): Promise<SearchTimings> {
  const t0 = performance.now();
  let { index } = await buildIndex(db);
  const buildSeconds = (performance.now() - t0) / 1000;
  const rssMiB = Math.round(process.memoryUsage().rss / 1048576);

  const run = (query: BenchQuery) =>
    index.search({ q: query.term.text, filter: filterOf(query), facets: query.facets, limit: 50 });
  for (const query of queries.slice(0, WARM_UP)) run(query);
  const indexMs: number[] = [];
  const totals: number[] = [];
  for (const query of queries) {
    const start = performance.now();
    const result = run(query);
    indexMs.push(performance.now() - start);
    totals.push(result.total);
  }
  index = null as unknown as typeof index; // the app builds its own

  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await buildApp({
    config: { mode: 'local' },
    db,
    identity: localIdentityProvider(TOKEN, 'bench'),
    logger: createLogger('warn', quiet)
  });
  const httpMs: number[] = [];
  const httpFacetsMs: number[] = [];
  const httpPageMs: number[] = [];
  try {
    // the Data Library's first page: every facet (it shows them all), as before the facets parameter
    const first = (query: BenchQuery) => {
      const params = new URLSearchParams({ q: query.term.text, limit: '50' });
      for (const filter of filterOf(query)) params.append('filter', filter);
      return params;
    };
    const fiveFacets = (query: BenchQuery) => {
      const params = first(query);
      for (const facet of query.facets) params.append('facets', facet);
      return params;
    };
    const laterPage = (query: BenchQuery) => {
      const params = first(query);
      params.set('offset', '100');
      params.set('limit', '100');
      params.append('facets', '');
      return params;
    };
    const passes: [(query: BenchQuery) => URLSearchParams, number[], boolean][] = [
      [first, httpMs, true],
      [fiveFacets, httpFacetsMs, true],
      [laterPage, httpPageMs, false]
    ];
    for (const [paramsOf, times, checkTotal] of passes) {
      const request = (query: BenchQuery) =>
        app.inject({ method: 'GET', url: `/api/catalog/search?${paramsOf(query)}`, headers: { authorization: `token ${TOKEN}` } });
      for (const query of queries.slice(0, WARM_UP)) await request(query);
      for (const [i, query] of queries.entries()) {
        const start = performance.now();
        const response = await request(query);
        times.push(performance.now() - start);
        if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}: ${response.body}`);
        const total = (response.json() as { total: number }).total;
        if (checkTotal && total !== totals[i]) throw new Error(`query ${i}: HTTP total ${total} ≠ index total ${totals[i]}`);
      }
    }
  } finally {
    await app.close();
  }
  return { buildSeconds, rssMiB, indexMs, httpMs, httpFacetsMs, httpPageMs, totals };
}
