import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadDemoCatalogIfEmpty } from '../src/catalog/demo-source.js';
import { datasetDetail } from '../src/catalog/read.js';
import { readSource } from '../src/catalog/read-source.js';
import { addSource, listSources, refreshSource, SourceError } from '../src/catalog/sources.js';
import type { Database } from '../src/db/database.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

const FIXTURE = fileURLToPath(new URL('../../examples/demo-catalog/consolidated-web-catalog.json', import.meta.url));

for (const variant of variants()) {
  describe(`catalog import on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let dir: string;
    let catalog: string;

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      dir = await mkdtemp(path.join(tmpdir(), 'leap-catalog-'));
      catalog = path.join(dir, 'catalog.json');
      await copyFile(FIXTURE, catalog);
    });
    after(async () => {
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const datasetIds = async () =>
      (await db.query<{ id: string }>('SELECT id FROM datasets WHERE source_id = $1 ORDER BY id', ['leap'])).map((r) => r.id);

    it('imports the real LEAP catalog: 32 datasets, 83 stores, the messy entries reported by id', async () => {
      const source = await addSource(db, { url: catalog, name: 'LEAP' });
      assert.equal(source.id, 'leap');
      assert.equal(source.kind, 'leap-web-catalog', 'kind detected from the content');
      const report = source.lastRefresh;
      assert.ok(report !== null);
      assert.equal(report.status, 'ok');
      assert.equal(report.datasets, 32);
      assert.equal(report.stores, 83);
      assert.deepEqual(report.skipped, []);
      const reasons = new Map(report.warnings.map((w) => [w.id, w.reason]));
      assert.match(reasons.get('cmip6-leap-feedstock') ?? '', /stores is null/);
      assert.match(reasons.get('cm2o_feedstock') ?? '', /no description/);
      assert.match(reasons.get('glab-csif') ?? '', /no tags/);
      const engineZarr = report.warnings.filter((w) => /NetCDF file .* engine "zarr"/.test(w.reason));
      assert.equal(engineZarr.length, 42);
      assert.ok(engineZarr.some((w) => w.id === 'corrdiff_feedstock/era5-hrrr-interp-128-2020'));
      const [counts] = await db.query<{ datasets: number; stores: number; private: number }>(
        `SELECT (SELECT count(*)::int FROM datasets) AS datasets, (SELECT count(*)::int FROM stores) AS stores,
                (SELECT count(*)::int FROM stores WHERE NOT public) AS private`
      );
      assert.deepEqual(counts, { datasets: 32, stores: 83, private: 56 });
    });

    it('keeps the details: licenses, stores with HTTPS URLs and snippets, the ncview link', async () => {
      const cmip6 = await datasetDetail(db, 'leap:cmip6-leap-feedstock');
      assert.equal(cmip6?.stores.length, 0);
      const era5 = await datasetDetail(db, 'leap:arco-era5_feedstock');
      assert.ok(era5 !== null);
      assert.deepEqual(era5.license, { spdx: 'Apache-2.0', text: 'Apache Version 2.0', link: null });
      const v3 = era5.stores.find((s) => s.url.endsWith('.zarr-v3'));
      assert.equal(v3?.httpsUrl, 'https://storage.googleapis.com/gcp-public-data-arco-era5/ar/full_37-1h-0p25deg-chunk-1.zarr-v3');
      assert.equal(v3?.format, 'zarr');
      assert.equal(v3?.snippet, `import xarray as xr\nds = xr.open_dataset("${v3?.url}", engine="zarr", chunks={})`);
      assert.deepEqual(era5.links.at(-1), {
        label: 'Feedstock metadata (meta.yaml)',
        url: 'https://github.com/leap-stc/arco-era5_feedstock/blob/main/feedstock/meta.yaml'
      });
      const pco2 = await datasetDetail(db, 'leap:ocean-carbon-sink-data-feedstock');
      assert.ok(pco2?.stores.every((s) => s.url.startsWith('s3://') && s.httpsUrl === null));
      const corrdiff = await datasetDetail(db, 'leap:corrdiff_feedstock');
      assert.equal(corrdiff?.stores[0].format, 'netcdf');
      assert.equal(corrdiff?.stores[0].public, false);
    });

    it('a re-import keeps every id and loses nothing', async () => {
      const before = await datasetIds();
      const source = await refreshSource(db, 'leap');
      assert.equal(source.lastRefresh?.status, 'ok');
      assert.deepEqual(await datasetIds(), before);
      assert.equal(before.length, 32);
    });

    for (const [what, content, error] of [
      ['invalid JSON', '{"broken": ', /not valid JSON/],
      ['the wrong shape', '{"datasets": []}', /expected a JSON array/]
    ] as const) {
      it(`a source turned into ${what} keeps the previous version served and records the failure`, async () => {
        await writeFile(catalog, content);
        const source = await refreshSource(db, 'leap');
        assert.equal(source.lastRefresh?.status, 'failed');
        assert.match(source.lastRefresh?.error ?? '', error);
        assert.equal(source.lastRefresh?.datasets, 32, 'counts of what is still served');
        assert.equal((await datasetIds()).length, 32);
        const [listed] = await listSources(db);
        assert.equal(listed.lastRefresh?.status, 'failed');
        await copyFile(FIXTURE, catalog);
      });
    }

    it('skips entries that are not datasets and stores without a URL, each with its reason', async () => {
      const entries = [
        'not an object',
        { description: 'no title' },
        { title: 'Fine', stores: [{ id: 's1', url: 'gs://b/x.zarr', public: true }, { id: 's2' }] },
        { title: 'Fine', stores: [] }
      ];
      await writeFile(catalog, JSON.stringify(entries));
      const report = (await refreshSource(db, 'leap')).lastRefresh;
      assert.equal(report?.status, 'partial');
      assert.deepEqual(report?.skipped, [
        { id: 'entry 1', reason: 'not a JSON object' },
        { id: 'entry 2', reason: 'no title' }
      ]);
      assert.ok(report?.warnings.some((w) => w.id === 'fine/s2' && /no url/.test(w.reason)));
      assert.ok(report?.warnings.some((w) => w.id === 'fine-2' && /already taken/.test(w.reason)));
      assert.deepEqual(await datasetIds(), ['leap:fine', 'leap:fine-2']);
      await copyFile(FIXTURE, catalog);
      assert.equal((await refreshSource(db, 'leap')).lastRefresh?.datasets, 32);
    });

    it('refuses a source whose kind it cannot tell, and an unknown source id', async () => {
      await writeFile(path.join(dir, 'odd.json'), '{"hello": 1}');
      await assert.rejects(addSource(db, { url: path.join(dir, 'odd.json') }), SourceError);
      await assert.rejects(addSource(db, { url: path.join(dir, 'missing.json') }), /Cannot read the source/);
      await assert.rejects(refreshSource(db, 'nope'), /No catalog source with id "nope"/);
    });

    it('loads the demo catalog only when no source exists', async () => {
      assert.equal(await loadDemoCatalogIfEmpty(db), null);
    });
  });
}

describe('reading a source over HTTP', () => {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/slow') return void setTimeout(() => response.end('[]'), 2000);
      if (request.url === '/big') return void response.end('x'.repeat(5000));
      if (request.url === '/ok') return void response.end('[1]');
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const limits = { timeoutMs: 300, maxBytes: 1000 };
  it('reads, and fails with a reason on a timeout, a size over the limit or an HTTP error', async () => {
    assert.equal((await readSource(`${base}/ok`, limits)).toString(), '[1]');
    await assert.rejects(readSource(`${base}/slow`, limits), /no answer within 300 ms/);
    await assert.rejects(readSource(`${base}/big`, limits), /larger than the limit of 1000 bytes/);
    await assert.rejects(readSource(`${base}/missing`, limits), /HTTP 404/);
    await assert.rejects(readSource('ftp://example.org/x', limits), /unsupported URL scheme/);
  });
});
