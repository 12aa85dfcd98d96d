import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { DatasetDetail, SearchResult } from '../src/api/catalog-schemas.js';
import type { App } from '../src/api/types.js';
import { localIdentityProvider } from '../src/auth/local.js';
import { detectKind } from '../src/catalog/detect-kind.js';
import { readSource, resolveLocation } from '../src/catalog/read-source.js';
import { addSource, refreshSource } from '../src/catalog/sources.js';
import { createStacImporter, importStac } from '../src/catalog/stac/import.js';
import type { ImportedCatalog, ImportedDataset } from '../src/catalog/types.js';
import type { Database } from '../src/db/database.js';
import { testApp } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/stac/', import.meta.url));
const TOKEN = 'stac-test-token';

const json = async (file: string) => JSON.parse(await readFile(path.join(FIXTURES, file), 'utf8')) as Record<string, unknown>;

/** Runs an importer on a location the way refreshSource does. */
async function run(location: string, importer = importStac): Promise<ImportedCatalog & { datasets: ImportedDataset[] }> {
  const result = await importer({
    location,
    body: await readSource(location),
    read: (other) => readSource(resolveLocation(location, other))
  });
  assert.ok(Array.isArray(result.datasets));
  return result as ImportedCatalog & { datasets: ImportedDataset[] };
}

const byId = (datasets: ImportedDataset[], id: string) => {
  const found = datasets.find((d) => d.id === id);
  assert.ok(found !== undefined, `dataset ${id} among ${datasets.map((d) => d.id).join(', ')}`);
  return found;
};

interface Logged {
  method: string;
  url: string;
  body: string;
}

/**
 * A local HTTP server: /static/… serves the fixture folder; /api/… speaks the STAC API subset the
 * importer uses (landing page with conformsTo, /collections in two pages, /search in two pages per
 * collection, the second page of one collection by a POST next link).
 */
async function stacServer(): Promise<{ server: Server; base: string; log: Logged[] }> {
  const log: Logged[] = [];
  const spec = async (file: string) => json(`spec/${file}`);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = new URL(request.url ?? '/', 'http://localhost');
        log.push({ method: request.method ?? 'GET', url: url.pathname + url.search, body });
        const send = (status: number, value: unknown) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(typeof value === 'string' ? value : JSON.stringify(value));
        };
        if (url.pathname.startsWith('/static/')) {
          const file = path.join(FIXTURES, decodeURIComponent(url.pathname.slice('/static/'.length)));
          if (!file.startsWith(FIXTURES)) return send(403, {});
          return readFile(file).then((bytes) => send(200, bytes.toString('utf8')), () => send(404, { code: 'NotFound' }));
        }
        const api = `http://${request.headers.host}/api`;
        if (url.pathname === '/api/' || url.pathname === '/api') {
          return send(200, {
            type: 'Catalog',
            id: 'test-api',
            stac_version: '1.0.0',
            description: 'A STAC API subset for tests',
            conformsTo: ['https://api.stacspec.org/v1.0.0/core', 'https://api.stacspec.org/v1.0.0/item-search', 'https://api.stacspec.org/v1.0.0/collections'],
            links: [
              { rel: 'self', href: `${api}/` },
              { rel: 'search', href: `${api}/search`, type: 'application/geo+json', method: 'GET' },
              { rel: 'search', href: `${api}/search`, type: 'application/geo+json', method: 'POST' }
            ]
          });
        }
        if (url.pathname === '/api/collections') {
          if (url.searchParams.get('page') === '2') {
            return send(200, { collections: [await spec('extensions-collection/collection.json'), { type: 'Collection', title: 'no id' }], links: [] });
          }
          return send(200, { collections: [await spec('collection.json')], links: [{ rel: 'next', href: './collections?page=2' }] });
        }
        if (url.pathname === '/api/search' && request.method === 'GET') {
          const collection = url.searchParams.get('collections');
          if (collection === 'simple-collection' && url.searchParams.get('token') === null) {
            return send(200, {
              type: 'FeatureCollection',
              features: [await spec('simple-item.json'), await spec('core-item.json')],
              links: [{ rel: 'next', href: `${api}/search?collections=simple-collection&token=2` }]
            });
          }
          if (collection === 'simple-collection') {
            return send(200, { type: 'FeatureCollection', features: [await spec('extended-item.json')], links: [] });
          }
          if (collection === 'extensions-collection') {
            return send(200, {
              type: 'FeatureCollection',
              features: [await spec('extensions-collection/proj-example/proj-example.json')],
              links: [{ rel: 'next', href: `${api}/search`, method: 'POST', body: { collections: ['extensions-collection'], token: 'p2' } }]
            });
          }
          return send(200, { type: 'FeatureCollection', features: [], links: [] });
        }
        if (url.pathname === '/api/search' && request.method === 'POST') {
          const parsed = JSON.parse(body) as { token?: string };
          assert.equal(parsed.token, 'p2');
          return send(200, { type: 'FeatureCollection', features: [{ type: 'Feature', stac_version: '1.0.0', properties: {}, assets: {} }], links: [] });
        }
        return send(404, { code: 'NotFound' });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log };
}

