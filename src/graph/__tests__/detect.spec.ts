import { detectDatasets, ICellSource, readStringLiterals } from '../detect';

/** A notebook as nbformat writes it: sources as lists of lines. */
function notebook(...cells: [string, string][]): ICellSource[] {
  return cells.map(([cell_type, text]) => ({
    cell_type,
    source: text.split(/(?<=\n)/)
  }));
}

describe('dataset detection in a notebook', () => {
  it('finds store URLs in opening calls and plain literals, ids, each once with its place', () => {
    const cells = notebook(
      ['markdown', '# SST\nWe read `gs://not/code.zarr` in prose'],
      [
        'code',
        [
          'import xarray as xr',
          'ds = xr.open_zarr("gs://leap-persistent/data/sst.zarr", consolidated=True)',
          "other = xr.open_dataset('https://ncsa.osn.xsede.org/Pangeo/pangeo-forge/gpcp', engine='zarr')",
          'mapper = fsspec.get_mapper(r"s3://bucket/path/era5.zarr")',
          'ID = "leap:sst-feedstock"'
        ].join('\n')
      ],
      [
        'code',
        'again = xr.open_zarr("gs://leap-persistent/data/sst.zarr")\nurl = """https://example.org/data/ocean.nc"""'
      ]
    );
    expect(detectDatasets(cells)).toEqual([
      { kind: 'url', value: 'gs://leap-persistent/data/sst.zarr', call: 'xr.open_zarr', cell: 1, line: 2 },
      {
        kind: 'url',
        value: 'https://ncsa.osn.xsede.org/Pangeo/pangeo-forge/gpcp',
        call: 'xr.open_dataset',
        cell: 1,
        line: 3
      },
      { kind: 'url', value: 's3://bucket/path/era5.zarr', call: 'fsspec.get_mapper', cell: 1, line: 4 },
      { kind: 'id', value: 'leap:sst-feedstock', call: null, cell: 1, line: 5 },
      { kind: 'url', value: 'https://example.org/data/ocean.nc', call: null, cell: 2, line: 2 }
    ]);
  });

  it('leaves out comments, markdown, web links that are not stores, f-strings with placeholders and bytes', () => {
    const cells = notebook(
      [
        'code',
        [
          '# ds = xr.open_zarr("gs://commented/out.zarr")',
          'print("see https://docs.xarray.dev/en/stable/ for help")',
          'requests.get("https://example.org/api/items")',
          'path = f"gs://bucket/{name}.zarr"',
          'raw = b"gs://bytes/not-a-string.zarr"',
          'label = "time: mean"',
          'x = 1  # "s3://in/a/comment.zarr"'
        ].join('\n')
      ],
      ['raw', 'ds = xr.open_zarr("gs://raw/cell.zarr")']
    );
    expect(detectDatasets(cells)).toEqual([]);
  });

  it('reads an f-string without placeholders and an http URL given to an opening call', () => {
    const cells = notebook([
      'code',
      'ds = xr.open_dataset(f"https://thredds.example.org/dodsC/sst", chunks={})\nz = f"gs://b/{{literal}}.zarr"'
    ]);
    expect(detectDatasets(cells).map(r => [r.kind, r.value, r.call])).toEqual([
      ['url', 'https://thredds.example.org/dodsC/sst', 'xr.open_dataset'],
      ['url', 'gs://b/{literal}.zarr', null]
    ]);
  });

  it('takes the keys of an intake catalog as ids, not every subscript', () => {
    const cells = notebook(
      ['code', 'import intake\ncat = intake.open_esm_datastore("https://storage.googleapis.com/cmip6/pangeo-cmip6.json")'],
      [
        'code',
        [
          'ds = cat["CMIP.NOAA-GFDL.GFDL-ESM4.historical.r1i1p1f1.Omon.tos.gn"].to_dask()',
          'sst = ds["tos"]',
          "legacy = cat['ocean model output'].read()"
        ].join('\n')
      ]
    );
    expect(detectDatasets(cells)).toEqual([
      {
        kind: 'url',
        value: 'https://storage.googleapis.com/cmip6/pangeo-cmip6.json',
        call: 'intake.open_esm_datastore',
        cell: 0,
        line: 2
      },
      {
        kind: 'id',
        value: 'CMIP.NOAA-GFDL.GFDL-ESM4.historical.r1i1p1f1.Omon.tos.gn',
        call: null,
        cell: 1,
        line: 1
      }
    ]);
  });
});

describe('Python string literals', () => {
  it('reads quotes, triple quotes over lines, escapes and raw strings with their call', () => {
    const source = [
      'f(a, "one", \'two\')',
      'g.h(x["key"], """three',
      'lines""")',
      's = "say \\"hi\\"\\n"',
      "r = r'C:\\path'"
    ].join('\n');
    expect(readStringLiterals(source)).toEqual([
      { value: 'one', line: 1, call: 'f', subscriptOf: null },
      { value: 'two', line: 1, call: 'f', subscriptOf: null },
      { value: 'key', line: 2, call: null, subscriptOf: 'x' },
      { value: 'three\nlines', line: 2, call: 'g.h', subscriptOf: null },
      { value: 'say "hi"\n', line: 4, call: null, subscriptOf: null },
      { value: 'C:\\path', line: 5, call: null, subscriptOf: null }
    ]);
  });

  it('drops an unterminated string at its line end and keeps reading', () => {
    expect(readStringLiterals('a = "broken\nb = open_zarr("gs://x/y.zarr")').map(l => [l.value, l.line, l.call])).toEqual([
      ['gs://x/y.zarr', 2, 'open_zarr']
    ]);
  });

  it('does not take an identifier ending in r/b/f before a quote as a prefix', () => {
    expect(readStringLiterals('buffer"x"').map(l => l.value)).toEqual(['x']);
  });
});
