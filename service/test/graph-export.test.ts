import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { bibtex, bibtexText, citationCff } from '../src/graph/export/citation.js';
import { dataciteJson, resourceType } from '../src/graph/export/datacite.js';
import { nameParts, spdxId } from '../src/graph/export/input.js';
import { RO_CRATE_CONTEXT, RO_CRATE_SPEC, roCrate } from '../src/graph/export/ro-crate.js';
import { zenodoMetadata } from '../src/graph/zenodo.js';
import { notebookInput } from './fixtures/graph/export-input.js';

type Entity = Record<string, unknown> & { '@id': string };
const graphOf = (crate: Record<string, unknown>) => new Map((crate['@graph'] as Entity[]).map((e) => [e['@id'], e]));

describe('RO-Crate 1.2 export', () => {
  const crate = roCrate(notebookInput());
  const graph = graphOf(crate);
  const root = graph.get('./')!;

  it('has the 1.2 context and a metadata descriptor about the root', () => {
    assert.equal(crate['@context'], RO_CRATE_CONTEXT);
    assert.deepEqual(graph.get('ro-crate-metadata.json'), {
      '@id': 'ro-crate-metadata.json',
      '@type': 'CreativeWork',
      conformsTo: { '@id': RO_CRATE_SPEC },
      about: { '@id': './' }
    });
  });

  it('describes the record as the root data entity with its required properties', () => {
    assert.equal(root['@type'], 'Dataset');
    assert.equal(root.name, 'SST trends {draft} & 100% <b>bold</b>');
    assert.equal(root.datePublished, '2025-03-04T05:06:07.000Z');
    assert.deepEqual(root.license, { '@id': 'https://spdx.org/licenses/CC-BY-4.0' });
    assert.equal(root.identifier, 'code-abc');
    assert.equal(root.keywords, 'SST, trends');
    assert.deepEqual(root.author, [{ '@id': 'https://orcid.org/0000-0002-1825-0097' }, { '@id': '#person-jane' }]);
    assert.deepEqual(graph.get('https://orcid.org/0000-0002-1825-0097')?.affiliation, { '@id': '#organization-Columbia%20University' });
  });

  it('lists files as absent File entities with size and sha256', () => {
    assert.deepEqual(root.hasPart, { '@id': '#notebooks/sst%20trends.ipynb' });
    const file = graph.get('#notebooks/sst%20trends.ipynb')!;
    assert.equal(file.localPath, 'notebooks/sst trends.ipynb');
    assert.equal(file.sha256, 'a'.repeat(64));
    assert.equal(file.contentSize, '2048');
  });

  it('links neighbours both ways: outgoing on the root, incoming on the neighbour', () => {
    assert.deepEqual(root.isPartOf, { '@id': 'https://doi.org/10.1234/paper.5' }, 'IsSupplementTo → isPartOf');
    assert.deepEqual(graph.get('https://leap.example/lesson')?.citation, { '@id': './' }, 'the lesson References the record');
    assert.deepEqual(graph.get('https://doi.org/10.1234/v2')?.isBasedOn, { '@id': './' }, 'v2 IsNewVersionOf the record');
    const dataset = graph.get('#dataset%3Aleap%3Asst')!;
    assert.equal(dataset.name, 'OSTIA SST');
    assert.ok((root.mentions as Entity[]).some((m) => m['@id'] === '#dataset%3Aleap%3Asst'), 'a local id is mentioned, not cited');
  });

  it('records the environment as a CreateAction: image and kernel described, software with url and version', () => {
    const action = graph.get('#environment')!;
    assert.equal(action['@type'], 'CreateAction');
    assert.match(String(action.description), /image quay\.io\/leap\/base:2025\.01; kernel python3/);
    const instruments = [action.instrument].flat() as Entity[];
    const tools = instruments.map((t) => graph.get(t['@id'])!);
    assert.deepEqual(tools.map((t) => t.name), ['jupyterlab', 'xarray']);
    for (const tool of tools) {
      assert.equal(tool['@type'], 'SoftwareApplication');
      assert.ok(tool.version, `${tool.name} has a version`);
      assert.match(String(tool.url), /^https:\/\/pypi\.org\/project\/[^/]+\/[^/]+\/$/);
    }
    assert.equal(graph.get('#package-xarray')?.version, '2025.1.0');
  });

  it('has no dangling references', () => {
    const ids = new Set(graph.keys());
    const refs = JSON.stringify(crate).matchAll(/\{"@id":"([^"]+)"\}/g);
    for (const [, id] of refs) {
      assert.ok(ids.has(id) || id === RO_CRATE_SPEC || id.startsWith('https://spdx.org/'), id);
    }
  });
});

