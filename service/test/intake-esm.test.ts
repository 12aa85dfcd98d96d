import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { COLUMNS, writeCatalog } from '../bench/generate-cmip6.js';
import { buildIndex } from '../src/catalog/index/build.js';
import { csvRecords } from '../src/catalog/intake-esm/csv.js';
import { DescriptorError, parseDescriptor } from '../src/catalog/intake-esm/descriptor.js';
import { importIntakeEsm } from '../src/catalog/intake-esm/import.js';
import { datasetDetail } from '../src/catalog/read.js';
import { readSource, resolveLocation } from '../src/catalog/read-source.js';
import { addSource, refreshSource } from '../src/catalog/sources.js';
import type { ImportedCatalog, ImportedDataset, SourceInput } from '../src/catalog/types.js';
import type { Database } from '../src/db/database.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

const ROWS = 2000;

/** Every dataset of an import (batches or array). */
async function all(catalog: ImportedCatalog): Promise<ImportedDataset[]> {
  if (Array.isArray(catalog.datasets)) return catalog.datasets;
  const out: ImportedDataset[] = [];
  for await (const batch of catalog.datasets) out.push(...batch);
  return out;
}

const input = async (location: string): Promise<SourceInput> => ({
  location,
  body: await readFile(location),
  read: (other) => readSource(resolveLocation(location, other))
});

/** Counts of each value of `column` in a CSV (the generator writes no quotes). */
async function csvCounts(csvGz: string, column: string): Promise<Map<string, number>> {
  const { gunzipSync } = await import('node:zlib');
  const lines = gunzipSync(await readFile(csvGz)).toString('utf8').trim().split('\n');
  const at = lines[0].split(',').indexOf(column);
  const counts = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const value = line.split(',')[at];
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

describe('intake-esm CSV reader', () => {
  const records = async (chunks: string[]) => {
    const out: string[][] = [];
    for await (const batch of csvRecords((async function* () { yield* chunks.map((c) => Buffer.from(c)); })())) out.push(...batch);
    return out;
  };

  it('reads quoted fields, doubled quotes, newlines in quotes, CRLF and a BOM, across chunk edges', async () => {
    const text = '\ufeffa,b,c\r\n"x, y","say ""hi""",z\r\n"multi\nline",,last\nno,newline,"at end"';
    const expected = [
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'z'],
      ['multi\nline', '', 'last'],
      ['no', 'newline', 'at end']
    ];
    assert.deepEqual(await records([text]), expected);
    for (let cut = 1; cut < text.length; cut += 3) {
      assert.deepEqual(await records([text.slice(0, cut), text.slice(cut)]), expected, `cut at ${cut}`);
    }
  });

  it('says so when the file ends inside quotes', async () => {
    await assert.rejects(records(['a,b\n"open,x\n']), /ends inside a quoted field/);
  });
});

