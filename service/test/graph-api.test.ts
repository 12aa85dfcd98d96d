import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type {
  GraphSearchResult,
  Neighbourhood,
  Node,
  NodeDetail,
  PersonProfile,
  PublishRequest,
  PublishResult,
  UsedBy,
  UsedByCounts
} from '../src/api/graph-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import type { App } from '../src/api/types.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import { addSource } from '../src/catalog/sources.js';
import type { Database } from '../src/db/database.js';
import { testApp } from './helpers/app.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';

const CATALOG = fileURLToPath(new URL('../../examples/demo-catalog/consolidated-web-catalog.json', import.meta.url));
const SERVICE_TOKEN = 'graph-service-token';
const ALICE = 'token alice-token';
const BOB = 'token bob-token';
const ALICE_ORCID = '0000-0002-1825-0097';
const CO_AUTHOR_ORCID = '0000-0001-5109-3700';
const SHA = 'a'.repeat(64);

for (const variant of variants()) {
  describe(`knowledge graph API on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: FakeHub;
    let app: App;
    let datasetA: string;
    let datasetB: { id: string; url: string };

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      await addSource(db, { url: CATALOG, name: 'LEAP' });
      const [first, second] = await db.query<{ id: string; url: string }>(
        `SELECT d.id, min(s.url) AS url FROM datasets d JOIN stores s ON s.dataset = d.id GROUP BY d.id ORDER BY d.id LIMIT 2`
      );
      datasetA = first.id;
      datasetB = second;
      hub = await new FakeHub(SERVICE_TOKEN, {
        'alice-token': { name: 'alice', admin: false, groups: [] },
        'bob-token': { name: 'bob', admin: false, groups: [] }
      }).start();
      ({ app } = await testApp('hub', db, hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN })));
    });
    after(async () => {
      await app?.close();
      await hub?.stop();
      await testDb?.cleanup();
    });

    const get = (url: string, authorization = ALICE) => app.inject({ method: 'GET', url, headers: { authorization } });
    const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, authorization = ALICE) =>
      app.inject({ method, url, headers: { authorization }, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) });
    const notebook = (extra: Partial<PublishRequest> = {}): PublishRequest => ({
      kind: 'ProjectCode',
      title: 'Sea surface temperature trends',
      description: 'A notebook that fits **trends**.',
      authors: [{ name: 'alice', orcid: ALICE_ORCID, affiliation: 'Columbia University' }, { name: 'Doe, Jane', orcid: CO_AUTHOR_ORCID }],
      license: 'CC-BY-4.0',
      keywords: ['SST', 'trends'],
      files: [{ path: 'sst.ipynb', sha256: SHA, size: 2048 }],
      provenance: { image: 'quay.io/leap/base:2025.01', kernel: 'python3', packages: { xarray: '2025.1.0' }, jupyterlab: '4.4.0' },
      draft: false,
      ...extra
    });
    const publish = async (body: PublishRequest, authorization = ALICE): Promise<PublishResult> => {
      const response = await send('POST', '/api/graph/records', body, authorization);
      assert.equal(response.statusCode, 201, response.body);
      return response.json<PublishResult>();
    };
    const error = async (response: Promise<{ statusCode: number; json: <T>() => T }>, status: number, field?: string): Promise<ErrorBody> => {
      const result = await response;
      assert.equal(result.statusCode, status);
      const body = result.json<ErrorBody>();
      if (field !== undefined) {
        assert.equal(body.field, field, body.message);
      }
      return body;
    };

    it('publishes a notebook linked to its datasets, authors and a paper; reads it back with neighbours', async () => {
      const result = await publish(
        notebook({
          datasets: [{ ref: datasetA }, { ref: datasetB.url, relationType: 'IsDerivedFrom' }, { ref: 'https://example.org/obs.zarr' }],
          related: [{ doi: '10.1234/paper.5', relationType: 'IsSupplementTo', title: 'SST paper' }]
        })
      );
      const { node } = result;
      assert.match(node.id, /^code-[a-z2-9]{12}$/);
      assert.equal(node.owner, 'alice');
      assert.equal(node.status, 'published');
      assert.ok(node.dates.published !== null);
      assert.deepEqual(node.keywords, ['SST', 'trends']);
      assert.deepEqual(node.versions.map((v) => v.id), [node.id]);
      assert.deepEqual(
        result.created.map((c) => [c.kind, c.title]).sort(),
        [['Dataset', 'https://example.org/obs.zarr'], ['Paper', 'SST paper'], ['Person', 'Doe, Jane']]
      );
      const relations = result.links.map((l) => `${l.relation} ${l.target.startsWith('dataset:') ? l.target : l.target.split('-')[0]}`);
      assert.deepEqual(relations, [
        'Creator person', 'Creator person', `References dataset:${datasetA}`, `IsDerivedFrom dataset:${datasetB.id}`, 'References dataset', 'IsSupplementTo paper'
      ]);

      const detail = (await get(`/api/graph/nodes/${node.id}`)).json<NodeDetail>();
      assert.deepEqual(detail.files, [{ path: 'sst.ipynb', sha256: SHA, size: 2048 }]);
      assert.equal(detail.provenance?.packages?.xarray, '2025.1.0');
      const creators = detail.neighbours.find((g) => g.relation === 'Creator' && g.direction === 'out');
      assert.deepEqual(creators?.nodes.map((n) => n.title), ['alice', 'Doe, Jane'], 'authors keep their order');
      const references = detail.neighbours.find((g) => g.relation === 'References' && g.direction === 'out');
      assert.equal(references?.total, 2);

      const dataset = (await get(`/api/graph/nodes/${encodeURIComponent(`dataset:${datasetA}`)}`)).json<NodeDetail>();
      assert.equal(dataset.node.kind, 'Dataset');
      assert.equal(dataset.node.identifiers.catalog, datasetA);
      const usedBy = dataset.neighbours.find((g) => g.relation === 'References' && g.direction === 'in');
      assert.deepEqual(usedBy?.nodes.map((n) => n.id), [node.id]);

      const me = (await get('/api/graph/people/me')).json<PersonProfile>();
      assert.equal(me.person.hubUser, 'alice');
      assert.equal(me.person.identifiers.orcid, ALICE_ORCID, 'the author named like the user is the user, ORCID kept');
      assert.equal(me.person.affiliation, 'Columbia University');
      assert.deepEqual(me.outputs.map((o) => [o.node.id, o.relation]), [[node.id, 'Creator']]);
    });

    it('a catalog dataset no record links to yet is a Dataset node too', async () => {
      const [row] = await db.query<{ id: string; title: string }>('SELECT id, title FROM datasets ORDER BY id DESC LIMIT 1');
      const detail = (await get(`/api/graph/nodes/${encodeURIComponent(`dataset:${row.id}`)}`)).json<NodeDetail>();
      assert.equal(detail.node.title, row.title);
      assert.equal(detail.node.status, 'published');
      assert.deepEqual(detail.neighbours, []);
      await error(get('/api/graph/nodes/dataset%3Anot-a-dataset'), 404);
    });

    it('matches authors by ORCID across records: one Person per ORCID', async () => {
      const first = await publish(notebook({ title: 'First with Jane' }));
      const second = await publish(notebook({ title: 'Second with Jane', authors: [{ name: 'J. Doe', orcid: CO_AUTHOR_ORCID }] }));
      const jane = (r: PublishResult) => r.links.filter((l) => l.relation === 'Creator').map((l) => l.target);
      assert.ok(jane(first).includes(jane(second)[0]));
      const profile = (await get(`/api/graph/people/${jane(second)[0]}`, BOB)).json<PersonProfile>();
      assert.equal(profile.person.identifiers.orcid, CO_AUTHOR_ORCID);
      assert.ok(profile.outputs.length >= 3);
    });

    it('names the field of a bad request', async () => {
      const bad = '0000-0002-1825-0098';
      const checksum = await error(send('POST', '/api/graph/records', notebook({ authors: [{ name: 'x', orcid: bad }] })), 400, 'body/authors/0/orcid');
      assert.match(checksum.message, /check digit/);
      await error(send('POST', '/api/graph/records', notebook({ authors: [{ name: 'x', orcid: '1234' }] })), 400, 'body/authors/0/orcid');
      await error(send('POST', '/api/graph/records', { ...notebook(), authors: [] }), 400, 'body/authors');
      await error(send('POST', '/api/graph/records', { ...notebook(), owner: 'bob' }), 400);
      await error(send('POST', '/api/graph/records', notebook({ datasets: [{ ref: 'nope' }] })), 400, 'body/datasets/0/ref');
      await error(send('POST', '/api/graph/records', notebook({ related: [{ id: 'paper-unknown', relationType: 'Cites' }] })), 400, 'body/related/0/id');
      await error(send('POST', '/api/graph/records', notebook({ related: [{ relationType: 'Cites' }] })), 400, 'body/related/0');
      await error(send('POST', '/api/graph/records', { ...notebook(), related: [{ doi: '10.1234/x', relationType: 'Uses' }] }), 400, 'body/related/0/relationType');
      const [{ count }] = await db.query<{ count: number }>("SELECT count(*) AS count FROM graph_nodes WHERE orcid = '0000-0002-1825-0098'");
      assert.equal(Number(count), 0, 'a refused request saves nothing');
    });

    it('keeps drafts private to their owner until published', async () => {
      const { node } = await publish(notebook({ title: 'Secret zebra draft', draft: true, datasets: [{ ref: datasetA }] }));
      assert.equal(node.status, 'draft');
      assert.equal(node.dates.published, null);
      const path = `/api/graph/nodes/${node.id}`;
      assert.equal((await get(path)).statusCode, 200);
      await error(get(path, BOB), 404);
      await error(get(`${path}/neighbourhood`, BOB), 404);
      await error(get(`${path}/export/datacite`, BOB), 404);
      assert.equal((await get('/api/graph/search?q=zebra', BOB)).json<GraphSearchResult>().total, 0);
      assert.equal((await get('/api/graph/search?q=zebra')).json<GraphSearchResult>().total, 1);
      const counts = (who: string) => get(`/api/graph/used-by/counts?dataset=${encodeURIComponent(datasetA)}`, who).then((r) => r.json<UsedByCounts>().counts[datasetA]);
      assert.equal(await counts(ALICE), (await counts(BOB)) + 1);
      const datasetNeighbours = (who: string) =>
        get(`/api/graph/nodes/${encodeURIComponent(`dataset:${datasetA}`)}`, who).then((r) => r.json<NodeDetail>().neighbours.flatMap((g) => g.nodes.map((n) => n.id)));
      assert.ok((await datasetNeighbours(ALICE)).includes(node.id));
      assert.ok(!(await datasetNeighbours(BOB)).includes(node.id));
      await error(send('PUT', `/api/graph/records/${node.id}`, notebook(), BOB), 404);
      await error(send('POST', `/api/graph/records/${node.id}/publish`, undefined, BOB), 404);
      await error(send('DELETE', `/api/graph/records/${node.id}`, undefined, BOB), 404);

      const changed = await send('PUT', `/api/graph/records/${node.id}`, notebook({ title: 'Secret zebra draft, revised', draft: true }));
      assert.equal(changed.statusCode, 200, changed.body);
      assert.equal(changed.json<PublishResult>().node.title, 'Secret zebra draft, revised');
      const published = await send('POST', `/api/graph/records/${node.id}/publish`);
      assert.equal(published.json<Node>().status, 'published');
      assert.equal((await get(path, BOB)).statusCode, 200);
      await error(send('POST', `/api/graph/records/${node.id}/publish`), 409);
      await error(send('PUT', `/api/graph/records/${node.id}`, notebook()), 409);
      await error(send('DELETE', `/api/graph/records/${node.id}`), 409);
      await error(send('PUT', `/api/graph/records/${node.id}`, notebook(), BOB), 403);
    });

    it('deletes a draft with its links', async () => {
      const { node } = await publish(notebook({ draft: true, datasets: [{ ref: datasetA }] }));
      assert.equal((await send('DELETE', `/api/graph/records/${node.id}`)).statusCode, 204);
      await error(get(`/api/graph/nodes/${node.id}`), 404);
      const [{ count }] = await db.query<{ count: number }>('SELECT count(*) AS count FROM graph_edges WHERE src = $1', [node.id]);
      assert.equal(Number(count), 0);
    });

    it('publishes new versions as a chain: IsNewVersionOf, versions listed, only from the latest, only by the owner', async () => {
      const v1 = (await publish(notebook({ title: 'Versioned notebook', version: '1.0' }))).node;
      const v2 = (await publish(notebook({ title: 'Versioned notebook', version: '2.0', 'version-of': v1.id }))).node;
      assert.deepEqual(v2.versions.map((v) => v.version), ['1.0', '2.0']);
      const old = (await get(`/api/graph/nodes/${v1.id}`, BOB)).json<NodeDetail>();
      assert.deepEqual(old.node.versions.map((v) => v.id), [v1.id, v2.id]);
      const newer = old.neighbours.find((g) => g.relation === 'IsNewVersionOf' && g.direction === 'in');
      assert.deepEqual(newer?.nodes.map((n) => n.id), [v2.id]);
      await error(send('POST', '/api/graph/records', notebook({ 'version-of': v1.id })), 409, 'body/version-of');
      await error(send('POST', '/api/graph/records', notebook({ 'version-of': v2.id }), BOB), 400, 'body/version-of');
      await error(send('POST', '/api/graph/records', notebook({ 'version-of': 'code-nothing' })), 400, 'body/version-of');
      const draft = (await publish(notebook({ draft: true, version: '3.0', 'version-of': v2.id }))).node;
      assert.deepEqual((await get(`/api/graph/nodes/${v1.id}`, BOB)).json<NodeDetail>().node.versions.length, 2, 'a draft version is the owner\'s');
      assert.deepEqual((await get(`/api/graph/nodes/${v1.id}`)).json<NodeDetail>().node.versions.map((v) => v.id), [v1.id, v2.id, draft.id]);
    });

    it('searches by text, kind and keyword; catalog datasets follow graph nodes', async () => {
      await publish(notebook({ kind: 'TrainedModel', title: 'Ocean emulator weights', keywords: ['emulator', 'Ocean'] }));
      const byText = (await get('/api/graph/search?q=emulat')).json<GraphSearchResult>();
      assert.equal(byText.items[0].title, 'Ocean emulator weights');
      const byKindResponse = await get('/api/graph/search?kind=TrainedModel');
      assert.equal(byKindResponse.statusCode, 200, byKindResponse.body);
      const byKind = byKindResponse.json<GraphSearchResult>();
      assert.deepEqual(byKind.items.map((i) => i.kind), ['TrainedModel']);
      const byKeyword = (await get('/api/graph/search?keyword=ocean&kind=TrainedModel&kind=Paper')).json<GraphSearchResult>();
      assert.equal(byKeyword.total, 1);
      const people = (await get('/api/graph/search?kind=Person&q=doe')).json<GraphSearchResult>();
      assert.deepEqual(people.items.map((i) => i.title), ['Doe, Jane']);
      const datasets = (await get('/api/graph/search?kind=Dataset&q=sea%20surface&limit=50')).json<GraphSearchResult>();
      assert.ok(datasets.items.some((i) => i.id.startsWith('dataset:')));
      const all = (await get('/api/graph/search?limit=5')).json<GraphSearchResult>();
      const page2 = (await get(`/api/graph/search?limit=5&offset=5`)).json<GraphSearchResult>();
      assert.equal(all.total, page2.total);
      assert.equal(new Set([...all.items, ...page2.items].map((i) => i.id)).size, 10, 'pages do not overlap');
      const mine = (await get('/api/graph/search?mine=true', BOB)).json<GraphSearchResult>();
      assert.equal(mine.total, 0);
    });

    it('answers what uses a dataset, and counts for many datasets in one call', async () => {
      const usedBy = (await get(`/api/graph/datasets/${encodeURIComponent(datasetB.id)}/used-by`)).json<UsedBy>();
      assert.equal(usedBy.total, 1);
      assert.equal(usedBy.items[0].relation, 'IsDerivedFrom');
      const counts = (await get(`/api/graph/used-by/counts?dataset=${encodeURIComponent(datasetB.id)}&dataset=none`)).json<UsedByCounts>();
      assert.deepEqual(counts.counts, { [datasetB.id]: 1, none: 0 });
      await error(get('/api/graph/used-by/counts'), 400, 'querystring/dataset');
    });

    it('sets the caller\'s profile; an ORCID of someone else is 409, a bad one 400', async () => {
      const response = await send('PUT', '/api/graph/people/me', { name: 'Bob Builder', orcid: '0000-0002-9079-593X', affiliation: 'LEAP' }, BOB);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json<PersonProfile>().person.title, 'Bob Builder');
      await error(send('PUT', '/api/graph/people/me', { name: 'Bob', orcid: CO_AUTHOR_ORCID }, BOB), 409, 'body/orcid');
      await error(send('PUT', '/api/graph/people/me', { name: 'Bob', orcid: '0000-0002-9079-5930' }, BOB), 400, 'body/orcid');
      const { node } = await publish(notebook({ title: 'By Bob', authors: [{ name: 'Bob Builder' }] }), BOB);
      const profile = (await get('/api/graph/people/me', BOB)).json<PersonProfile>();
      assert.deepEqual(profile.outputs.map((o) => o.node.id), [node.id]);
    });

    it('serves the neighbourhood of a record: its authors and datasets at 1 hop, depth checked', async () => {
      const { node, links } = await publish(notebook({ title: 'Neighbourhood root', datasets: [{ ref: datasetA }] }));
      const response = await get(`/api/graph/nodes/${node.id}/neighbourhood?depth=1`);
      assert.equal(response.statusCode, 200, response.body);
      const hood = response.json<Neighbourhood>();
      assert.deepEqual(
        hood.nodes.map((n) => [n.id, n.hops]).sort(),
        [[node.id, 0], ...links.map((l) => [l.target, 1])].sort()
      );
      assert.deepEqual(hood.edges.map((e) => `${e.relation} ${e.target}`).sort(), links.map((l) => `${l.relation} ${l.target}`).sort());
      const two = (await get(`/api/graph/nodes/${node.id}/neighbourhood?depth=2&limit=3`)).json<Neighbourhood>();
      assert.equal(two.nodes.length, 3);
      assert.equal(two.truncated, true);
      await error(get(`/api/graph/nodes/${node.id}/neighbourhood?depth=4`), 400, 'querystring/depth');
      await error(get('/api/graph/nodes/code-nothing/neighbourhood'), 404);
    });

    it('shows this process\'s changes at once: a new record and a renamed person in search and neighbourhood', async () => {
      assert.equal((await get('/api/graph/search?q=quokka')).json<GraphSearchResult>().total, 0);
      const { node } = await publish(notebook({ title: 'Quokka census', authors: [{ name: 'Bob Builder' }] }), BOB);
      assert.deepEqual((await get('/api/graph/search?q=quokka')).json<GraphSearchResult>().items.map((n) => n.id), [node.id]);
      const renamed = await send('PUT', '/api/graph/people/me', { name: 'Bob Quokka' }, BOB);
      assert.equal(renamed.statusCode, 200, renamed.body);
      const found = (await get('/api/graph/search?q=quokka')).json<GraphSearchResult>().items.map((n) => n.title);
      assert.deepEqual(found, ['Quokka census', 'Bob Quokka'], 'both titles match: newest first');
      const hood = (await get(`/api/graph/nodes/${node.id}/neighbourhood?depth=1`)).json<Neighbourhood>();
      assert.ok(hood.nodes.some((n) => n.kind === 'Person' && n.title === 'Bob Quokka'));
    });

    it('requires a token on every graph route', async () => {
      for (const url of ['/api/graph/info', '/api/graph/search', '/api/graph/people/me']) {
        assert.equal((await app.inject({ method: 'GET', url })).statusCode, 401, url);
      }
    });
  });
}
