import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/api/app.js';
import type { OutsideImportResult } from '../src/api/graph-outside-schemas.js';
import type { NodeDetail, PersonProfile, PublishResult } from '../src/api/graph-schemas.js';
import type { ErrorBody } from '../src/api/schemas.js';
import type { App } from '../src/api/types.js';
import { hubIdentityProvider } from '../src/auth/hub.js';
import { addSource } from '../src/catalog/sources.js';
import type { Database } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';
import { FakeHub } from './helpers/fake-hub.js';
import { RecordedServer } from './helpers/recorded-server.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/outside/', import.meta.url));
const fixture = (name: string) => path.join(FIXTURES, name);
const SERVICE_TOKEN = 'outside-service-token';
const ALICE = 'token alice-token';
const ENEKO = 'token eneko-token';
const STORE = 'https://opendata.arcgis.com/datasets/dd4580c810204019a7b8eb3e0b329dd6_0.geojson';

/** A one-dataset catalog naming, as its store, a URL the recorded DataCite metadata mentions. */
async function writeCatalog(dir: string): Promise<string> {
  const file = path.join(dir, 'catalog.json');
  await writeFile(file, JSON.stringify([{
    title: 'RKI COVID-19 cases (NPGEO)',
    description: 'Daily COVID-19 cases in Germany as published by the Robert Koch Institute.',
    maintainers: [], provenance: { providers: [], license: 'CC-BY-4.0', license_link: null }, thumbnail: null,
    tags: ['covid-19'], links: null,
    stores: [{ id: 'rki-geojson', name: 'RKI GeoJSON', url: STORE, rechunking: null, public: true, geospatial: null, xarray_open_kwargs: {}, last_updated: null }]
  }]));
  return file;
}

