import {
  activeFilterCount,
  clearFilters,
  EMPTY_QUERY,
  filterList,
  isActive,
  parseFilters,
  queryKey,
  toggleFilter,
  toSearchParams
} from '../query';

describe('query state ↔ API parameters', () => {
  it('leaves out what is not asked', () => {
    expect(toSearchParams(EMPTY_QUERY)).toEqual({
      q: undefined,
      filter: undefined,
      sort: undefined,
      offset: 0,
      limit: 50
    });
  });

  it('trims the text, repeats filter as facet:value, passes paging', () => {
    let state = { ...EMPTY_QUERY, q: '  sea surface  ' };
    state = toggleFilter(state, 'tag', 'zarr');
    state = toggleFilter(state, 'license', 'CC-BY-4.0');
    state = toggleFilter(state, 'tag', 'ocean');
    expect(toSearchParams(state, 100, 100)).toEqual({
      q: 'sea surface',
      filter: ['license:CC-BY-4.0', 'tag:ocean', 'tag:zarr'],
      sort: undefined,
      offset: 100,
      limit: 100
    });
  });

  it('asks for every facet by default, the named ones, or none', () => {
    expect(toSearchParams(EMPTY_QUERY)).not.toHaveProperty('facets');
    expect(toSearchParams(EMPTY_QUERY, 0, 50, ['tag', 'source_id', 'tag']).facets).toEqual(['tag', 'source_id']);
    expect(toSearchParams(EMPTY_QUERY, 100, 100, []).facets).toEqual(['']);
    expect(toSearchParams(EMPTY_QUERY, 0, 50, ['Bad-Name', 'license']).facets).toEqual(['license']);
    expect(toSearchParams(EMPTY_QUERY, 0, 50, ['Bad-Name']).facets).toEqual(['']);
  });

  it('keeps offset and limit inside what the API accepts', () => {
    const params = toSearchParams(EMPTY_QUERY, -5, 10_000);
    expect(params.offset).toBe(0);
    expect(params.limit).toBe(200);
    expect(toSearchParams(EMPTY_QUERY, 0, 0).limit).toBe(1);
    expect(toSearchParams({ ...EMPTY_QUERY, sort: 'title' }).sort).toBe('title');
    expect((toSearchParams({ ...EMPTY_QUERY, q: 'x'.repeat(900) }).q as string).length).toBe(500);
  });

  it('drops facet names the API would refuse, and empty values', () => {
    expect(filterList({ 'Bad-Name': ['x'], tag: ['', 'a', 'a'] })).toEqual(['tag:a']);
  });

  it('parses filters back, values may hold colons', () => {
    expect(parseFilters(['tag:a', 'tag:b', 'source_id:CESM2', 'link:https://x', 'bad', ':x', 'tag:'])).toEqual({
      tag: ['a', 'b'],
      source_id: ['CESM2'],
      link: ['https://x']
    });
    let state = toggleFilter(EMPTY_QUERY, 'experiment_id', 'ssp585');
    state = toggleFilter(state, 'tag', 'a:b');
    expect(parseFilters(filterList(state.filters))).toEqual(state.filters);
  });

  it('toggles values on and off, counts and clears them', () => {
    let state = toggleFilter(EMPTY_QUERY, 'tag', 'zarr');
    state = toggleFilter(state, 'format', 'zarr');
    expect(isActive(state, 'tag', 'zarr')).toBe(true);
    expect(activeFilterCount(state)).toBe(2);
    state = toggleFilter(state, 'tag', 'zarr');
    expect(isActive(state, 'tag', 'zarr')).toBe(false);
    expect(state.filters).toEqual({ format: ['zarr'] });
    expect(clearFilters(state).filters).toEqual({});
    expect(EMPTY_QUERY.filters).toEqual({});
  });

  it('gives equal keys to states that ask the same', () => {
    const a = toggleFilter(toggleFilter({ ...EMPTY_QUERY, q: 'sst ' }, 'tag', 'b'), 'tag', 'a');
    const b = toggleFilter(toggleFilter({ ...EMPTY_QUERY, q: 'sst' }, 'tag', 'a'), 'tag', 'b');
    expect(queryKey(a)).toBe(queryKey(b));
    expect(queryKey(a)).not.toBe(queryKey({ ...b, sort: 'title' }));
  });
});