describe('DataCite JSON export', () => {
  const json = dataciteJson(notebookInput());

  it('has every property the DataCite 4.5 kernel requires', () => {
    for (const key of ['creators', 'titles', 'publisher', 'publicationYear', 'types', 'schemaVersion']) {
      assert.ok(key in json, key);
    }
    assert.equal(json.schemaVersion, 'http://datacite.org/schema/kernel-4');
    assert.equal(json.publicationYear, '2025');
    assert.deepEqual(json.types, { resourceTypeGeneral: 'ComputationalNotebook', resourceType: 'Jupyter notebook' });
    assert.equal('doi' in json, false, 'no DOI yet');
  });

  it('names creators with ORCID and affiliation, in order', () => {
    assert.deepEqual(json.creators, [
      {
        name: 'Liddell, Alice', nameType: 'Personal', givenName: 'Alice', familyName: 'Liddell',
        nameIdentifiers: [{ nameIdentifier: 'https://orcid.org/0000-0002-1825-0097', nameIdentifierScheme: 'ORCID', schemeUri: 'https://orcid.org' }],
        affiliation: [{ name: 'Columbia University' }]
      },
      { name: 'Doe, Jane Q.', nameType: 'Personal', givenName: 'Jane Q.', familyName: 'Doe' }
    ]);
  });

  it('relates by DOI/URL, incoming links with the inverse relation; nodes with neither are left out', () => {
    assert.deepEqual(json.relatedIdentifiers, [
      { relatedIdentifier: '10.1234/paper.5', relatedIdentifierType: 'DOI', relationType: 'IsSupplementTo', resourceTypeGeneral: 'Text' },
      { relatedIdentifier: 'https://leap.example/lesson', relatedIdentifierType: 'URL', relationType: 'IsReferencedBy', resourceTypeGeneral: 'InteractiveResource' },
      { relatedIdentifier: '10.1234/v2', relatedIdentifierType: 'DOI', relationType: 'IsPreviousVersionOf', resourceTypeGeneral: 'Software' }
    ]);
  });

  it('writes the license as SPDX, dates, keywords, environment', () => {
    assert.deepEqual(json.rightsList, [
      { rights: 'CC-BY-4.0', rightsIdentifier: 'CC-BY-4.0', rightsIdentifierScheme: 'SPDX', schemeUri: 'https://spdx.org/licenses/', rightsUri: 'https://spdx.org/licenses/CC-BY-4.0' }
    ]);
    assert.deepEqual(json.dates, [
      { date: '2025-03-01', dateType: 'Created' },
      { date: '2025-03-04', dateType: 'Issued' },
      { date: '2025-03-04', dateType: 'Updated' }
    ]);
    assert.deepEqual(json.subjects, [{ subject: 'SST' }, { subject: 'trends' }]);
    const descriptions = json.descriptions as { descriptionType: string; description: string }[];
    assert.match(descriptions.find((d) => d.descriptionType === 'TechnicalInfo')!.description, /xarray 2025\.1\.0/);
  });

  it('keeps a DOI and free-text license; a dataset without creators is ":unav"', () => {
    const input = notebookInput({ identifiers: { doi: '10.5281/zenodo.1', orcid: null, url: null, catalog: null }, license: 'Custom terms of use' });
    const withDoi = dataciteJson({ ...input, creators: [] });
    assert.equal(withDoi.doi, '10.5281/zenodo.1');
    assert.deepEqual(withDoi.rightsList, [{ rights: 'Custom terms of use' }]);
    assert.deepEqual(withDoi.creators, [{ name: ':unav' }]);
  });

  it('maps every kind to a DataCite resourceTypeGeneral', () => {
    assert.equal(resourceType('ProjectCode').resourceTypeGeneral, 'Software');
    assert.equal(resourceType('TrainedModel').resourceTypeGeneral, 'Model');
    assert.equal(resourceType('Dataset').resourceTypeGeneral, 'Dataset');
  });
});

