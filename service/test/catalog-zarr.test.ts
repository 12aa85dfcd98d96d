import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DatasetDetail, StoreMetadata, ZarrMetadata, StoreMetadataUnavailable } from '../src/api/catalog-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import type { App } from '../src/api/types.js';
import { localIdentityProvider } from '../src/auth/local.js';
import { addSource } from '../src/catalog/sources.js';
import type { Database } from '../src/db/database.js';
import { testApp } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

const serviceDir = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = process.env.LEAP_TEST_PYTHON ?? path.resolve(serviceDir, '../.venv/bin/python');
const MAKE_STORES = fileURLToPath(new URL('./fixtures/make_zarr_stores.py', import.meta.url));
const TOKEN = 'zarr-local-token';

interface Written {
  [store: string]: Record<string, { shape: number[]; chunks: number[]; dtype: string }>;
}

/** A static file server over `root` that counts requests per path; /private/… answers 403. */
class StoreServer {
  readonly requests: string[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly root: string) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      this.requests.push(pathname);
      if (pathname.startsWith('/private/')) {
        response.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
        return;
      }
      const file = path.join(this.root, path.normalize(pathname));
      stat(file).then(
        (info) => {
          if (!info.isFile() || !file.startsWith(this.root)) {
            response.writeHead(404).end('not found');
            return;
          }
          response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': info.size });
          createReadStream(file).pipe(response);
        },
        () => response.writeHead(404).end('not found')
      );
    });
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server!.once('listening', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function catalog(base: string, closed: string): unknown[] {
  const store = (id: string, url: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: id,
    url,
    public: true,
    rechunking: null,
    geospatial: null,
    xarray_open_kwargs: { engine: 'zarr', chunks: {} },
    last_updated: null,
    ...extra
  });
  return [
    {
      title: 'Zarr test stores',
      description: 'Stores written by zarr-python in the test setup.',
      tags: ['test'],
      maintainers: [],
      provenance: { providers: [], license: 'CC-BY-4.0', license_link: null },
      thumbnail: null,
      links: null,
      stores: [
        store('v2', `${base}/v2.zarr`),
        store('v3', `${base}/v3.zarr/`),
        store('unconsolidated', `${base}/v2-unconsolidated.zarr`),
        store('missing', `${base}/nothing-here.zarr`),
        store('forbidden', `${base}/private/v2.zarr`),
        store('marked-private', `${base}/v2.zarr`, { public: false }),
        store('closed-port', `${closed}/v2.zarr`),
        store('netcdf', `${base}/file.nc`, { xarray_open_kwargs: { engine: 'netcdf4' } })
      ]
    }
  ];
}

