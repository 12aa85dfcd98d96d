import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind } from '../src/catalog/detect-kind.js';
import { slug, UniqueIds } from '../src/catalog/ids.js';
import { licenseFacet, normalizeLicense, spdxOf } from '../src/catalog/license.js';
import { summaryOf } from '../src/catalog/read.js';
import { openSnippet, pythonString } from '../src/catalog/snippet.js';
import { formatOf, httpsUrlOf } from '../src/catalog/store-url.js';

describe('license normalization', () => {
  const table: [string, string | null][] = [
    ['CC-BY-4.0', 'CC-BY-4.0'],
    ['CC BY 4.0', 'CC-BY-4.0'],
    ['Creative Commons Attribution 4.0 (CC BY 4.0)', 'CC-BY-4.0'],
    ['Creative Commons Attribution 4.0 International', 'CC-BY-4.0'],
    ['Creative Commons Attribution 4.0 International (CC BY 4.0)', 'CC-BY-4.0'],
    ['Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International (CC BY-NC-ND 4.0)', 'CC-BY-NC-ND-4.0'],
    ['CC-BY-NC-4.0', 'CC-BY-NC-4.0'],
    ['cc-by-sa-4.0', 'CC-BY-SA-4.0'],
    ['NASA Open Data - Creative Commons Zero (CC0)', 'CC0-1.0'],
    ['Apache Version 2.0', 'Apache-2.0'],
    ['Apache-2.0', 'Apache-2.0'],
    ['Apache License, Version 2.0', 'Apache-2.0'],
    ['MIT', 'MIT'],
    // Ambiguous or not a license id: no SPDX.
    ['CC-BY', null],
    ['CC BY', null],
    ['CC 4.0', null],
    ['proprietary', null],
    ['Open Data', null],
    ['No constraints on data access or use.', null],
    ['https://doi.org/10.48670/moi-00168', null],
    ['Just a Test', null],
    ['unknown', null]
  ];
  for (const [text, spdx] of table) {
    it(`${JSON.stringify(text)} → ${spdx}`, () => assert.equal(spdxOf(text), spdx));
  }

  it('keeps the original text and link; the facet is the SPDX id, "custom" or null', () => {
    assert.deepEqual(normalizeLicense(' CC BY 4.0 ', 'https://x/l'), { spdx: 'CC-BY-4.0', text: 'CC BY 4.0', link: 'https://x/l' });
    assert.equal(licenseFacet(normalizeLicense('proprietary', null)), 'custom');
    assert.equal(licenseFacet(normalizeLicense('Unknown', null)), null);
    assert.equal(licenseFacet(normalizeLicense(null, null)), null);
    assert.deepEqual(normalizeLicense(42, ''), { spdx: null, text: null, link: null });
  });
});

describe('open snippet', () => {
  it('follows the open kwargs and adds chunks={}', () => {
    assert.equal(
      openSnippet('gs://bucket/a.zarr', 'zarr', { engine: 'zarr' }),
      'import xarray as xr\nds = xr.open_dataset("gs://bucket/a.zarr", engine="zarr", chunks={})'
    );
    assert.equal(
      openSnippet('gs://b/a.zarr', 'zarr', { engine: 'zarr', chunks: null, consolidated: true, decode_times: false }),
      'import xarray as xr\nds = xr.open_dataset("gs://b/a.zarr", engine="zarr", chunks=None, consolidated=True, decode_times=False)'
    );
  });

  it('opens a NetCDF file over HTTPS through fsspec with h5netcdf, even when the catalog says zarr', () => {
    assert.equal(
      openSnippet('https://h/x.nc', 'netcdf', { engine: 'zarr' }),
      'import fsspec\nimport xarray as xr\nds = xr.open_dataset(fsspec.open("https://h/x.nc").open(), engine="h5netcdf", chunks={})'
    );
  });

  it('escapes untrusted text: quotes, backslashes, newlines, non-ASCII; odd keys go through **{}', () => {
    assert.equal(pythonString('a"b\\c\nd'), '"a\\"b\\\\c\\nd"');
    assert.equal(pythonString('é\u2028😀\x00'), '"\\xe9\\u2028\\U0001f600\\x00"');
    const snippet = openSnippet('gs://b/x.zarr")\nimport os; os.system("rm -rf ~', 'zarr', {
      engine: 'zarr',
      'bad key': 1,
      'x=1)#': 'y',
      class: 'k',
      storage_options: { token: 'anon', "it's": ['"'] }
    });
    assert.equal(snippet.split('\n').length, 2, 'no injected line');
    assert.equal(
      snippet,
      'import xarray as xr\nds = xr.open_dataset("gs://b/x.zarr\\")\\nimport os; os.system(\\"rm -rf ~", engine="zarr", ' +
        'storage_options={"token": "anon", "it\'s": ["\\""]}, chunks={}, **{"bad key": 1, "x=1)#": "y", "class": "k"})'
    );
  });
});