for (const variant of variants()) {
  describe(`knowledge graph outside sources on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let hub: FakeHub;
    let app: App;
    let dir: string;
    const server = new RecordedServer();

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      dir = await mkdtemp(path.join(tmpdir(), 'leap-outside-'));
      await addSource(db, { url: await writeCatalog(dir), name: 'Outside test' });
      hub = await new FakeHub(SERVICE_TOKEN, {
        'alice-token': { name: 'alice', admin: false, groups: [] },
        'eneko-token': { name: 'enekomartinmartinez', admin: false, groups: [] }
      }).start();
      await server.start();
      await server.recordFile('GET', '/repos/SDXorg/pysd', fixture('github/pysd-repo.json'));
      await server.recordFile('GET', '/repos/SDXorg/pysd/releases/latest', fixture('github/not-found.json'));
      await server.recordFile('GET', '/repos/SDXorg/pysd/contributors', fixture('github/pysd-contributors.json'));
      await server.recordFile('GET', '/repos/SDXorg/pysd/contents', fixture('github/pysd-contents-root.json'));
      await server.recordFile('GET', '/repos/SDXorg/pysd/contents/citation.cff', fixture('github/pysd-contents-citation.cff.json'));
      await server.recordFile('GET', '/repos/leap-stc/no-such-repository', fixture('github/not-found.json'));
      await server.recordFile('GET', '/dois/10.5281/zenodo.3763274', fixture('datacite/zenodo.3763274.json'));
      await server.recordFile('GET', '/dois/10.1371/journal.pone.0033693', fixture('datacite/not-found.json'));
      await server.recordFile('GET', '/works/10.1371/journal.pone.0033693', fixture('crossref/journal.pone.0033693.json'));
      await server.recordFile('GET', '/dois/10.1371/notarealdoi', fixture('datacite/not-found.json'));
      await server.recordFile('GET', '/works/10.1371/notarealdoi', fixture('crossref/not-found.json'));
      app = await buildApp({
        config: { mode: 'hub', outside: { githubUrl: server.url, githubToken: null, dataciteUrl: server.url, crossrefUrl: server.url } },
        db,
        identity: hubIdentityProvider({ apiUrl: hub.apiUrl, apiToken: SERVICE_TOKEN }),
        logger: createLogger('silent')
      });
    });
    after(async () => {
      await app?.close();
      await server.stop();
      await hub?.stop();
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    const send = (url: string, body: unknown, authorization = ALICE) =>
      app.inject({ method: url.startsWith('/api/graph/people') ? 'PUT' : 'POST', url, headers: { authorization }, payload: body as Record<string, unknown> });
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: ALICE } });
    const imported = async (url: string, body: unknown): Promise<OutsideImportResult> => {
      const response = await send(url, body);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<OutsideImportResult>();
    };
    const refused = async (url: string, body: unknown, status: number): Promise<ErrorBody> => {
      const response = await send(url, body);
      assert.equal(response.statusCode, status, response.body);
      return response.json<ErrorBody>();
    };
    const titles = async (ids: string[]) =>
      Promise.all(ids.map(async (id) => (await get(`/api/graph/nodes/${encodeURIComponent(id)}`)).json<NodeDetail>().node));

    let firstVersion: string;

    it('imports a repository: node, citation authors matched by ORCID and GitHub login, contributors, cited works', async () => {
      // Eneko signs in to the hub with his GitHub login and sets his ORCID; Roger is a co-author of one of alice's records.
      assert.equal((await send('/api/graph/people/me', { name: 'Eneko Martin-Martinez', orcid: '0000-0002-9213-7818' }, ENEKO)).statusCode, 200);
      const paper = await send('/api/graph/records', {
        kind: 'Paper', title: 'System dynamics of the energy transition', draft: false,
        authors: [{ name: 'alice' }, { name: 'Samsó, Roger', orcid: '0000-0003-0348-3047' }],
        related: [{ doi: '10.5281/zenodo.6583528', relationType: 'References', kind: 'ProjectCode' }]
      });
      assert.equal(paper.statusCode, 201, paper.body);
      const roger = paper.json<PublishResult>().links.find((link) => link.relation === 'Creator' && link.position === 1)!.target;
      const cited = paper.json<PublishResult>().created.find((n) => n.kind === 'ProjectCode')!.id;
      const eneko = (await app.inject({ method: 'GET', url: '/api/graph/people/me', headers: { authorization: ENEKO } })).json<PersonProfile>().person.id;

      const result = await imported('/api/graph/import/github', { repository: 'https://github.com/SDXorg/pysd.git' });
      assert.equal(result.outcome, 'updated', 'the outside node the paper cites by the DOI of the citation file');
      assert.equal(result.node.id, cited);
      assert.equal(result.source, 'github');
      assert.deepEqual(result.warnings, []);
      const { node } = result;
      assert.equal(node.kind, 'ProjectCode');
      assert.equal(node.title, 'PySD: System Dynamics Modeling in Python');
      assert.equal(node.description, 'System Dynamics Modeling in Python');
      assert.equal(node.license, 'MIT');
      assert.deepEqual(node.keywords, ['System Dynamics', 'Vensim', 'XMILE', 'Python']);
      assert.equal(node.version, '3.0.1', 'no release yet: the version CITATION.cff gives');
      assert.equal(node.identifiers.doi, '10.5281/zenodo.6583528');
      assert.equal(node.identifiers.url, 'https://github.com/SDXorg/pysd');
      assert.equal(node.owner, null);
      assert.equal(node.dates.published, '2022-05-26T00:00:00.000Z');
      firstVersion = node.id;

      const creators = result.links.filter((link) => link.relation === 'Creator').map((link) => link.target);
      assert.equal(creators.length, 4);
      assert.equal(creators[0], eneko, 'the CITATION.cff author with his ORCID is the hub user who set that ORCID');
      assert.equal(creators[1], roger, 'matched by ORCID to the person already in the graph');
      const people = await titles(creators);
      assert.deepEqual(people.map((p) => p.title), ['Eneko Martin-Martinez', 'Samsó, Roger', 'Houghton, James', 'Solé, Jordi']);
      assert.deepEqual(people.map((p) => p.identifiers.orcid), ['0000-0002-9213-7818', '0000-0003-0348-3047', null, '0000-0002-2371-1652']);
      assert.equal(people[0].identifiers.url, 'https://github.com/enekomartinmartinez', 'his GitHub login is kept');
      assert.match(people[1].affiliation ?? '', /CREAF/);

      const contributors = await titles(result.links.filter((link) => link.relation === 'Contributor').map((link) => link.target));
      assert.deepEqual(contributors.map((p) => [p.title, p.identifiers.url]), [
        ['rogersamso', 'https://github.com/rogersamso'],
        ['JamesPHoughton', 'https://github.com/JamesPHoughton']
      ], 'enekomartinmartinez is already a Creator; the other contributors become people with their login');

      const references = result.links.filter((link) => link.relation === 'References');
      assert.equal(references.length, 1);
      const [intro] = await titles([references[0].target]);
      assert.equal(intro.kind, 'Paper');
      assert.equal(intro.title, 'Advanced data analytics for system dynamics models using PySD.');
      assert.ok(!result.links.some((link) => link.relation === 'IsDescribedBy'), 'the preferred citation is the software itself (same DOI)');
      assert.ok(!result.links.some((link) => (link.relation as string) === 'Uses'));
    });

    it('re-imports the same release as an update of the same node, nothing duplicated', async () => {
      const again = await imported('/api/graph/import/github', { repository: 'SDXorg/pysd' });
      assert.equal(again.outcome, 'updated');
      assert.equal(again.node.id, firstVersion);
      assert.deepEqual(again.created, []);
      assert.equal(again.node.versions.length, 1);
    });

    it('makes a new version when the latest release changed', async () => {
      await server.recordFile('GET', '/repos/SDXorg/pysd/releases/latest', fixture('github/pysd-release-v3.9.0.json'));
      const released = await imported('/api/graph/import/github', { repository: 'github.com/SDXorg/pysd' });
      assert.equal(released.outcome, 'new-version');
      assert.equal(released.previous, firstVersion);
      assert.notEqual(released.node.id, firstVersion);
      assert.equal(released.node.version, 'v3.9.0');
      assert.equal(released.node.dates.published, '2022-12-16T19:06:26.000Z');
      assert.deepEqual(released.node.versions.map((v) => v.id), [firstVersion, released.node.id]);
      assert.ok(released.links.some((link) => link.relation === 'IsNewVersionOf' && link.target === firstVersion));
      assert.deepEqual(released.created.filter((n) => n.kind === 'Person'), [], 'the new version links the same people');
      const same = await imported('/api/graph/import/github', { repository: 'SDXorg/pysd' });
      assert.equal(same.outcome, 'updated');
      assert.equal(same.node.id, released.node.id);
    });

    it('says which repository was not found, and refuses what is not a repository', async () => {
      const missing = await refused('/api/graph/import/github', { repository: 'leap-stc/no-such-repository' }, 404);
      assert.equal(missing.code, 'not_found');
      assert.match(missing.message, /^repository leap-stc\/no-such-repository not found/);
      const bad = await refused('/api/graph/import/github', { repository: 'just some words' }, 400);
      assert.equal(bad.field, 'body/repository');
      assert.match(bad.message, /"just some words" is not a GitHub repository/);
    });

    it('reports a used-up rate limit with the time it resets, and an unreachable GitHub', async () => {
      server.inject('GET', '/repos/SDXorg/pysd', { kind: 'rate-limit', resetEpochSeconds: 1_900_000_000 });
      const limited = await refused('/api/graph/import/github', { repository: 'SDXorg/pysd' }, 429);
      assert.equal(limited.code, 'rate_limited');
      assert.match(limited.message, /GitHub's rate limit is used up: try again after 2030-03-17T17:46:40Z/);
      assert.match(limited.message, /LEAP_GITHUB_TOKEN/);
      server.inject('GET', '/repos/SDXorg/pysd', { kind: 'rate-limit', status: 429, resetEpochSeconds: 1_900_000_060 });
      assert.match((await refused('/api/graph/import/github', { repository: 'SDXorg/pysd' }, 429)).message, /17:47:40Z/);
      server.inject('GET', null, { kind: 'drop' });
      const down = await refused('/api/graph/import/github', { repository: 'SDXorg/pysd' }, 502);
      assert.equal(down.code, 'outside_unreachable');
      assert.match(down.message, new RegExp(`GitHub at ${server.url} could not be reached`));
      server.inject('GET', null, { kind: 'status', status: 503, body: { message: 'Service Unavailable' } });
      const failing = await refused('/api/graph/import/doi', { doi: '10.5281/zenodo.3763274' }, 502);
      assert.equal(failing.code, 'outside_failed');
      assert.match(failing.message, /^DataCite answered 503/);
      server.heal();
    });

    it('imports a DataCite DOI: the outside node a record linked to becomes it, with creators, relations and the catalog dataset it names', async () => {
      const record = await send('/api/graph/records', {
        kind: 'ProjectCode', title: 'COVID-19 case maps', draft: false, authors: [{ name: 'alice' }],
        related: [{ doi: '10.5281/zenodo.3763274', relationType: 'IsDerivedFrom', kind: 'Dataset' }]
      });
      const stub = record.json<PublishResult>().created.find((n) => n.kind === 'Dataset')!.id;
      const result = await imported('/api/graph/import/doi', { doi: 'https://doi.org/10.5281/zenodo.3763274' });
      assert.equal(result.source, 'datacite');
      assert.equal(result.outcome, 'updated');
      assert.equal(result.node.id, stub);
      assert.equal(result.node.kind, 'Dataset');
      assert.equal(result.node.title, 'Linked COVID-19 Data: Robert Koch-Institut (RKI)');
      assert.equal(result.node.license, 'CC-BY-4.0');
      assert.deepEqual(result.node.keywords, ['Linked Data', 'COVID-19', 'Robert-Koch Insitute']);
      assert.equal(result.node.identifiers.url, 'https://zenodo.org/record/3763274');
      assert.match(result.node.description, /^Linked COVID-19 Data derived from Robert Koch Institute/);
      const [creator] = await titles(result.links.filter((l) => l.relation === 'Creator').map((l) => l.target));
      assert.deepEqual([creator.title, creator.identifiers.orcid, creator.affiliation], ['Thiery, Florian', '0000-0002-3246-3531', 'Research Squirrel Engineers']);
      const [concept] = await titles(result.links.filter((l) => l.relation === 'IsVersionOf').map((l) => l.target));
      assert.deepEqual([concept.kind, concept.identifiers.doi], ['Dataset', '10.5281/zenodo.3757283']);
      assert.equal(result.links.filter((l) => l.relation === 'IsPartOf').length, 3);
      const catalog = result.links.filter((l) => l.relation === 'References');
      assert.equal(catalog.length, 1);
      assert.match(catalog[0].target, /^dataset:/, 'the description names the store URL of a data library dataset');
      const used = (await get(`/api/graph/datasets/${encodeURIComponent(catalog[0].target.slice(8))}/used-by`)).json<{ items: { node: { id: string } }[] }>();
      assert.ok(used.items.some((item) => item.node.id === stub));
    });

    it('imports a Crossref DOI after DataCite answers 404: authors and the works it cites', async () => {
      const before = server.requests.length;
      const result = await imported('/api/graph/import/doi', { doi: 'doi:10.1371/journal.pone.0033693' });
      assert.deepEqual(server.requests.slice(before).map((r) => r.path), ['/dois/10.1371/journal.pone.0033693', '/works/10.1371/journal.pone.0033693']);
      assert.equal(result.source, 'crossref');
      assert.equal(result.outcome, 'created');
      assert.equal(result.node.kind, 'Paper');
      assert.equal(result.node.title, 'Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice');
      assert.equal(result.node.license, 'CC-BY-4.0');
      assert.equal(result.node.dates.published, '2012-03-21T00:00:00.000Z');
      const authors = await titles(result.links.filter((l) => l.relation === 'Creator').map((l) => l.target));
      assert.deepEqual(authors.map((a) => a.title).slice(0, 2), ['Sadasivan, Shankar', 'Pond, Brooks B.']);
      assert.equal(authors.length, 6);
      const cited = result.links.filter((l) => l.relation === 'Cites');
      assert.equal(cited.length, 65, 'every reference with a DOI (65 of the 70)');
      const [first] = await titles([cited[0].target]);
      assert.deepEqual([first.kind, first.identifiers.doi, first.title], ['Paper', '10.1038/sj.npp.1301164', 'Stimulants: Therapeutic actions in ADHD.']);
    });

    it('says which DOI is unknown to both DataCite and Crossref, and refuses what is not a DOI', async () => {
      const unknown = await refused('/api/graph/import/doi', { doi: '10.1371/notarealdoi' }, 404);
      assert.equal(unknown.code, 'not_found');
      assert.equal(unknown.message, 'DOI 10.1371/notarealdoi is unknown: neither DataCite nor Crossref has metadata for it');
      const bad = await refused('/api/graph/import/doi', { doi: 'climate paper' }, 400);
      assert.equal(bad.field, 'body/doi');
    });
  });
}
