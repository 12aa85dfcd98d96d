import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { DatasetRequest, Duplicates, NewDatasetRequest, RequestDetail, RequestEvent, RequestFormInfo, RequestList, RequestNotifications } from '../src/api/requests-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import type { SearchResult } from '../src/api/catalog-schemas.js';
import { buildApp } from '../src/api/app.js';
import type { App } from '../src/api/types.js';
import type { Identity, IdentityProvider } from '../src/auth/identity.js';
import { addSource } from '../src/catalog/sources.js';
import type { Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { LogCapture } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { OISST } from './helpers/request-form.js';

const CATALOG = fileURLToPath(new URL('../../examples/demo-catalog/consolidated-web-catalog.json', import.meta.url));
const USERS: Record<string, Identity> = {
  alice: { name: 'alice', admin: false, groups: ['ocean'] },
  bob: { name: 'bob', admin: false, groups: [] },
  dana: { name: 'dana', admin: false, groups: ['ocean', 'data-team'] },
  root: { name: 'root', admin: true, groups: [] }
};
const identity: IdentityProvider = { identify: async (token) => USERS[token] ?? null };


for (const variant of variants()) {
  describe(`dataset requests API on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let app: App;
    const logs = new LogCapture();
    const call = async <T>(user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await app.inject({ method, url, headers: { authorization: `token ${user}` }, ...(payload === undefined ? {} : { payload }) });
      return { status: response.statusCode, body: (response.body === '' ? null : response.json()) as T };
    };
    const submit = async (user: string, fields: Partial<NewDatasetRequest> = {}) => {
      const { status, body } = await call<DatasetRequest>(user, 'POST', '/api/requests', { ...OISST, ...fields });
      assert.equal(status, 201, JSON.stringify(body));
      return body;
    };

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      await addSource(db, { url: CATALOG, name: 'LEAP' });
      app = await buildApp({ config: { mode: 'hub' }, db, identity, logger: createLogger('debug', logs) });
    });
    after(async () => {
      await app?.close();
      await testDb?.cleanup();
    });

    it('saves the form with texts trimmed, the SPDX id in its case, empty example URLs dropped; no mirror configured', async () => {
      const created = await submit('alice', { name: '  NOAA OISST v2.1 daily ' });
      assert.equal(created.requester, 'alice');
      assert.equal(created.status, 'new');
      assert.equal(created.name, 'NOAA OISST v2.1 daily');
      assert.equal(created.license, 'CC0-1.0');
      assert.deepEqual(created.exampleUrls, [OISST.exampleUrls![0]]);
      assert.equal(created.authorization, 'No; data are fully public');
      assert.equal(created.formatOther, '');
      assert.equal(created.datasetId, null);
      assert.equal(created.mirror, null);
      const minimal = await submit('alice', { url: undefined, description: undefined, exampleUrls: undefined, authorization: undefined, license: 'Unknown' });
      assert.equal(minimal.url, '');
      assert.equal(minimal.authorization, null);
      assert.equal(minimal.license, 'Unknown');
      const byUrl = await submit('alice', { license: 'https://example.org/license.html' });
      assert.equal(byUrl.license, 'https://example.org/license.html');
    });

    it('refuses bad fields, naming each one, and saves nothing', async () => {
      const before = (await call<RequestList>('root', 'GET', '/api/requests?all=true')).body.total;
      const cases: [Partial<NewDatasetRequest> | Record<string, unknown>, string, RegExp][] = [
        [{ name: '   ' }, 'body/name', /Dataset Name is required/],
        [{ url: 'ftp://example.org/x' }, 'body/url', /http\(s\) URL/],
        [{ license: 'Creative Commons Attribution 4.0 International' }, 'body/license', /not an SPDX license id \(did you mean "CC-BY-4.0"\?\)/],
        [{ license: 'my own licence' }, 'body/license', /not an SPDX license id/],
        [{ format: 'Other (describe below)', formatOther: ' ' }, 'body/formatOther', /required when the format is "Other/],
        [{ exampleUrls: ['https://ok.example/a.nc', 'not a url'] }, 'body/exampleUrls/1', /Example URL 2 is not a URL/],
        [{ format: 'Excel' }, 'body/format', /./],
        [{ targetFormat: undefined }, 'body/targetFormat', /./],
        [{ accessProtocol: 'carrier pigeon' }, 'body/accessProtocol', /./],
        [{ requester: 'bob' }, 'body/requester', /./],
        [{ description: 'nul \u0000 byte' }, 'body/description', /./],
        [{ exampleUrls: ['https://a.example/\u0000'] }, 'body/exampleUrls/0', /./]
      ];
      for (const [fields, field, message] of cases) {
        const { status, body } = await call<ErrorBody>('alice', 'POST', '/api/requests', { ...OISST, ...fields });
        assert.equal(status, 400, `${field}: ${JSON.stringify(body)}`);
        assert.equal(body.code, 'invalid_request');
        assert.equal(body.field, field, JSON.stringify(body));
        assert.match(body.message, message);
      }
      assert.equal((await call<RequestList>('root', 'GET', '/api/requests?all=true')).body.total, before);
      const other = await submit('alice', { format: 'Other (describe below)', formatOther: 'ASCII grid' });
      assert.equal(other.formatOther, 'ASCII grid');
    });

    it('shows each requester only their own requests; the data team and admins see all', async () => {
      const bobs = await submit('bob', { name: 'ERA5 pressure levels' });
      const mine = (await call<RequestList>('bob', 'GET', '/api/requests')).body;
      assert.deepEqual(mine.items.map((r) => r.requester), ['bob']);
      const forbidden = await call<ErrorBody>('bob', 'GET', '/api/requests?all=true');
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.body.field, 'querystring/all');
      assert.equal((await call<ErrorBody>('alice', 'GET', `/api/requests/${bobs.id}`)).status, 404);
      for (const triager of ['dana', 'root']) {
        const all = (await call<RequestList>(triager, 'GET', '/api/requests?all=true')).body;
        assert.deepEqual(new Set(all.items.map((r) => r.requester)), new Set(['alice', 'bob']));
        assert.equal(all.items[0].id, bobs.id, 'newest first');
        assert.equal((await call<RequestDetail>(triager, 'GET', `/api/requests/${bobs.id}`)).body.request.name, 'ERA5 pressure levels');
      }
      const newOnes = (await call<RequestList>('dana', 'GET', '/api/requests?all=true&status=new&limit=2')).body;
      assert.equal(newOnes.items.length, 2);
      assert.ok(newOnes.total > 2);
      assert.equal((await call<RequestFormInfo>('bob', 'GET', '/api/requests/form')).body.canTriage, false);
      const form = (await call<RequestFormInfo>('dana', 'GET', '/api/requests/form')).body;
      assert.equal(form.canTriage, true);
      assert.deepEqual(form.transitions.new, ['accepted', 'declined']);
      assert.ok(form.licenses.length > 500);
      assert.ok(form.licenses.some((l) => l.id === 'CC-BY-4.0' && l.name === 'Creative Commons Attribution 4.0 International'));
      assert.equal(form.mirrorRepo, null);
    });

    it('runs the lifecycle new → accepted → ingesting → done with a catalog dataset, refusing other moves', async () => {
      const request = await submit('alice', { name: 'CHIRPS daily' });
      const path = `/api/requests/${request.id}`;
      const byRequester = await call<ErrorBody>('alice', 'POST', `${path}/status`, { status: 'accepted' });
      assert.equal(byRequester.status, 403);
      assert.equal(byRequester.body.code, 'forbidden');
      const skip = await call<ErrorBody>('dana', 'POST', `${path}/status`, { status: 'ingesting' });
      assert.equal(skip.status, 409);
      assert.equal(skip.body.code, 'invalid_transition');
      assert.equal(skip.body.field, 'body/status');
      assert.match(skip.body.message, /A new request can become accepted or declined, not ingesting/);
      assert.equal((await call<DatasetRequest>('dana', 'POST', `${path}/status`, { status: 'accepted', note: 'We will take it.' })).body.status, 'accepted');
      assert.equal((await call<DatasetRequest>('root', 'POST', `${path}/status`, { status: 'ingesting' })).body.status, 'ingesting');
      const noDataset = await call<ErrorBody>('dana', 'POST', `${path}/status`, { status: 'done' });
      assert.equal(noDataset.status, 400);
      assert.equal(noDataset.body.field, 'body/datasetId');
      const unknown = await call<ErrorBody>('dana', 'POST', `${path}/status`, { status: 'done', datasetId: 'leap:nothing-here' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.message, /No catalog dataset with id "leap:nothing-here"/);
      const chirps = (await call<SearchResult>('dana', 'GET', '/api/catalog/search?q=CHIRPS')).body.items[0];
      const done = (await call<DatasetRequest>('dana', 'POST', `${path}/status`, { status: 'done', datasetId: chirps.id })).body;
      assert.equal(done.status, 'done');
      assert.equal(done.datasetId, chirps.id);
      const after = await call<ErrorBody>('dana', 'POST', `${path}/status`, { status: 'declined' });
      assert.equal(after.status, 409);
      assert.match(after.body.message, /done: its status can no longer change/);
      const detail = (await call<RequestDetail>('alice', 'GET', path)).body;
      assert.equal(detail.canTriage, false);
      assert.deepEqual(detail.events.map((e) => [e.kind, e.from, e.to, e.actor]), [
        ['created', null, 'new', 'alice'],
        ['status', 'new', 'accepted', 'dana'],
        ['status', 'accepted', 'ingesting', 'root'],
        ['status', 'ingesting', 'done', 'dana']
      ]);
      assert.equal(detail.events[1].body, 'We will take it.');
      assert.equal(detail.events[3].datasetId, chirps.id);
      assert.equal((await call<ErrorBody>('bob', 'POST', `${path}/status`, { status: 'declined' })).status, 404);
    });

    it("tells the requester about status changes and others' comments until read, and only them", async () => {
      const request = await submit('bob', { name: 'GPCP monthly' });
      const path = `/api/requests/${request.id}`;
      const unread = async (user: string) => (await call<RequestNotifications>(user, 'GET', '/api/requests/notifications')).body.events;
      const already = (await unread('bob')).length;
      const own = await call<RequestEvent>('bob', 'POST', `${path}/comments`, { body: 'Also the monthly files, please.' });
      assert.equal(own.status, 201);
      assert.equal(own.body.kind, 'comment');
      await call('dana', 'POST', `${path}/comments`, { body: 'Which **version**?' });
      await call('dana', 'POST', `${path}/status`, { status: 'declined', note: 'Already in the library.' });
      assert.equal((await call<ErrorBody>('alice', 'POST', `${path}/comments`, { body: 'me too' })).status, 404);
      assert.equal((await call<ErrorBody>('bob', 'POST', `${path}/comments`, { body: '  ' })).body.field, 'body/body');
      const events = (await unread('bob')).slice(already);
      assert.deepEqual(events.map((e) => [e.kind, e.actor, e.to, e.requestName]), [
        ['comment', 'dana', null, 'GPCP monthly'],
        ['status', 'dana', 'declined', 'GPCP monthly']
      ]);
      assert.equal((await unread('dana')).length, 0, 'the triager is told nothing about requests not theirs');
      const ids = (await unread('bob')).map((e) => e.id);
      assert.equal((await call('alice', 'POST', '/api/requests/notifications/read', { ids })).status, 204);
      assert.equal((await unread('bob')).length, ids.length, "another user's read leaves them unread");
      assert.equal((await call('bob', 'POST', '/api/requests/notifications/read', { ids })).status, 204);
      assert.deepEqual(await unread('bob'), []);
      assert.equal((await call<ErrorBody>('bob', 'POST', '/api/requests/notifications/read', { ids: [] })).body.field, 'body/ids');
      assert.equal((await call<ErrorBody>('bob', 'POST', '/api/requests/notifications/read', { ids: [1e20] })).body.field, 'body/ids/0');
      assert.equal((await call<ErrorBody>('bob', 'POST', `${path}/comments`, { body: 'a\u0000b' })).body.field, 'body/body');
      // past 2^53 (int8 in the database; was 500)
      assert.equal((await call<ErrorBody>('bob', 'POST', '/api/requests/notifications/read', { ids: [2 ** 60] })).body.field, 'body/ids/0');
    });

    it('finds likely duplicates in the catalog by URL and by name, and visible requests by name', async () => {
      const byUrl = (await call<Duplicates>('alice', 'GET', `/api/requests/duplicates?url=${encodeURIComponent('https://ncsa.osn.xsede.org/Pangeo/pangeo-forge/noaa_oisst/v2.1-avhrr.zarr/')}`)).body;
      assert.deepEqual(byUrl.datasets.map((d) => [d.title, d.reason]), [['AWS NOAA Optimum Interpolated SST', 'url']]);
      const byName = (await call<Duplicates>('alice', 'GET', `/api/requests/duplicates?name=${encodeURIComponent('The NOAA optimum interpolated SST, daily')}`)).body;
      assert.equal(byName.datasets[0]?.title, 'AWS NOAA Optimum Interpolated SST');
      assert.equal(byName.datasets[0]?.reason, 'most-words');
      const exact = (await call<Duplicates>('alice', 'GET', `/api/requests/duplicates?name=${encodeURIComponent('Optimum Interpolated SST')}`)).body;
      assert.equal(exact.datasets[0]?.reason, 'all-words');
      const era5 = (await call<Duplicates>('alice', 'GET', `/api/requests/duplicates?name=ERA5%20pressure%20levels`)).body;
      assert.deepEqual(era5.requests, [], "bob's request is not alice's to see");
      const forTeam = (await call<Duplicates>('dana', 'GET', `/api/requests/duplicates?name=ERA5%20pressure%20levels`)).body;
      assert.deepEqual(forTeam.requests.map((r) => [r.name, r.requester]), [['ERA5 pressure levels', 'bob']]);
      assert.deepEqual((await call<Duplicates>('alice', 'GET', '/api/requests/duplicates?name=zzzz%20qqqq')).body, { datasets: [], requests: [] });
      assert.equal((await call<ErrorBody>('alice', 'GET', '/api/requests/duplicates?name=a%00b')).status, 400);
    });

    it('needs a token', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/api/requests' })).statusCode, 401);
      assert.equal((await call<ErrorBody>('alice', 'GET', '/api/requests/abc')).body.field, 'params/id');
    });
  });
}
