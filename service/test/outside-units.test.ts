import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findMentions } from '../src/outside/catalog-mentions.js';
import { CitationError, readCitationCff, readZenodoJson } from '../src/outside/citation.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { rateLimited } from '../src/outside/failures.js';
import { parseRepository } from '../src/outside/github.js';
import { kindOf, orcidOf, personName, plainText, relationOf, spdxOfUrl } from '../src/outside/identifiers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/outside/${name}`, import.meta.url));
const REPO = ['https://github.com/SDXorg/pysd'];

async function pysdCff(): Promise<string> {
  const recording = JSON.parse(await readFile(fixture('github/pysd-contents-citation.cff.json'), 'utf8')) as { body: { content: string } };
  return Buffer.from(recording.body.content, 'base64').toString('utf8');
}

describe('outside sources: reading repositories, citation files and identifiers', () => {
  it('reads owner/repo from the forms people paste', () => {
    for (const input of ['SDXorg/pysd', ' https://github.com/SDXorg/pysd ', 'https://github.com/SDXorg/pysd.git', 'github.com/SDXorg/pysd/tree/master/docs', 'git@github.com:SDXorg/pysd.git', 'https://www.github.com/SDXorg/pysd?tab=readme']) {
      assert.deepEqual(parseRepository(input), { owner: 'SDXorg', repo: 'pysd' }, input);
    }
    for (const input of ['', 'pysd', 'SDXorg/pysd/docs', 'https://gitlab.com/SDXorg/pysd', 'owner with space/repo', '-bad/repo', 'SDXorg/..']) {
      assert.equal(parseRepository(input), null, input);
    }
  });

  it('reads a real CITATION.cff: authors with ORCID and affiliation, DOI, version, keywords, references', async () => {
    const cff = readCitationCff(await pysdCff(), 'citation.cff', REPO);
    assert.equal(cff.title, 'PySD: System Dynamics Modeling in Python');
    assert.equal(cff.doi, '10.5281/zenodo.6583528');
    assert.equal(cff.version, '3.0.1');
    assert.equal(cff.released, '2022-05-26');
    assert.equal(cff.license, 'MIT');
    assert.deepEqual(cff.keywords, ['System Dynamics', 'Vensim', 'XMILE', 'Python']);
    assert.deepEqual(cff.creators.map((p) => [p.name, p.orcid ?? null]), [
      ['Martin-Martinez, Eneko', '0000-0002-9213-7818'],
      ['Samsó, Roger', '0000-0003-0348-3047'],
      ['Houghton, James', null],
      ['Solé, Jordi', '0000-0002-2371-1652']
    ]);
    assert.equal(cff.creators[0].affiliation, 'Centre for Ecological Research and Forestry Applications (CREAF)');
    assert.deepEqual(cff.links, [{
      relation: 'References',
      kind: 'Paper',
      url: 'https://github.com/JamesPHoughton/pysd/blob/master/docs/PySD%20Intro%20Paper%20Preprint.pdf',
      title: 'Advanced data analytics for system dynamics models using PySD.'
    }], 'the preferred citation has the software\'s own DOI: no link to itself');
  });

  it('links a preferred citation with its own DOI as IsDescribedBy, a cited dataset as a Dataset', () => {
    const cff = readCitationCff(
      ['cff-version: 1.2.0', 'title: t', 'doi: 10.5281/zenodo.1', 'preferred-citation:', '  type: article', '  doi: 10.1029/2023MS003709',
        '  title: The paper', 'references:', '  - type: dataset', '    title: ERA5', '    doi: https://doi.org/10.24381/cds.adbb2d47'].join('\n'),
      'CITATION.cff', REPO
    );
    assert.deepEqual(cff.links, [
      { relation: 'IsDescribedBy', kind: 'Paper', doi: '10.1029/2023MS003709', title: 'The paper' },
      { relation: 'References', kind: 'Dataset', doi: '10.24381/cds.adbb2d47', title: 'ERA5' }
    ]);
  });

  it('names the file and line of a CITATION.cff that is not YAML', () => {
    assert.throws(() => readCitationCff('cff-version: 1.2.0\ntitle: [unclosed\nauthors: x\n', 'CITATION.cff', REPO), (error: unknown) => {
      assert.ok(error instanceof CitationError);
      assert.match(error.message, /^CITATION\.cff line \d+: not valid YAML/);
      return true;
    });
    assert.throws(() => readCitationCff('- just\n- a list\n', 'CITATION.cff', REPO), /CITATION\.cff: expected a mapping/);
  });

  it('reads .zenodo.json creators (ORCID with an X check digit) and Zenodo related identifiers', async () => {
    const wmpy = readZenodoJson(await readFile(fixture('zenodo/wmpy_power.zenodo.json'), 'utf8'), '.zenodo.json', REPO);
    assert.equal(wmpy.title, 'wmpy-power: A Python package for process-based regional hydropower simulation');
    assert.deepEqual(wmpy.creators.map((p) => [p.name, p.orcid]), [
      ['Travis Thurber', '0000-0002-4370-9971'],
      ['Dan Broman', '0000-0001-8281-3299'],
      ['Tian Zhou', '0000-0003-1582-4005'],
      ['Nathalie Voisin', '0000-0002-6848-449X']
    ]);
    const record = readZenodoJson(await readFile(fixture('zenodo/record-3763274-metadata.json'), 'utf8'), '.zenodo.json', REPO);
    assert.deepEqual(record.links, [{ relation: 'IsVersionOf', kind: 'Paper', doi: '10.5281/zenodo.3757283' }]);
    assert.equal(record.license, 'CC-BY-4.0');
    assert.match(record.description ?? '', /^Linked COVID-19 Data derived from\n\nRobert Koch Institute/);
    assert.throws(() => readZenodoJson('{"title": ', '.zenodo.json', REPO), /\.zenodo\.json: not valid JSON/);
  });

  it('maps identifiers, relation spellings, kinds and licenses', () => {
    assert.equal(orcidOf('https://orcid.org/0000-0002-1825-0097'), '0000-0002-1825-0097');
    assert.equal(orcidOf('0000-0002-1825-0098'), undefined, 'wrong check digit');
    assert.equal(personName({ given: 'Brooks  B.', family: 'Pond' }), 'Pond, Brooks B.');
    assert.equal(personName({ name: 'LEAP' }), 'LEAP');
    assert.equal(relationOf('isSupplementTo'), 'IsSupplementTo');
    assert.equal(relationOf('is-supplemented-by'), 'IsSupplementedBy');
    assert.equal(relationOf('Uses'), null, 'not a DataCite relationType');
    assert.equal(relationOf('isAlternateIdentifier'), null);
    assert.equal(kindOf('Dataset'), 'Dataset');
    assert.equal(kindOf('JournalArticle'), 'Paper');
    assert.equal(kindOf('Software'), 'ProjectCode');
    assert.equal(spdxOfUrl('http://creativecommons.org/licenses/by/4.0/'), 'CC-BY-4.0');
    assert.equal(plainText('<jats:p>A &amp; B</jats:p><jats:p>C</jats:p>'), 'A & B\n\nC');
  });

  it('finds store URLs and catalog ids in free text', () => {
    const found = findMentions('Data: gs://leap-persistent/data/sst.zarr, and (https://nyu1.osn.mghpcc.org/leap-pangeo-pipeline/OSTIA/OSTIA.zarr/). Id leap:ostia-rep. doi:10.5281/x https://example.org/a.');
    assert.deepEqual(found.urls, ['gs://leap-persistent/data/sst.zarr', 'https://nyu1.osn.mghpcc.org/leap-pangeo-pipeline/OSTIA/OSTIA.zarr', 'https://example.org/a']);
    assert.deepEqual(found.ids, ['leap:ostia-rep']);
  });

  it('words a rate limit with its reset time, and reads the outside sources\' URLs from the environment', () => {
    assert.equal(rateLimited('GitHub', 1_900_000_000, null, '').message, "GitHub's rate limit is used up: try again after 2030-03-17T17:46:40Z");
    assert.equal(rateLimited('Crossref', null, 30, '').message, "Crossref's rate limit is used up: try again in 30 s");
    const base = { LEAP_MODE: 'local', LEAP_DATA_DIR: '/d', LEAP_SERVICE_TOKEN: 't', LEAP_LOCAL_USER: 'u' };
    assert.equal(loadConfig(base).outside, undefined, 'unset: the public APIs');
    assert.deepEqual(loadConfig({ ...base, LEAP_GITHUB_API_URL: 'http://127.0.0.1:9/', LEAP_GITHUB_TOKEN: 'secret' }).outside, {
      githubUrl: 'http://127.0.0.1:9', githubToken: 'secret', dataciteUrl: 'https://api.datacite.org', crossrefUrl: 'https://api.crossref.org'
    });
    assert.throws(() => loadConfig({ ...base, LEAP_CROSSREF_API_URL: 'ftp://x' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, ['LEAP_CROSSREF_API_URL is not an http(s) URL: "ftp://x"']);
      return true;
    });
  });
});