describe('STAC importer', () => {
  let http: Awaited<ReturnType<typeof stacServer>>;
  let dir: string;
  before(async () => {
    http = await stacServer();
    dir = await mkdtemp(path.join(tmpdir(), 'leap-stac-'));
  });
  after(async () => {
    await new Promise((resolve) => http?.server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('detects STAC catalogs, collections, items and API landing pages as kind stac', async () => {
    for (const file of ['spec/catalog.json', 'spec/collection.json', 'spec/simple-item.json', 'leap/catalog.json']) {
      assert.equal(detectKind(await readFile(path.join(FIXTURES, file))), 'stac', file);
    }
    assert.equal(detectKind(Buffer.from(JSON.stringify({ conformsTo: ['https://api.stacspec.org/v1.0.0/core'], links: [] }))), 'stac');
    assert.equal(detectKind(Buffer.from('{"type": "FeatureCollection", "features": []}')), null);
  });

  it('walks the stac-spec example catalog over HTTP: every collection and item accounted for', async () => {
    const { datasets, skipped, warnings } = await run(`${http.base}/static/spec/catalog.json`);
    assert.deepEqual(skipped, []);
    // 3 collections (two share the id sentinel-2) + 1 collection-less item; the one item under a collection is summarized.
    assert.deepEqual(datasets.map((d) => d.id), ['extensions-collection', 'sentinel-2', 'sentinel-2-2', 'CS3-20160503_132131_08']);
    assert.deepEqual(warnings, [{ id: 'sentinel-2', reason: 'id already taken by an earlier collection or item: served as sentinel-2-2' }]);
    const extensions = byId(datasets, 'extensions-collection');
    assert.equal(extensions.attributes['stac:items'], '1');
    assert.deepEqual(extensions.stores.map((s) => [s.id, s.format]), [['proj-example.B1', 'geotiff'], ['proj-example.B8', 'geotiff']]);
    assert.deepEqual(extensions.tags, ['examples', 'sar', 'projection']);
    assert.deepEqual(extensions.license, { spdx: null, text: 'other', link: 'https://remotedata.io/license.html' });
    assert.deepEqual(extensions.providers.map((p) => p.name), ['Remote Data, Inc.']);
    const item = byId(datasets, 'CS3-20160503_132131_08');
    assert.equal(item.title, 'Full Item');
    assert.equal(item.thumbnail, 'http://cool-sat.com/catalog/CS3-20160503_132130_04/thumbnail.png');
    assert.deepEqual(item.stores.map((s) => s.id), ['analytic', 'udm'], 'thumbnail, metadata and untyped non-data assets are not stores');
    assert.equal(item.license.link, 'http://remotedata.io/license.html');
    const documents = http.log.filter((l) => l.url.startsWith('/static/spec/')).map((l) => l.url).sort();
    assert.deepEqual(documents, [
      '/static/spec/catalog.json',
      '/static/spec/collection-only/collection-with-schemas.json',
      '/static/spec/collection-only/collection.json',
      '/static/spec/collectionless-item.json',
      '/static/spec/extensions-collection/collection.json',
      '/static/spec/extensions-collection/proj-example/proj-example.json'
    ], 'each linked document read once (parent/root links not followed)');
  });

  it('a collection summarizes its items: stores per item asset (same URL once), item count, thumbnail; a local path works', async () => {
    const { datasets, skipped, warnings } = await run(path.join(FIXTURES, 'spec/collection.json'));
    assert.deepEqual([skipped, warnings], [[], []]);
    assert.equal(datasets.length, 1);
    const [collection] = datasets;
    assert.equal(collection.id, 'simple-collection');
    assert.equal(collection.attributes['stac:items'], '3');
    assert.deepEqual(collection.license, { spdx: 'CC-BY-4.0', text: 'CC-BY-4.0', link: null });
    assert.equal(collection.thumbnail, 'https://storage.googleapis.com/open-cogs/stac-examples/20201211_223832_CS2.jpg');
    assert.deepEqual(collection.stores.map((s) => s.url), [
      'https://storage.googleapis.com/open-cogs/stac-examples/20201211_223832_CS2.tif',
      'https://storage.googleapis.com/open-cogs/stac-examples/20201211_223832_CS2_analytic.tif',
      'https://storage.googleapis.com/open-cogs/stac-examples/20201211_223832_CS2_analytic_udm.tif'
    ]);
    const capped = await run(path.join(FIXTURES, 'spec/collection.json'), createStacImporter({ maxStoresPerDataset: 2 }));
    assert.equal(capped.datasets[0].stores.length, 2);
    assert.deepEqual(capped.warnings, [{ id: 'simple-collection', reason: 'more than 2 data assets: only the first 2 are listed as stores' }]);
  });

  it('Zarr assets with xarray-assets open kwargs, datacube variables and dimensions, links and license', async () => {
    const { datasets, skipped } = await run(`${http.base}/static/leap/catalog.json`);
    assert.deepEqual(skipped, []);
    const [ohc] = datasets;
    assert.equal(datasets.length, 1);
    assert.equal(ohc.id, 'ocean-heat-content-v1');
    assert.equal(ohc.title, 'Global Ocean Heat Content');
    assert.equal(ohc.description, 'Monthly **ocean heat content** on a 1° grid.');
    assert.deepEqual(ohc.license, { spdx: 'CC-BY-4.0', text: 'CC-BY-4.0', link: 'https://creativecommons.org/licenses/by/4.0/' });
    assert.deepEqual(ohc.providers, [{ name: 'LEAP', description: 'LEAP-Pangeo', roles: ['host', 'processor'], url: 'https://leap.columbia.edu' }]);
    assert.deepEqual(ohc.links, [
      { label: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      { label: 'Cite as', url: 'https://doi.org/10.0000/example-ohc' },
      { label: 'Project page', url: 'https://leap.columbia.edu/ohc' }
    ]);
    assert.equal(ohc.thumbnail, 'https://example.org/leap/ohc.png');
    assert.deepEqual(ohc.attributes, { 'cube:variables': 'ohc_700m thetao sst', 'cube:dimensions': 'time lat lon depth', 'stac:items': '1' });
    assert.deepEqual(
      ohc.stores.map((s) => [s.id, s.format, s.url, s.httpsUrl, s.openKwargs, s.public]),
      [
        ['zarr-https', 'zarr', 'https://example.org/leap/ohc.zarr', 'https://example.org/leap/ohc.zarr', { consolidated: true, chunks: { time: 12 }, engine: 'zarr' }, true],
        [
          'zarr-osn', 'zarr', 's3://leap-pangeo/ohc-v1.zarr', 'https://nyu1.osn.mghpcc.org/leap-pangeo/ohc-v1.zarr',
          { engine: 'zarr', storage_options: { anon: true, endpoint_url: 'https://nyu1.osn.mghpcc.org' } }, true
        ],
        ['ohc-1950.netcdf', 'netcdf', `${http.base}/static/leap/items/ohc-1950.nc`, null, {}, true]
      ]
    );
    assert.equal(ohc.stores[2].lastUpdated, '1950-01-01');
  });

  it('reads a STAC API: /collections and /search paged by next links (GET and POST), bounded', async () => {
    const { datasets, skipped, warnings } = await run(`${http.base}/api/`);
    assert.deepEqual(datasets.map((d) => [d.id, d.attributes['stac:items']]), [['simple-collection', '3'], ['extensions-collection', '1']]);
    assert.deepEqual(datasets[0].stores.length, 3);
    assert.deepEqual(skipped, [
      { id: `${http.base}/api/collections?page=2 collection 2`, reason: 'collection without an id' },
      { id: 'extensions-collection item 2', reason: 'item without an id' }
    ]);
    assert.deepEqual(warnings, []);
    const apiCalls = http.log.filter((l) => l.url.startsWith('/api')).map((l) => `${l.method} ${l.url}`);
    assert.deepEqual(apiCalls, [
      'GET /api/',
      'GET /api/collections',
      'GET /api/collections?page=2',
      'GET /api/search?collections=simple-collection&limit=100',
      'GET /api/search?collections=simple-collection&token=2',
      'GET /api/search?collections=extensions-collection&limit=100',
      'POST /api/search'
    ]);
    const bounded = await run(`${http.base}/api/`, createStacImporter({ maxItemsPerCollection: 2 }));
    assert.equal(bounded.datasets[0].attributes['stac:items'], '2');
    assert.deepEqual(bounded.warnings, [{ id: 'simple-collection', reason: 'more than 2 items: the rest are not read' }]);
  });

  it('skips bad entries with their href and reason and keeps going; cycles and depth are bounded', async () => {
    const bad = path.join(dir, 'bad');
    await cp(path.join(FIXTURES, 'spec'), bad, { recursive: true });
    await writeFile(path.join(bad, 'broken.json'), '{"type": "Collection", "id": ');
    await writeFile(path.join(bad, 'no-id-item.json'), JSON.stringify({ type: 'Feature', stac_version: '1.0.0', properties: {}, assets: {}, links: [] }));
    await writeFile(path.join(bad, 'not-stac.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(
      path.join(bad, 'deep.json'),
      JSON.stringify({ type: 'Catalog', stac_version: '1.0.0', id: 'deep', description: '', links: [{ rel: 'child', href: './deeper.json' }] })
    );
    await writeFile(
      path.join(bad, 'deeper.json'),
      JSON.stringify({ type: 'Catalog', stac_version: '1.0.0', id: 'deeper', description: '', links: [{ rel: 'child', href: './collection.json' }] })
    );
    const root = JSON.parse(await readFile(path.join(bad, 'catalog.json'), 'utf8')) as { links: unknown[] };
    root.links.push(
      { rel: 'child', href: './missing/collection.json' },
      { rel: 'child', href: './broken.json' },
      { rel: 'item', href: './no-id-item.json' },
      { rel: 'child', href: './not-stac.json' },
      { rel: 'child', href: './catalog.json' },
      { rel: 'child', href: './deep.json' }
    );
    await writeFile(path.join(bad, 'catalog.json'), JSON.stringify(root));
    const { datasets, skipped, warnings } = await run(path.join(bad, 'catalog.json'), createStacImporter({ maxDepth: 2 }));
    assert.deepEqual(datasets.map((d) => d.id), ['extensions-collection', 'sentinel-2', 'sentinel-2-2', 'CS3-20160503_132131_08']);
    assert.deepEqual(
      skipped.map((s) => [path.relative(bad, s.id), s.reason.replace(bad, '<dir>')]),
      [
        ['missing/collection.json', 'cannot read <dir>/missing/collection.json: ENOENT'],
        ['broken.json', skipped[1].reason],
        ['no-id-item.json', 'item without an id'],
        ['not-stac.json', 'not a STAC catalog, collection or item']
      ]
    );
    assert.match(skipped[1].reason, /^not valid JSON: /);
    assert.deepEqual(
      warnings.map((w) => [w.id.replace(`${bad}/`, ''), w.reason]),
      [['sentinel-2', warnings[0].reason], ['collection.json', 'more than 2 links from the root: not followed']]
    );
  });

  it('a root that is not STAC fails the import with a clear error', async () => {
    const file = path.join(dir, 'plain.json');
    await writeFile(file, JSON.stringify({ hello: 'world' }));
    await assert.rejects(run(file), /not a STAC catalog, collection, item or API landing page/);
    await writeFile(file, '{"stac_version": ');
    await assert.rejects(run(file), /not valid JSON/);
  });
});

for (const variant of variants()) {
  describe(`STAC sources on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let http: Awaited<ReturnType<typeof stacServer>>;
    let dir: string;

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      http = await stacServer();
      dir = await mkdtemp(path.join(tmpdir(), 'leap-stac-db-'));
    });
    after(async () => {
      await new Promise((resolve) => http?.server.close(resolve));
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    /** An app started now, so its search index holds every source added before. */
    const appNow = async (): Promise<App> => (await testApp('local', db, localIdentityProvider(TOKEN, 'alice'))).app;

    it('adds the static example catalog (kind detected) and the STAC API; counts in the report', async () => {
      const spec = await addSource(db, { url: `${http.base}/static/spec/catalog.json`, name: 'STAC examples' });
      assert.equal(spec.kind, 'stac');
      assert.equal(spec.lastRefresh?.status, 'ok', spec.lastRefresh?.error);
      assert.equal(spec.lastRefresh?.datasets, 4);
      assert.equal(spec.lastRefresh?.stores, 4);
      const api = await addSource(db, { url: `${http.base}/api/`, name: 'STAC API' });
      assert.equal(api.kind, 'stac');
      assert.equal(api.lastRefresh?.status, 'partial');
      assert.equal(api.lastRefresh?.datasets, 2);
      assert.equal(api.lastRefresh?.stores, 5);
      assert.equal(api.lastRefresh?.skipped.length, 2);
    });

    it('datacube variables are searchable; open kwargs reach the snippet', async () => {
      const source = await addSource(db, { url: `${http.base}/static/leap/catalog.json`, name: 'LEAP STAC' });
      assert.equal(source.lastRefresh?.status, 'ok', source.lastRefresh?.error);
      const app = await appNow();
      after(() => app.close());
      const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `token ${TOKEN}` } });
      for (const q of ['thetao', 'ohc_700', 'sst ', 'heat content']) {
        const found = (await get(`/api/catalog/search?q=${encodeURIComponent(q)}`)).json<SearchResult>();
        assert.deepEqual(found.items.map((i) => i.id), ['leap-stac:ocean-heat-content-v1'], q);
      }
      const response = await get(`/api/catalog/datasets/${encodeURIComponent('leap-stac:ocean-heat-content-v1')}`);
      assert.equal(response.statusCode, 200);
      const detail = response.json<DatasetDetail>();
      assert.equal(detail.attributes['cube:variables'], 'ohc_700m thetao sst');
      assert.equal(
        detail.stores[0].snippet,
        'import xarray as xr\nds = xr.open_dataset("https://example.org/leap/ohc.zarr", chunks={"time": 12}, engine="zarr", consolidated=True)'
      );
      assert.equal(
        detail.stores[1].snippet,
        'import xarray as xr\nds = xr.open_dataset("s3://leap-pangeo/ohc-v1.zarr", engine="zarr", ' +
          'storage_options={"anon": True, "endpoint_url": "https://nyu1.osn.mghpcc.org"}, chunks={})'
      );
      assert.match(detail.stores[2].snippet, /^import fsspec\n.*engine="h5netcdf"/s);
    });

    it('a root that stops being STAC fails the refresh; the previous version stays served', async () => {
      const root = path.join(dir, 'catalog.json');
      await cp(path.join(FIXTURES, 'spec'), dir, { recursive: true });
      const source = await addSource(db, { url: root, name: 'Local STAC' });
      assert.equal(source.lastRefresh?.datasets, 4);
      await writeFile(root, JSON.stringify([{ not: 'stac' }]));
      const failed = await refreshSource(db, source.id);
      assert.equal(failed.lastRefresh?.status, 'failed');
      assert.match(failed.lastRefresh?.error ?? '', /not a STAC catalog, collection, item or API landing page/);
      assert.equal(failed.lastRefresh?.datasets, 4);
      const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM datasets WHERE source_id = $1', [source.id]);
      assert.equal(count, 4);
    });
  });
}
