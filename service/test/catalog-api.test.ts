import assert from 'node:assert/strict';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CatalogSource, DatasetDetail, SearchResult } from '../src/api/catalog-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import type { App } from '../src/api/types.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import { CatalogIndexHolder, GENERATION_CHECK_MS } from '../src/catalog/index/holder.js';
import { addSource } from '../src/catalog/sources.js';
import type { Database } from '../src/db/database.js';
import { testApp } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';

const FIXTURE = fileURLToPath(new URL('../../examples/demo-catalog/consolidated-web-catalog.json', import.meta.url));
const SERVICE_TOKEN = 'catalog-service-token';
const ALICE = 'token alice-token';
const BOB = 'token bob-token';

for (const variant of variants()) {
  describe(`catalog API in hub mode on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: FakeHub;
    let app: App;
    let dir: string;

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      await addSource(db, { url: FIXTURE, name: 'LEAP' });
      dir = await mkdtemp(path.join(tmpdir(), 'leap-catalog-api-'));
      hub = await new FakeHub(SERVICE_TOKEN, {
        'alice-token': { name: 'alice', admin: false, groups: [] },
        'bob-token': { name: 'bob', admin: true, groups: [] }
      }).start();
      ({ app } = await testApp('hub', db, hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN })));
    });
    after(async () => {
      await app?.close();
      await hub?.stop();
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const get = (url: string, authorization = ALICE) => app.inject({ method: 'GET', url, headers: { authorization } });
    const post = (url: string, body: unknown, authorization = ALICE) =>
      app.inject({ method: 'POST', url, headers: { authorization }, payload: body as Record<string, unknown> });

    it('searches: ranked items with summaries, facets, total', async () => {
      const response = await get('/api/catalog/search?q=sea%20surface&limit=3');
      assert.equal(response.statusCode, 200);
      const result = response.json<SearchResult>();
      assert.ok(result.total >= 2);
      assert.equal(result.items.length, Math.min(3, result.total));
      assert.match(result.items[0].title, /Sea[- ]Surface|SST/i);
      const first = result.items[0];
      assert.equal(first.source, 'LEAP');
      assert.ok(first.summary.length > 0 && !first.summary.includes('\n'));
      assert.deepEqual(
        result.facets.map((f) => f.name).slice(0, 6),
        ['tag', 'license', 'provider', 'source', 'format', 'access']
      );
    });

    it('filters by one value or several (repeated key); counts follow the faceted rule', async () => {
      const one = (await get('/api/catalog/search?filter=license:CC-BY-4.0&limit=200')).json<SearchResult>();
      assert.ok(one.items.every((item) => item.license === 'CC-BY-4.0'));
      const two = (await get('/api/catalog/search?filter=license:CC-BY-4.0&filter=license:Apache-2.0&limit=200')).json<SearchResult>();
      assert.ok(two.total > one.total);
      const all = (await get('/api/catalog/search?limit=1')).json<SearchResult>();
      assert.equal(all.total, 32);
      const licenses = one.facets.find((f) => f.name === 'license');
      const everyLicense = all.facets.find((f) => f.name === 'license');
      assert.deepEqual(licenses, everyLicense, 'a facet is counted without its own filter');
      const access = (await get('/api/catalog/search?filter=access:private&limit=200')).json<SearchResult>();
      assert.ok(access.total > 0 && access.items.every((item) => !item.public));
    });

    it('counts only the facets asked for (facets=, repeatable); an empty value counts none', async () => {
      const two = (await get('/api/catalog/search?facets=license&facets=tag&limit=1')).json<SearchResult>();
      assert.deepEqual(two.facets.map((f) => f.name), ['license', 'tag']);
      const all = (await get('/api/catalog/search?limit=1')).json<SearchResult>();
      assert.deepEqual(two.facets[0], all.facets.find((f) => f.name === 'license'));
      assert.ok(all.facets.length > 2);
      const filtered = (await get('/api/catalog/search?filter=license:CC-BY-4.0&facets=access&limit=1')).json<SearchResult>();
      assert.deepEqual(filtered.facets.map((f) => f.name), ['access']);
      const none = (await get('/api/catalog/search?facets=&offset=5&limit=5')).json<SearchResult>();
      assert.deepEqual(none.facets, []);
      assert.equal(none.total, 32);
      assert.equal(none.items.length, 5);
    });

    it('rejects an unknown facet name in facets, naming the value and the field', async () => {
      const response = await get('/api/catalog/search?facets=license&facets=colour');
      assert.equal(response.statusCode, 400);
      const body = response.json<ErrorBody>();
      assert.equal(body.code, 'invalid_request');
      assert.equal(body.field, 'querystring/facets');
      assert.match(body.message, /"colour"/);
      const bad = await get('/api/catalog/search?facets=Colour!');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<ErrorBody>().code, 'invalid_request');
    });

    it('pages stably by title', async () => {
      const whole = (await get('/api/catalog/search?sort=title&limit=200')).json<SearchResult>().items.map((i) => i.id);
      const paged: string[] = [];
      for (let offset = 0; offset < 32; offset += 5) {
        paged.push(...(await get(`/api/catalog/search?sort=title&offset=${offset}&limit=5`)).json<SearchResult>().items.map((i) => i.id));
      }
      assert.deepEqual(paged, whole);
      assert.equal(new Set(whole).size, 32);
    });

    it('rejects an unknown facet and a limit over 200, naming the field', async () => {
      const facet = await get('/api/catalog/search?filter=colour:red');
      assert.equal(facet.statusCode, 400);
      assert.equal(facet.json<ErrorBody>().field, 'querystring/filter');
      const limit = await get('/api/catalog/search?limit=1000');
      assert.equal(limit.statusCode, 400);
      assert.equal(limit.json<ErrorBody>().code, 'invalid_request');
    });

    it('answers a dataset detail, and 404 not_found naming an unknown id', async () => {
      const response = await get(`/api/catalog/datasets/${encodeURIComponent('leap:corrdiff_feedstock')}`);
      assert.equal(response.statusCode, 200);
      const detail = response.json<DatasetDetail>();
      assert.equal(detail.stores.length, 42);
      assert.match(detail.stores[0].snippet, /^import fsspec\nimport xarray as xr\n/);
      const missing = await get(`/api/catalog/datasets/${encodeURIComponent('leap:no/such id')}`);
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json<ErrorBody>().code, 'not_found');
      assert.match(missing.json<ErrorBody>().message, /No dataset with id "leap:no\/such id"/);
    });

    it('lists sources for any user; adding and refreshing are for admins only (403 forbidden)', async () => {
      const list = await get('/api/catalog/sources');
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.json<CatalogSource[]>().map((s) => [s.id, s.lastRefresh?.status]), [['leap', 'ok']]);
      for (const response of [
        await post('/api/catalog/sources', { url: FIXTURE }),
        await post('/api/catalog/sources/leap/refresh', {})
      ]) {
        assert.equal(response.statusCode, 403);
        assert.equal(response.json<ErrorBody>().code, 'forbidden');
      }
      assert.equal((await app.inject({ method: 'GET', url: '/api/catalog/sources' })).statusCode, 401);
    });

    it('an admin adds a source: 201 with its report, and search serves it at once', async () => {
      const file = path.join(dir, 'small.json');
      await writeFile(file, JSON.stringify([{ title: 'Tiny Zebra Dataset', tags: ['zebra'], stores: [] }]));
      const added = await post('/api/catalog/sources', { url: file, name: 'Small one' }, BOB);
      assert.equal(added.statusCode, 201);
      const source = added.json<CatalogSource>();
      assert.equal(source.id, 'small-one');
      assert.equal(source.lastRefresh?.datasets, 1);
      const found = (await get('/api/catalog/search?q=zebr')).json<SearchResult>();
      assert.deepEqual(found.items.map((i) => [i.id, i.source]), [['small-one:tiny-zebra-dataset', 'Small one']]);
      const bad = await post('/api/catalog/sources', { url: path.join(dir, 'absent.json') }, BOB);
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<ErrorBody>().field, 'body/url');
      const refreshed = await post('/api/catalog/sources/small-one/refresh', {}, BOB);
      assert.equal(refreshed.statusCode, 200);
      assert.equal((await post('/api/catalog/sources/nope/refresh', {}, BOB)).statusCode, 404);
    });

    it('a replica rebuilds its index when another process imported (catalog generation)', async () => {
      const holder = await CatalogIndexHolder.create(db, (error) => assert.fail(String(error)));
      const size = holder.current().size;
      const file = path.join(dir, 'other.json');
      await writeFile(file, JSON.stringify([{ title: 'Other', stores: [] }, { title: 'Another', stores: [] }]));
      await addSource(db, { url: file, kind: 'leap-web-catalog' });
      assert.equal(holder.current().size, size, 'not before the next check');
      await new Promise((resolve) => setTimeout(resolve, GENERATION_CHECK_MS + 50));
      holder.current();
      await holder.settled();
      assert.equal(holder.current().size, size + 2);
    });
  });
}