describe('intake-esm descriptor errors name the field', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(tmpdir(), 'leap-esm-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  const base = {
    esmcat_version: '0.1.0',
    attributes: [{ column_name: 'source_id' }, { column_name: 'variable_id' }],
    assets: { column_name: 'zstore', format: 'zarr' },
    catalog_file: 'rows.csv'
  };

  it('rejects a descriptor without catalog_file, attributes or assets, or with a bad format', () => {
    const { catalog_file: _, ...noFile } = base;
    assert.throws(() => parseDescriptor(JSON.stringify(noFile)), /catalog_file is missing/);
    assert.throws(() => parseDescriptor(JSON.stringify({ ...base, attributes: undefined })), /attributes is missing/);
    assert.throws(() => parseDescriptor(JSON.stringify({ ...base, attributes: [{}] })), /attributes\[0\]\.column_name is missing/);
    assert.throws(() => parseDescriptor(JSON.stringify({ ...base, assets: { format: 'zarr' } })), /assets\.column_name is missing/);
    assert.throws(() => parseDescriptor(JSON.stringify({ ...base, assets: { column_name: 'zstore', format: 'tiff' } })), /assets\.format "tiff"/);
    assert.throws(() => parseDescriptor('{not json'), (e: Error) => e instanceof DescriptorError && /not valid JSON/.test(e.message));
  });

  it('names an assets or attributes column the CSV does not have, and a CSV that cannot be read', async () => {
    await writeFile(path.join(dir, 'rows.csv'), 'source_id,variable_id,url\nCESM2,tas,gs://b/x.zarr\n');
    const write = async (name: string, body: unknown) => {
      const file = path.join(dir, name);
      await writeFile(file, JSON.stringify(body));
      return file;
    };
    await assert.rejects(importIntakeEsm(await input(await write('a.json', base))), /assets\.column_name "zstore" is not a column of .*rows\.csv \(columns: source_id, variable_id, url\)/);
    await assert.rejects(
      importIntakeEsm(await input(await write('b.json', { ...base, assets: { column_name: 'url', format: 'zarr' }, attributes: [{ column_name: 'member_id' }] }))),
      /attributes column_name "member_id" is not a column/
    );
    await assert.rejects(importIntakeEsm(await input(await write('c.json', { ...base, catalog_file: 'missing.csv' }))), /catalog_file missing\.csv cannot be read: .*ENOENT/);
  });

  it('reports bad rows by number and keeps going; reads an inline catalog_dict', async () => {
    await writeFile(
      path.join(dir, 'bad.csv'),
      'source_id,variable_id,zstore\nCESM2,tas,gs://b/1.zarr\nCESM2,pr\nCESM2,tos,\n"GFDL-CM4","a,b",gs://b/2.zarr\nCESM2,tas,gs://b/3.zarr\n'
    );
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ ...base, catalog_file: 'bad.csv' }));
    const catalog = await importIntakeEsm(await input(file));
    const datasets = await all(catalog);
    assert.deepEqual(datasets.map((d) => d.id), ['CESM2.tas', 'GFDL-CM4.a-b', 'CESM2.tas-2']);
    assert.deepEqual(catalog.skipped, [
      { id: 'row 2', reason: 'has 2 fields, the header has 3' },
      { id: 'row 3', reason: 'no zstore (the asset column) value' }
    ]);
    assert.deepEqual(catalog.warnings, [{ id: 'row 5', reason: 'same attribute values as an earlier row: served as CESM2.tas-2' }]);
    assert.deepEqual(datasets[1].attributes, { source_id: 'GFDL-CM4', variable_id: 'a,b' });

    const inline = path.join(dir, 'inline.json');
    const { catalog_file: _, ...noFile } = base;
    await writeFile(inline, JSON.stringify({ ...noFile, catalog_dict: [{ source_id: 'CESM2', variable_id: 'tas', zstore: 's3://b/x.zarr' }] }));
    const [one] = await all(await importIntakeEsm(await input(inline)));
    assert.equal(one.id, 'CESM2.tas');
    assert.equal(one.stores[0].url, 's3://b/x.zarr');
  });
});