describe('BibTeX and CITATION.cff', () => {
  it('writes one @misc entry with escaped text', () => {
    const text = bibtex(notebookInput());
    assert.match(text, /^@misc\{liddell2025trends,\n/);
    assert.match(text, /title = \{\{SST trends \\\{draft\\\} \\& 100\\% <b>bold<\/b>\}\}/);
    assert.match(text, /author = \{Liddell, Alice and Doe, Jane Q\.\}/);
    assert.match(text, /year = \{2025\}/);
    assert.equal(bibtexText('a_b $x^2$ ~ \\'), 'a\\_b \\$x\\textasciicircum{}2\\$ \\textasciitilde{} \\textbackslash{}');
  });

  it('adds the DOI and its URL when there is one', () => {
    const text = bibtex(notebookInput({ identifiers: { doi: '10.5281/zenodo.1', orcid: null, url: null, catalog: null } }));
    assert.match(text, /doi = \{10\.5281\/zenodo\.1\}/);
    assert.match(text, /url = \{https:\/\/doi\.org\/10\.5281\/zenodo\.1\}/);
  });

  it('writes CITATION.cff 1.2.0 that parses back', () => {
    const cff = parse(citationCff(notebookInput())) as Record<string, unknown>;
    assert.equal(cff['cff-version'], '1.2.0');
    assert.equal(cff.type, 'software');
    assert.equal(cff.title, 'SST trends {draft} & 100% <b>bold</b>');
    assert.deepEqual(cff.authors, [
      { 'family-names': 'Liddell', 'given-names': 'Alice', orcid: 'https://orcid.org/0000-0002-1825-0097', affiliation: 'Columbia University' },
      { 'family-names': 'Doe', 'given-names': 'Jane Q.' }
    ]);
    assert.equal(cff.license, 'CC-BY-4.0');
    assert.equal(cff.version, '1.0');
    assert.deepEqual(cff.identifiers, [{ type: 'other', value: 'code-abc', description: 'LEAP knowledge graph id' }]);
  });
});

describe('Zenodo deposition metadata', () => {
  it('maps kind, creators, license, relations; escapes the description as HTML', () => {
    const metadata = zenodoMetadata(notebookInput());
    assert.equal(metadata.upload_type, 'software');
    assert.equal(metadata.license, 'cc-by-4.0');
    assert.deepEqual(metadata.creators, [
      { name: 'Liddell, Alice', orcid: '0000-0002-1825-0097', affiliation: 'Columbia University' },
      { name: 'Doe, Jane Q.' }
    ]);
    assert.match(metadata.description as string, /^<p>Fits trends to sea surface temperature\.<\/p><p>Second paragraph\.<\/p><p>Computational environment/);
    assert.deepEqual(metadata.related_identifiers, [
      { identifier: 'https://doi.org/10.1234/paper.5', relation: 'isSupplementTo' },
      { identifier: 'https://leap.example/lesson', relation: 'isReferencedBy' },
      { identifier: 'https://doi.org/10.1234/v2', relation: 'isPreviousVersionOf' }
    ]);
    const xss = zenodoMetadata({ ...notebookInput({ description: '<script>alert(1)</script>' }), provenance: null });
    assert.equal(xss.description, '<p>&#60;script&#62;alert(1)&#60;/script&#62;</p>');
  });
});

describe('export helpers', () => {
  it('splits names written either way', () => {
    assert.deepEqual(nameParts('Doe, Jane'), { family: 'Doe', given: 'Jane' });
    assert.deepEqual(nameParts('Jane van Doe'), { family: 'Doe', given: 'Jane van' });
    assert.deepEqual(nameParts('Plato'), { family: 'Plato', given: null });
  });

  it('tells SPDX ids from free text', () => {
    assert.equal(spdxId('MIT'), 'MIT');
    assert.equal(spdxId('Apache-2.0'), 'Apache-2.0');
    assert.equal(spdxId('see the terms'), null);
    assert.equal(spdxId(null), null);
  });
});
