import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QueryError } from '../src/catalog/index/catalog-index.js';
import { loadIndex, type IndexRecord } from '../src/catalog/index/build.js';

const record = (id: string, title: string, more: Partial<IndexRecord> = {}): IndexRecord => ({
  id,
  title,
  description: '',
  tags: [],
  license: null,
  providers: [],
  source: 'hand',
  formats: ['zarr'],
  public: true,
  attributes: {},
  search: id,
  ...more
});

// A catalog small enough to count by hand.
const index = loadIndex([
  record('h:sst', 'Sea Surface Temperature', { tags: ['ocean'], license: 'CC-BY-4.0', providers: ['NOAA'] }),
  record('h:ocean-heat', 'Ocean Heat Content', {
    tags: ['ocean', 'temperature'],
    license: 'CC-BY-4.0',
    description: 'Integrated ocean temperature.'
  }),
  record('h:era5', 'ERA5 Reanalysis', {
    tags: ['atmosphere'],
    license: 'Apache-2.0',
    description: 'Air temperature and wind.',
    providers: ['ECMWF'],
    formats: ['zarr', 'netcdf'],
    public: false
  }),
  record('h:precip', 'Global Precipitation', { tags: ['atmosphere', 'rain'], license: 'custom', formats: ['netcdf'] }),
  record('h:tas-a', 'Model A tas', { attributes: { source_id: 'A', variable_id: 'tas' }, license: 'CC-BY-4.0' }),
  record('h:tas-b', 'Model B tas', { attributes: { source_id: 'B', variable_id: 'tas' }, license: 'CC-BY-4.0' }),
  record('h:pr-a', 'Model A pr', { attributes: { source_id: 'A', variable_id: 'pr' }, public: false })
]);

const facet = (result: ReturnType<typeof index.search>, name: string) =>
  Object.fromEntries((result.facets.find((f) => f.name === name)?.values ?? []).map((v) => [v.value, v.count]));

describe('catalog search index', () => {
  it('ranks title hits above tag hits above description hits', () => {
    const result = index.search({ q: 'temperature' });
    assert.deepEqual(result.ids, ['h:sst', 'h:ocean-heat', 'h:era5']);
    assert.equal(result.total, 3);
  });

  it('matches the last token as a prefix while typing, and every token (AND)', () => {
    assert.deepEqual(index.search({ q: 'temp' }).ids, ['h:sst', 'h:ocean-heat', 'h:era5']);
    assert.deepEqual(index.search({ q: 'ocean temp' }).ids, ['h:ocean-heat', 'h:sst']);
    assert.deepEqual(index.search({ q: 'temp ' }).ids, [], 'a finished word is matched whole');
    assert.deepEqual(index.search({ q: 'precip' }).ids, ['h:precip']);
    assert.equal(index.search({ q: 'nothing-like-this' }).total, 0);
  });

  it('finds attribute values and ids as text', () => {
    assert.deepEqual(index.search({ q: 'tas', sort: 'title' }).ids, ['h:tas-a', 'h:tas-b']);
    assert.deepEqual(index.search({ q: 'era5' }).ids, ['h:era5']);
  });

  it('ORs the values of one facet and ANDs facets', () => {
    const or = index.search({ filter: ['license:CC-BY-4.0', 'license:Apache-2.0'], sort: 'title' });
    assert.deepEqual(or.ids, ['h:era5', 'h:tas-a', 'h:tas-b', 'h:ocean-heat', 'h:sst']);
    const and = index.search({ filter: ['license:CC-BY-4.0', 'tag:ocean'], sort: 'title' });
    assert.deepEqual(and.ids, ['h:ocean-heat', 'h:sst']);
    const attributes = index.search({ filter: ['source_id:A', 'variable_id:tas'] });
    assert.deepEqual(attributes.ids, ['h:tas-a']);
    assert.equal(index.search({ filter: ['tag:no-such-tag'] }).total, 0);
  });

  it('counts each facet over the result with its own filter removed', () => {
    const result = index.search({ filter: ['license:CC-BY-4.0', 'access:public'] });
    assert.equal(result.total, 4); // sst, ocean-heat, tas-a, tas-b
    // license counts: public datasets of any license: sst, ocean-heat, tas-a, tas-b (CC-BY), precip (custom)
    assert.deepEqual(facet(result, 'license'), { 'CC-BY-4.0': 4, custom: 1 });
    // access counts: CC-BY datasets of any access: the four public ones; none private
    assert.deepEqual(facet(result, 'access'), { public: 4 });
    assert.deepEqual(facet(result, 'tag'), { ocean: 2, temperature: 1 });
    assert.deepEqual(facet(result, 'source_id'), { A: 1, B: 1 });
    assert.deepEqual(facet(result, 'format'), { zarr: 4 });
    const withText = index.search({ q: 'model', filter: ['variable_id:tas'] });
    assert.deepEqual(facet(withText, 'variable_id'), { tas: 2, pr: 1 });
    assert.deepEqual(facet(withText, 'source_id'), { A: 1, B: 1 });
  });

  it('lists the facets: built-ins, then attribute keys; most frequent value first; selected values always', () => {
    const all = index.search({});
    assert.deepEqual(
      all.facets.map((f) => f.name),
      ['tag', 'license', 'provider', 'source', 'format', 'access', 'source_id', 'variable_id']
    );
    assert.deepEqual(all.facets.find((f) => f.name === 'license')?.values[0], { value: 'CC-BY-4.0', count: 4 });
    const selected = index.search({ q: 'ocean', filter: ['tag:rain'] });
    assert.deepEqual(facet(selected, 'tag'), { ocean: 2, temperature: 1, rain: 0 });
    assert.deepEqual(index.search({ facets: ['access'] }).facets.map((f) => f.name), ['access']);
    assert.deepEqual(index.search({ facets: ['source_id', 'tag', 'tag'] }).facets.map((f) => f.name), ['source_id', 'tag']);
    assert.deepEqual(index.search({ facets: [''] }).facets, []);
    assert.throws(() => index.search({ facets: ['tag', 'colour'] }), (error: unknown) => {
      assert.ok(error instanceof QueryError);
      assert.equal(error.field, 'querystring/facets');
      assert.match(error.message, /Unknown facet "colour"/);
      return true;
    });
  });

  it('pages stably: the pages of one order concatenate to the whole order', () => {
    for (const sort of ['title', 'relevance'] as const) {
      for (const q of ['', 'a', 'temperature']) {
        const whole = index.search({ q, sort, limit: 200 }).ids;
        const paged: string[] = [];
        for (let offset = 0; offset < whole.length + 2; offset += 2) {
          paged.push(...index.search({ q, sort, offset, limit: 2 }).ids);
        }
        assert.deepEqual(paged, whole, `${sort} "${q}"`);
        assert.deepEqual(index.search({ q, sort, limit: 200 }).ids, whole, 'same query, same order');
      }
    }
    assert.deepEqual(index.search({ offset: 100 }).ids, []);
  });

  it('rejects an unknown facet, naming the filter', () => {
    assert.throws(() => index.search({ filter: ['colour:red'] }), (error: unknown) => {
      assert.ok(error instanceof QueryError);
      assert.equal(error.field, 'querystring/filter');
      assert.match(error.message, /Unknown facet "colour"/);
      return true;
    });
  });

  it('an empty index answers with nothing', () => {
    const empty = loadIndex([]);
    assert.deepEqual(empty.search({ q: 'x' }), { total: 0, offset: 0, ids: [], facets: [] });
  });
});