for (const variant of variants()) {
  describe(`intake-esm round trip on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    let dir: string;
    let gz: { descriptorPath: string; csvPath: string };
    let plain: { descriptorPath: string; csvPath: string };

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      dir = await mkdtemp(path.join(tmpdir(), 'leap-esm-'));
      gz = await writeCatalog(dir, { rows: ROWS, seed: 7, gzip: true, name: 'cmip6-gz' });
      plain = await writeCatalog(dir, { rows: ROWS, seed: 7, gzip: false, name: 'cmip6-plain' });
    });
    after(async () => {
      await testDb?.cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it(`imports ${ROWS} generated rows from a .csv.gz: one dataset and one zarr store per row`, async () => {
      const source = await addSource(db, { url: gz.descriptorPath, name: 'CMIP6 gz' });
      assert.equal(source.kind, 'intake-esm', 'kind detected from the descriptor');
      const report = source.lastRefresh;
      assert.ok(report !== null);
      assert.equal(report.status, 'ok', report.error);
      assert.equal(report.datasets, ROWS);
      assert.equal(report.stores, ROWS);
      assert.deepEqual(report.skipped, []);

      const { gunzipSync } = await import('node:zlib');
      const version = gunzipSync(await readFile(gz.csvPath)).toString().split('\n')[1].split(',')[10];
      const date = `${version.slice(0, 4)}-${version.slice(4, 6)}-${version.slice(6)}`;
      const [first] = await db.query<{ id: string }>('SELECT id FROM datasets WHERE source_id = $1 AND position = 0', [source.id]);
      assert.equal(first.id, `${source.id}:CMIP.NCAR.CESM2.historical.r1i1p1f1.Amon.tas.gn.${version}`);
      const detail = await datasetDetail(db, first.id);
      assert.ok(detail !== null);
      assert.equal(detail.title, 'CESM2 historical r1i1p1f1 Amon tas');
      assert.deepEqual(Object.keys(detail.attributes).sort(), COLUMNS.filter((c) => c !== 'zstore' && c !== 'dcpp_init_year').sort());
      const [store] = detail.stores;
      assert.equal(store.url, `gs://cmip6/CMIP6/CMIP/NCAR/CESM2/historical/r1i1p1f1/Amon/tas/gn/v${version}/`);
      assert.equal(store.httpsUrl, `https://storage.googleapis.com/cmip6/CMIP6/CMIP/NCAR/CESM2/historical/r1i1p1f1/Amon/tas/gn/v${version}/`);
      assert.equal(store.format, 'zarr');
      assert.equal(store.public, true);
      assert.deepEqual(store.openKwargs, { engine: 'zarr', consolidated: true });
      assert.equal(store.lastUpdated, date);
      assert.match(store.snippet, /xr\.open_dataset\("gs:\/\/cmip6\/CMIP6\/CMIP\/NCAR\/CESM2\/.*", engine="zarr", consolidated=True, chunks=\{\}\)/);
    });

    it('the plain CSV gives the same datasets; a re-import replaces, never duplicates', async () => {
      const source = await addSource(db, { url: plain.descriptorPath, kind: 'intake-esm', name: 'CMIP6 plain' });
      assert.equal(source.lastRefresh?.datasets, ROWS);
      const ids = async (sourceId: string) =>
        (await db.query<{ id: string }>('SELECT id FROM datasets WHERE source_id = $1 ORDER BY position', [sourceId])).map((r) =>
          r.id.slice(sourceId.length + 1)
        );
      const [gzSource] = await db.query<{ id: string }>("SELECT id FROM catalog_sources WHERE name = 'CMIP6 gz'");
      assert.deepEqual(await ids(source.id), await ids(gzSource.id));
      const again = await refreshSource(db, source.id);
      assert.equal(again.lastRefresh?.status, 'ok');
      const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM datasets WHERE source_id = $1', [source.id]);
      assert.equal(count, ROWS);
    });

    it('the descriptor columns are facets with the right counts, filterable with text search', async () => {
      const { index } = await buildIndex(db);
      const sourceFilter = 'source:CMIP6 gz';
      const result = index.search({ filter: [sourceFilter], facets: ['source_id', 'variable_id', 'table_id', 'experiment_id', 'member_id'], limit: 5 });
      assert.equal(result.total, ROWS);
      const expected = await csvCounts(gz.csvPath, 'source_id');
      const facet = result.facets.find((f) => f.name === 'source_id');
      assert.ok(facet !== undefined);
      for (const { value, count } of facet.values) {
        assert.equal(count, expected.get(value), `source_id ${value}`);
      }
      assert.equal(facet.values[0].value, [...expected.entries()].sort((a, b) => b[1] - a[1])[0][0], 'most frequent first');

      const tas = index.search({ q: 'tas', filter: [sourceFilter, 'experiment_id:historical', 'table_id:Amon'], facets: ['variable_id'] });
      const lines = (await import('node:zlib')).gunzipSync(await readFile(gz.csvPath)).toString().trim().split('\n').slice(1);
      const want = lines.filter((line) => {
        const f = line.split(',');
        return f[3] === 'historical' && f[5] === 'Amon' && /(^|[^a-z0-9])tas/i.test(f.slice(0, 8).join(' '));
      }).length;
      assert.ok(want > 0);
      assert.equal(tas.total, want);
      assert.ok(tas.facets[0].values.every((v) => v.value.toLowerCase().startsWith('tas')));
    });

    it('a broken CSV later fails the refresh and leaves the previous version served', async () => {
      const source = await addSource(db, { url: plain.descriptorPath, kind: 'intake-esm', name: 'CMIP6 broken later' });
      await writeFile(plain.csvPath, gzipSync('not,the,header\n'));
      const failed = await refreshSource(db, source.id);
      assert.equal(failed.lastRefresh?.status, 'failed');
      assert.match(failed.lastRefresh?.error ?? '', /assets\.column_name "zstore" is not a column/);
      assert.equal(failed.lastRefresh?.datasets, ROWS);
    });
  });
}
