import { checkForm, describeField, IPublishState, splitKeywords, toRequest, withoutFieldPrefix } from '../publish/form';
import { inverseRelation, relationLabel } from '../labels';
import { nullTranslator } from '@jupyterlab/translation';

function state(patch: Partial<IPublishState> = {}): IPublishState {
  return {
    title: ' SST trends ',
    description: '',
    kind: 'ProjectCode',
    license: 'CC-BY-4.0',
    keywords: 'ocean, SST; ocean ,',
    authors: [{ name: 'Lovelace, Ada', orcid: 'https://orcid.org/0000-0002-1825-0097', affiliation: '' }],
    related: [],
    datasets: [
      { resolved: { reference: { kind: 'url', value: 'gs://b/sst.zarr', call: null, cell: 1, line: 2 }, datasetId: 'leap:sst', title: 'SST' }, checked: true },
      { resolved: { reference: { kind: 'url', value: 'gs://b/other.zarr', call: null, cell: 1, line: 3 }, datasetId: null, title: null }, checked: false },
      { resolved: { reference: { kind: 'url', value: 'gs://b/mine.zarr', call: null, cell: 2, line: 1 }, datasetId: null, title: null }, checked: true }
    ],
    files: [{ path: 'sst.ipynb', sha256: 'a'.repeat(64), size: 10 }],
    provenance: { jupyterlab: '4.6.6' },
    ...patch
  };
}

describe('publish form', () => {
  it('becomes the service request: trimmed, bare ORCID, keywords once, checked datasets only', () => {
    const related: IPublishState['related'] = [
      { id: 'paper-1', title: 'A paper', relationType: 'IsSupplementTo' },
      { doi: '10.5281/zenodo.1', title: '10.5281/zenodo.1', relationType: 'Cites' }
    ];
    expect(toRequest(state({ related }), true)).toEqual({
      kind: 'ProjectCode',
      title: 'SST trends',
      authors: [{ name: 'Lovelace, Ada', orcid: '0000-0002-1825-0097' }],
      license: 'CC-BY-4.0',
      keywords: ['ocean', 'SST'],
      related: [
        { id: 'paper-1', relationType: 'IsSupplementTo' },
        { doi: '10.5281/zenodo.1', relationType: 'Cites' }
      ],
      datasets: [
        { ref: 'leap:sst', relationType: 'References' },
        { ref: 'gs://b/mine.zarr', relationType: 'References' }
      ],
      files: [{ path: 'sst.ipynb', sha256: 'a'.repeat(64), size: 10 }],
      provenance: { jupyterlab: '4.6.6' },
      draft: true
    });
    expect(splitKeywords('a,,A, b')).toEqual(['a', 'b']);
  });

  it('names what is wrong before sending: title, author name, ORCID shape and check digit', () => {
    expect(checkForm(state())).toEqual({});
    expect(
      checkForm(
        state({
          title: ' ',
          authors: [
            { name: '', orcid: '0000-0002-1825-0098', affiliation: '' },
            { name: 'B', orcid: '1234', affiliation: '' }
          ]
        })
      )
    ).toEqual({
      'body/title': 'A title is required.',
      'body/authors/0/name': 'The name is required.',
      'body/authors/0/orcid': 'This ORCID iD has a wrong check digit (last character).',
      'body/authors/1/orcid': 'An ORCID iD looks like 0000-0002-1825-0097.'
    });
  });

  it('says which field a service error is about, in words', () => {
    const s = state({ related: [{ id: 'x', title: 'Gone paper', relationType: 'Cites' }] });
    expect(describeField('body/authors/0/orcid', s)).toBe('Author 1, ORCID');
    expect(describeField('body/datasets/1/ref', s)).toBe('Dataset “gs://b/mine.zarr”');
    expect(describeField('body/related/0/id', s)).toBe('Related item “Gone paper”');
    expect(describeField('/body/title', s)).toBe('Title');
  });

  it('drops the field the service names at the start of its message (it is said in words)', () => {
    expect(withoutFieldPrefix('body/title: must not have more than 500 characters', 'body/title')).toBe('must not have more than 500 characters');
    expect(withoutFieldPrefix('body/title: too long', '/body/title')).toBe('too long');
    expect(withoutFieldPrefix('A dataset with this DOI exists', 'body/doi')).toBe('A dataset with this DOI exists');
  });
});

describe('relation labels', () => {
  const trans = nullTranslator.load('jupyterlab_leap');
  it('reads an incoming edge by its DataCite inverse', () => {
    expect(inverseRelation('References')).toBe('IsReferencedBy');
    expect(inverseRelation('IsPublishedIn')).toBeUndefined();
    expect(relationLabel('References', 'out', trans)).toBe('References');
    expect(relationLabel('References', 'in', trans)).toBe('Is referenced by');
    expect(relationLabel('Creator', 'out', trans)).toBe('Authors');
    expect(relationLabel('Creator', 'in', trans)).toBe('Author of');
  });
});
