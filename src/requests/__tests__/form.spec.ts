import {
  checkDraft,
  DRAFT_KEY,
  EMPTY_DRAFT,
  exampleLines,
  fieldOfError,
  filterLicenses,
  loadDraft,
  saveDraft,
  toRequestBody,
  type IDraft,
  type IDraftStorage
} from '../form';

const filled: IDraft = {
  ...EMPTY_DRAFT,
  name: ' NOAA OISST ',
  url: 'https://www.ncei.noaa.gov/oisst',
  license: 'CC-BY-4.0',
  format: 'NetCDF',
  accessProtocol: 'HTTP(S)',
  targetFormat: 'Zarr',
  exampleUrls: 'https://x.example/a.nc\n\n  s3://bucket/b.nc  \n',
  authorization: ''
};

class MemoryStorage implements IDraftStorage {
  items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

describe('the dataset request form', () => {
  it('names every missing required field, and wrong URLs, at their fields', () => {
    expect(checkDraft({ ...EMPTY_DRAFT, license: ' ' })).toEqual({
      name: { kind: 'required' },
      license: { kind: 'required' },
      format: { kind: 'required' },
      accessProtocol: { kind: 'required' },
      targetFormat: { kind: 'required' }
    });
    expect(checkDraft({ ...filled, url: 'www.example.org' })).toEqual({ url: { kind: 'http-url', detail: 'www.example.org' } });
    expect(checkDraft({ ...filled, exampleUrls: 'https://ok.example/a\nnot a url' })).toEqual({ exampleUrls: { kind: 'url', detail: 'not a url' } });
    expect(checkDraft({ ...filled, format: 'Other (describe below)' })).toEqual({ formatOther: { kind: 'other-format' } });
    expect(checkDraft(filled)).toEqual({});
  });

  it('sends the form as the service takes it: trimmed, example URLs one a line, no authorization as null', () => {
    const body = toRequestBody(filled);
    expect(body.name).toBe('NOAA OISST');
    expect(body.exampleUrls).toEqual(['https://x.example/a.nc', 's3://bucket/b.nc']);
    expect(body.authorization).toBeNull();
    expect(body).not.toHaveProperty('formatOther');
    expect(toRequestBody({ ...filled, format: 'Other (describe below)', formatOther: ' ASCII ' }).formatOther).toBe('ASCII');
    expect(exampleLines(' \n a \n')).toEqual(['a']);
  });

  it("maps the service's field to the form's", () => {
    expect(fieldOfError('body/license')).toBe('license');
    expect(fieldOfError('body/exampleUrls/2')).toBe('exampleUrls');
    expect(fieldOfError('querystring/all')).toBeNull();
    expect(fieldOfError('body/requester')).toBeNull();
    expect(fieldOfError(undefined)).toBeNull();
  });

  it('searches SPDX licenses by id and name, id prefixes first', () => {
    const licenses = [
      { id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International' },
      { id: 'CC-BY-SA-4.0', name: 'Creative Commons Attribution Share Alike 4.0 International' },
      { id: 'MIT', name: 'MIT License' },
      { id: 'ODC-By-1.0', name: 'Open Data Commons Attribution License v1.0' }
    ];
    expect(filterLicenses(licenses, 'cc-by').map(l => l.id)).toEqual(['CC-BY-4.0', 'CC-BY-SA-4.0']);
    expect(filterLicenses(licenses, 'attribution share').map(l => l.id)).toEqual(['CC-BY-SA-4.0']);
    expect(filterLicenses(licenses, 'attribution', 2).map(l => l.id)).toEqual(['CC-BY-4.0', 'ODC-By-1.0']);
    expect(filterLicenses(licenses, '  ')).toEqual([]);
  });

  it('keeps the draft across a reload, ignoring a stored value of the wrong shape', () => {
    const storage = new MemoryStorage();
    expect(loadDraft(storage)).toEqual(EMPTY_DRAFT);
    saveDraft(storage, filled);
    expect(loadDraft(storage)).toEqual(filled);
    storage.setItem(DRAFT_KEY, JSON.stringify({ name: 'kept', license: 42, extra: 'dropped' }));
    expect(loadDraft(storage)).toEqual({ ...EMPTY_DRAFT, name: 'kept' });
    storage.setItem(DRAFT_KEY, '{not json');
    expect(loadDraft(storage)).toEqual(EMPTY_DRAFT);
  });
});
