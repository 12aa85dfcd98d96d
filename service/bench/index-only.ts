// The search index alone, without a database: the generated catalog mapped by the intake-esm
// importer straight into the index builder, then the bench queries. Quick to profile:
//   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/index-only.ts [--rows 515000] [--queries 200]
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadIndex, type IndexRecord } from '../src/catalog/index/build.js';
import { openIntakeEsm } from '../src/catalog/intake-esm/import.js';
import { readSource, resolveLocation } from '../src/catalog/read-source.js';
import { makeQueries, percentile } from './catalog-search.js';
import { writeCatalog } from './generate-cmip6.js';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rows = Number(option('--rows', '515000'));
const seed = Number(option('--seed', '42'));
const count = Number(option('--queries', '200'));
const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const descriptorPath = path.join(dataDir, `cmip6-${rows}.json`);
if (!existsSync(descriptorPath)) await writeCatalog(dataDir, { rows, seed });

const t0 = performance.now();
const stream = await openIntakeEsm({
  location: descriptorPath,
  body: await readFile(descriptorPath),
  read: (location) => readSource(resolveLocation(descriptorPath, location))
});
const records: IndexRecord[] = [];
for await (const batch of stream.batches) {
  for (const d of batch) {
    records.push({
      id: `cmip6:${d.id}`,
      title: d.title,
      description: d.description,
      tags: d.tags,
      license: null,
      providers: [],
      source: 'CMIP6',
      formats: ['zarr'],
      public: true,
      attributes: d.attributes,
      search: [d.id, 'zstore', 'zstore', ...Object.values(d.attributes)].join(' ')
    });
  }
}
const t1 = performance.now();
const index = loadIndex(records);
records.length = 0;
const t2 = performance.now();
console.log(`mapped ${index.size} in ${((t1 - t0) / 1000).toFixed(1)} s, index built in ${((t2 - t1) / 1000).toFixed(1)} s, RSS ${Math.round(process.memoryUsage().rss / 1048576)} MiB`);

const queries = makeQueries(rows, seed, count);
// every facet (undefined) is what the HTTP route counts; the workload counts 5
const run = (allFacets: boolean) =>
  queries.map((query) => {
    const start = performance.now();
    index.search({ q: query.term.text, filter: query.filters.map((f) => `${f.column}:${f.value}`), facets: allFacets ? undefined : query.facets, limit: 50 });
    return performance.now() - start;
  });
for (const allFacets of [false, true]) {
  for (let pass = 1; pass <= 3; pass++) {
    const ms = run(allFacets);
    console.log(`${allFacets ? 'every facet' : '5 facets'}, pass ${pass}: p50 ${percentile(ms, 50).toFixed(2)} ms, p95 ${percentile(ms, 95).toFixed(2)} ms, p99 ${percentile(ms, 99).toFixed(2)} ms`);
  }
}