for (const variant of variants()) {
  describe(`catalog Zarr metadata on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    let dir: string;
    let server: StoreServer;
    let written: Written;
    let datasetId: string;

    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'leap-zarr-'));
      const { stdout } = await promisify(execFile)(PYTHON, ['-W', 'ignore', MAKE_STORES, dir], { cwd: serviceDir });
      written = JSON.parse(stdout) as Written;
      server = await new StoreServer(dir).start();
      // A port that was listening a moment ago and is closed now: connection refused.
      const gone = await new StoreServer(dir).start();
      await gone.stop();
      const catalogFile = path.join(dir, 'catalog.json');
      await writeFile(catalogFile, JSON.stringify(catalog(server.url, gone.url)));
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      const source = await addSource(db, { url: catalogFile, name: 'Zarr tests', kind: 'leap-web-catalog' });
      assert.equal(source.lastRefresh?.status, 'ok', JSON.stringify(source.lastRefresh));
      ({ app } = await testApp('local', db, localIdentityProvider(TOKEN, 'alice')));
      const [row] = await db.query<{ id: string }>('SELECT id FROM datasets');
      datasetId = row.id;
    });
    after(async () => {
      await app?.close();
      await server?.stop();
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const metadata = async (store: string) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/catalog/datasets/${encodeURIComponent(datasetId)}/stores/${encodeURIComponent(store)}/metadata`,
        headers: { authorization: `token ${TOKEN}` }
      });
      return response;
    };
    const available = async (store: string): Promise<ZarrMetadata> => {
      const response = await metadata(store);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json<StoreMetadata>();
      assert.ok(body.available, JSON.stringify(body));
      return body;
    };
    const unavailable = async (store: string): Promise<StoreMetadataUnavailable> => {
      const response = await metadata(store);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json<StoreMetadata>();
      assert.ok(!body.available, JSON.stringify(body));
      return body;
    };

    for (const [store, file, format] of [
      ['v2', 'v2.zarr', 2],
      ['v3', 'v3.zarr', 3]
    ] as const) {
      it(`reads a consolidated Zarr v${format} store written by zarr-python in one request`, async () => {
        const before = server.requests.length;
        const meta = await available(store);
        const asked = server.requests.slice(before);
        assert.deepEqual(
          asked,
          format === 2 ? [`/${file}/.zmetadata`] : [`/${file}/.zmetadata`, `/${file}/zarr.json`],
          'only the consolidated documents are fetched'
        );
        assert.equal(meta.zarrFormat, format);
        assert.equal(meta.url, `${server.url}/${file}/${format === 2 ? '.zmetadata' : 'zarr.json'}`);
        assert.deepEqual(meta.attributes, { title: 'Test SST', Conventions: 'CF-1.8', institution: 'LEAP test' });
        assert.deepEqual(meta.variables.map((v) => v.name), ['lat', 'lon', 'time', 'mask', 'tos']);
        assert.deepEqual(meta.coordinates, ['lat', 'lon', 'time']);
        for (const variable of meta.variables) {
          const truth = written[file][variable.name];
          assert.deepEqual(variable.shape, truth.shape, variable.name);
          assert.deepEqual(variable.chunks, truth.chunks, variable.name);
          assert.equal(variable.dtype, truth.dtype, variable.name);
        }
        const tos = meta.variables.find((v) => v.name === 'tos')!;
        assert.deepEqual(tos.dims, ['time', 'lat', 'lon']);
        assert.equal(tos.isCoordinate, false);
        assert.equal(tos.longName, 'Sea Surface Temperature');
        assert.equal(tos.units, 'K');
        assert.equal(tos.standardName, 'sea_surface_temperature');
        assert.equal(tos.attributes.cell_methods, 'time: mean');
        assert.deepEqual(tos.attributes.valid_range, [250, 320]);
        assert.equal('_ARRAY_DIMENSIONS' in tos.attributes, false);
        assert.equal(tos.bytesPerElement, 4);
        assert.equal(tos.estimatedBytes, 10 * 4 * 8 * 4);
        const lat = meta.variables.find((v) => v.name === 'lat')!;
        assert.deepEqual([lat.dims, lat.isCoordinate, lat.units, lat.standardName], [['lat'], true, 'degrees_north', 'latitude']);
        const time = meta.variables.find((v) => v.name === 'time')!;
        assert.match(String(time.units), /^days since 2000-01-01/);
        // tos 1280 + mask 4×8×2 + lat 4×4 + lon 8×8 + time 10×8
        assert.equal(meta.estimatedBytes, 1280 + 64 + 16 + 64 + 80);
        assert.equal(meta.sizeComplete, true);
      });
    }

    it('caches per store URL: a second call does not reach the server', async () => {
      await available('v2');
      const before = server.requests.length;
      const again = await available('v2');
      assert.equal(server.requests.length, before);
      assert.equal(again.zarrFormat, 2);
    });

    it('a v2 store without .zmetadata: no_consolidated_metadata, naming the URL', async () => {
      const body = await unavailable('unconsolidated');
      assert.equal(body.problem, 'no_consolidated_metadata');
      assert.ok(body.reason.includes(`${server.url}/v2-unconsolidated.zarr/.zmetadata is missing`), body.reason);
      assert.equal(body.url, `${server.url}/v2-unconsolidated.zarr`);
    });

    it('no store at all: not_found naming both documents', async () => {
      const body = await unavailable('missing');
      assert.equal(body.problem, 'not_found');
      assert.match(body.reason, /neither .*nothing-here\.zarr\/\.zmetadata nor .*nothing-here\.zarr\/zarr\.json exists/);
    });

    it('a store marked private answers "private" without any request', async () => {
      const before = server.requests.length;
      const body = await unavailable('marked-private');
      assert.equal(body.problem, 'private');
      assert.match(body.reason, /^private store: needs credentials/);
      assert.equal(server.requests.length, before);
    });

    it('a store that answers 403 to an anonymous read is private too', async () => {
      const body = await unavailable('forbidden');
      assert.equal(body.problem, 'private');
      assert.match(body.reason, /^private store: needs credentials — .*\/private\/v2\.zarr\/\.zmetadata answered 403/);
    });

    it('an unreachable store and a store that is not Zarr: clear reasons, never a 500', async () => {
      const closed = await unavailable('closed-port');
      assert.equal(closed.problem, 'unreachable');
      assert.match(closed.reason, /\/v2\.zarr\/\.zmetadata is unreachable: /);
      const netcdf = await unavailable('netcdf');
      assert.equal(netcdf.problem, 'not_zarr');
      assert.match(netcdf.reason, /is a netcdf store, not Zarr/);
    });

    it('404 not_found for an unknown store or dataset', async () => {
      const store = await metadata('nope');
      assert.equal(store.statusCode, 404);
      assert.equal(store.json<ErrorBody>().code, 'not_found');
      assert.match(store.json<ErrorBody>().message, /has no store "nope"/);
      const dataset = await app.inject({
        method: 'GET',
        url: '/api/catalog/datasets/no-such/stores/v2/metadata',
        headers: { authorization: `token ${TOKEN}` }
      });
      assert.equal(dataset.statusCode, 404);
      assert.match(dataset.json<ErrorBody>().message, /No dataset with id "no-such"/);
    });

    it('the store ids in the detail are the ones the metadata route takes', async () => {
      const detail = await app.inject({
        method: 'GET',
        url: `/api/catalog/datasets/${encodeURIComponent(datasetId)}`,
        headers: { authorization: `token ${TOKEN}` }
      });
      assert.deepEqual(
        detail.json<DatasetDetail>().stores.map((s) => s.id),
        ['v2', 'v3', 'unconsolidated', 'missing', 'forbidden', 'marked-private', 'closed-port', 'netcdf']
      );
    });
  });
}
