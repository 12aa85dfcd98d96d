import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GraphInfo, NodeDetail, PublishRequest, PublishResult, ZenodoDeposit } from '../src/api/graph-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import type { App } from '../src/api/types.js';
import { buildApp } from '../src/api/app.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import type { Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { LogCapture } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';
import { FakeZenodo } from './fixtures/graph/fake-zenodo.js';

const SERVICE_TOKEN = 'graph-zenodo-service-token';
const ZENODO_TOKEN = 'zenodo-secret-token';
const ALICE = 'token alice-token';
const BOB = 'token bob-token';

const record = (extra: Partial<PublishRequest> = {}): PublishRequest => ({
  kind: 'Dataset',
  title: 'Downscaled precipitation',
  description: 'Daily precipitation at 1 km.',
  authors: [{ name: 'Liddell, Alice', orcid: '0000-0002-1825-0097' }],
  license: 'CC-BY-4.0',
  keywords: ['precipitation'],
  related: [{ doi: '10.1234/method', relationType: 'IsDocumentedBy', title: 'Method paper' }],
  files: [{ path: 'precip.zarr.zip', sha256: 'b'.repeat(64), size: 10 }],
  draft: false,
  ...extra
});

for (const variant of variants()) {
  describe(`exports and Zenodo deposit over HTTP on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: FakeHub;
    let zenodo: FakeZenodo;
    let app: App;
    let plain: App;
    const logs = new LogCapture();

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      hub = await new FakeHub(SERVICE_TOKEN, {
        'alice-token': { name: 'alice', admin: false, groups: [] },
        'bob-token': { name: 'bob', admin: false, groups: [] }
      }).start();
      zenodo = await new FakeZenodo(ZENODO_TOKEN).start();
      const identity = hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN });
      const logger = createLogger('debug', logs);
      app = await buildApp({ config: { mode: 'hub', zenodo: { url: zenodo.url, token: ZENODO_TOKEN } }, db, identity, logger });
      plain = await buildApp({ config: { mode: 'hub' }, db, identity, logger });
    });
    after(async () => {
      await app?.close();
      await plain?.close();
      await zenodo?.stop();
      await hub?.stop();
      await testDb?.cleanup();
    });

    const call = (method: 'GET' | 'POST', url: string, authorization = ALICE, on = app, body?: unknown) =>
      on.inject({ method, url, headers: { authorization }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
    const publish = async (body: PublishRequest): Promise<PublishResult> => {
      const response = await call('POST', '/api/graph/records', ALICE, app, body);
      assert.equal(response.statusCode, 201, response.body);
      return response.json<PublishResult>();
    };

    it('serves each export as a download with its media type', async () => {
      const { node } = await publish(record());
      const formats: [string, RegExp, RegExp][] = [
        ['ro-crate', /^application\/ld\+json/, /filename="ro-crate-metadata\.json"/],
        ['datacite', /^application\/vnd\.datacite\.datacite\+json/, new RegExp(`filename="${node.id}\\.datacite\\.json"`)],
        ['bibtex', /^application\/x-bibtex/, new RegExp(`filename="${node.id}\\.bib"`)],
        ['cff', /^application\/yaml/, /filename="CITATION\.cff"/]
      ];
      for (const [format, type, disposition] of formats) {
        const response = await call('GET', `/api/graph/nodes/${node.id}/export/${format}`);
        assert.equal(response.statusCode, 200, `${format}: ${response.body}`);
        assert.match(response.headers['content-type'] as string, type);
        assert.match(response.headers['content-disposition'] as string, disposition);
      }
      const crate = (await call('GET', `/api/graph/nodes/${node.id}/export/ro-crate`)).json<{ '@graph': { '@id': string; name?: string }[] }>();
      assert.equal(crate['@graph'].find((e) => e['@id'] === './')?.name, 'Downscaled precipitation');
      const datacite = (await call('GET', `/api/graph/nodes/${node.id}/export/datacite`)).json<{ relatedIdentifiers: unknown[] }>();
      assert.deepEqual(datacite.relatedIdentifiers, [
        { relatedIdentifier: '10.1234/method', relatedIdentifierType: 'DOI', relationType: 'IsDocumentedBy', resourceTypeGeneral: 'Text' }
      ]);
      const person = (await call('GET', '/api/graph/people/me')).json<{ person: { id: string } }>().person.id;
      const refused = await call('GET', `/api/graph/nodes/${person}/export/bibtex`);
      assert.equal(refused.statusCode, 400);
      assert.equal((await call('GET', `/api/graph/nodes/${node.id}/export/pdf`)).json<ErrorBody>().field, 'params/format');
    });

    it('says whether deposit is configured', async () => {
      assert.equal((await call('GET', '/api/graph/info')).json<GraphInfo>().zenodo, true);
      assert.equal((await call('GET', '/api/graph/info', ALICE, plain)).json<GraphInfo>().zenodo, false);
      const { node } = await publish(record());
      const response = await call('POST', `/api/graph/records/${node.id}/zenodo`, ALICE, plain);
      assert.equal(response.statusCode, 503);
      assert.equal(response.json<ErrorBody>().code, 'zenodo_not_configured');
    });

    it('deposits: creates a deposition, uploads the crate and CITATION.cff, sets metadata, publishes, stores the DOI', async () => {
      const { node } = await publish(record());
      zenodo.requests.length = 0;
      const response = await call('POST', `/api/graph/records/${node.id}/zenodo`);
      assert.equal(response.statusCode, 200, response.body);
      const deposit = response.json<ZenodoDeposit>();
      assert.equal(deposit.doi, `10.5072/zenodo.${deposit.depositionId}`);
      assert.equal(deposit.recordUrl, `${zenodo.url}/records/${deposit.depositionId}`);
      assert.equal(deposit.node.identifiers.doi, deposit.doi);
      const id = deposit.depositionId;
      assert.deepEqual(zenodo.requests, [
        'POST /api/deposit/depositions',
        `PUT /api/files/bucket-${id}/ro-crate-metadata.json`,
        `PUT /api/files/bucket-${id}/CITATION.cff`,
        `PUT /api/deposit/depositions/${id}`,
        `POST /api/deposit/depositions/${id}/actions/publish`
      ]);
      const stored = zenodo.depositions.get(id)!;
      assert.equal(stored.metadata?.title, 'Downscaled precipitation');
      assert.equal(stored.metadata?.upload_type, 'dataset');
      assert.deepEqual(stored.metadata?.creators, [{ name: 'Liddell, Alice', orcid: '0000-0002-1825-0097' }]);
      assert.match(stored.files.get('ro-crate-metadata.json')!, /"conformsTo": \{\s*"@id": "https:\/\/w3id.org\/ro\/crate\/1.2"/);
      const detail = (await call('GET', `/api/graph/nodes/${node.id}`, BOB)).json<NodeDetail>();
      assert.equal(detail.node.identifiers.doi, deposit.doi);
      const bib = (await call('GET', `/api/graph/nodes/${node.id}/export/bibtex`)).body;
      assert.match(bib, new RegExp(`doi = \\{${deposit.doi.replace(/\./g, '\\.')}\\}`));
      const again = await call('POST', `/api/graph/records/${node.id}/zenodo`);
      assert.equal(again.statusCode, 409);
      assert.ok(!logs.text.includes(ZENODO_TOKEN), 'the token is never logged');
    });

    it('only the owner deposits, only published records', async () => {
      const { node } = await publish(record());
      assert.equal((await call('POST', `/api/graph/records/${node.id}/zenodo`, BOB)).statusCode, 403);
      const draft = (await publish(record({ draft: true }))).node;
      assert.equal((await call('POST', `/api/graph/records/${draft.id}/zenodo`)).statusCode, 409);
      assert.equal((await call('POST', `/api/graph/records/${draft.id}/zenodo`, BOB)).statusCode, 404);
      assert.equal((await call('POST', '/api/graph/records/code-nothing/zenodo')).statusCode, 404);
    });

    it('a refusal by Zenodo is a 502 naming Zenodo\'s reason; the record keeps no DOI', async () => {
      const { node } = await publish(record());
      zenodo.refuseMetadata = true;
      try {
        const response = await call('POST', `/api/graph/records/${node.id}/zenodo`);
        assert.equal(response.statusCode, 502);
        const body = response.json<ErrorBody>();
        assert.equal(body.code, 'zenodo_failed');
        assert.match(body.message, /\(400\): Validation error\.; metadata\.license: Missing data for required field\./);
      } finally {
        zenodo.refuseMetadata = false;
      }
      assert.equal((await call('GET', `/api/graph/nodes/${node.id}`)).json<NodeDetail>().node.identifiers.doi, null);
    });
  });
}