describe('store URLs and formats', () => {
  it('maps gs:// to storage.googleapis.com, keeps https, maps s3:// only through a known OSN endpoint', () => {
    assert.equal(httpsUrlOf('gs://leap-persistent/a/b.zarr', {}), 'https://storage.googleapis.com/leap-persistent/a/b.zarr');
    assert.equal(httpsUrlOf('https://nyu1.osn.mghpcc.org/b/x.zarr', {}), 'https://nyu1.osn.mghpcc.org/b/x.zarr');
    assert.equal(httpsUrlOf('s3://carbonplan-data-viewer/x.zarr/', { engine: 'zarr' }), null);
    assert.equal(
      httpsUrlOf('s3://leap-pangeo/x.zarr', { storage_options: { client_kwargs: { endpoint_url: 'https://nyu1.osn.mghpcc.org/' } } }),
      'https://nyu1.osn.mghpcc.org/leap-pangeo/x.zarr'
    );
    assert.equal(httpsUrlOf('s3://b/x.zarr', { storage_options: { endpoint_url: 'https://evil.example' } }), null);
  });

  it('decides the format from the suffix, then the engine', () => {
    assert.equal(formatOf('gs://a/b.zarr', 'zarr'), 'zarr');
    assert.equal(formatOf('gs://a/b.zarr-v3', 'zarr'), 'zarr');
    assert.equal(formatOf('s3://a/b.zarr/', undefined), 'zarr');
    assert.equal(formatOf('https://a/b.nc', 'zarr'), 'netcdf');
    assert.equal(formatOf('gs://a/surface', 'zarr'), 'zarr');
    assert.equal(formatOf('gs://a/surface', undefined), 'unknown');
  });
});

describe('ids, kinds and summaries', () => {
  it('slugs and unique ids', () => {
    assert.equal(slug('  Überblick: Sea/Ice (v2) '), 'uberblick-sea-ice-v2');
    const ids = new UniqueIds();
    assert.deepEqual([ids.claim('a'), ids.claim('a'), ids.claim('a')], [
      { id: 'a', changed: false },
      { id: 'a-2', changed: true },
      { id: 'a-3', changed: true }
    ]);
  });

  it('detects the kind of a source from its content', () => {
    assert.equal(detectKind(Buffer.from('[{"title":"x","stores":[]}]')), 'leap-web-catalog');
    assert.equal(detectKind(Buffer.from('{"esmcat_version":"0.1.0","assets":{}}')), 'intake-esm');
    assert.equal(detectKind(Buffer.from('{"stac_version":"1.0.0","type":"Catalog"}')), 'stac');
    assert.equal(detectKind(Buffer.from('{"hello":1}')), null);
    assert.equal(detectKind(Buffer.from('not json')), null);
  });

  it('summarizes Markdown as plain text', () => {
    assert.equal(summaryOf('# Title\n\nSee [the *docs*](https://x) <b>now</b>'), 'Title See the docs now');
    assert.ok(summaryOf('word '.repeat(200)).endsWith('…'));
  });
});
