import type { LeapApiClient } from '../api';

/**
 * What the user asked the data library for: free text, the chosen facet
 * values (OR within a facet, AND across facets) and the sort order.
 */
export interface IQueryState {
  readonly q: string;
  readonly filters: Readonly<Record<string, ReadonlyArray<string>>>;
  readonly sort: 'relevance' | 'title';
}

export const EMPTY_QUERY: IQueryState = { q: '', filters: {}, sort: 'relevance' };

/**
 * The longest free text the API accepts (SearchQuery.q maxLength).
 */
export const MAX_QUERY_LENGTH = 500;

/**
 * The most results one API call returns (SearchQuery.limit maximum).
 */
export const MAX_PAGE_SIZE = 200;

/**
 * The query parameters of `GET /api/catalog/search` for a state and a page.
 * Filters are `facet:value`, facets and values in a stable (sorted) order so
 * that equal states give equal URLs.
 *
 * `facets` are the facets to count: left out (undefined) the service counts
 * every facet of the catalog (built-in ones and each source's columns, what
 * the panel shows); an empty list counts none (`facets=`, for later pages,
 * whose facets the panel does not use); names the API would refuse are
 * dropped.
 */
export function toSearchParams(
  state: IQueryState,
  offset = 0,
  limit = 50,
  facets?: ReadonlyArray<string>
): LeapApiClient.Query {
  const q = state.q.trim().slice(0, MAX_QUERY_LENGTH);
  const filter = filterList(state.filters);
  const params: LeapApiClient.Query = {
    q: q || undefined,
    filter: filter.length ? filter : undefined,
    sort: state.sort === 'relevance' ? undefined : state.sort,
    offset: Math.max(0, Math.floor(offset)),
    limit: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)))
  };
  if (facets !== undefined) {
    const names = Array.from(new Set(facets.filter(name => /^[a-z_]+$/.test(name))));
    params.facets = names.length ? names : [''];
  }
  return params;
}

/**
 * `facet:value` strings for the filters, sorted by facet then value; facet
 * names that the API would refuse (not `[a-z_]+`) and empty values are left out.
 */
export function filterList(
  filters: IQueryState['filters']
): string[] {
  const out: string[] = [];
  for (const name of Object.keys(filters).sort()) {
    if (!/^[a-z_]+$/.test(name)) {
      continue;
    }
    const values = Array.from(new Set(filters[name])).filter(v => v !== '').sort();
    values.forEach(value => out.push(`${name}:${value}`));
  }
  return out;
}

/**
 * The filters back from `facet:value` strings (the value may contain ':').
 */
export function parseFilters(
  list: ReadonlyArray<string>
): Record<string, string[]> {
  const filters: Record<string, string[]> = {};
  for (const item of list) {
    const at = item.indexOf(':');
    if (at <= 0 || at === item.length - 1) {
      continue;
    }
    const name = item.slice(0, at);
    const value = item.slice(at + 1);
    const values = (filters[name] ??= []);
    if (!values.includes(value)) {
      values.push(value);
    }
  }
  return filters;
}

/**
 * The state with a facet value switched on or off.
 */
export function toggleFilter(
  state: IQueryState,
  name: string,
  value: string
): IQueryState {
  const current = state.filters[name] ?? [];
  const values = current.includes(value)
    ? current.filter(v => v !== value)
    : [...current, value];
  const filters: Record<string, ReadonlyArray<string>> = { ...state.filters };
  if (values.length) {
    filters[name] = values;
  } else {
    delete filters[name];
  }
  return { ...state, filters };
}

export function isActive(state: IQueryState, name: string, value: string): boolean {
  return (state.filters[name] ?? []).includes(value);
}

/**
 * How many facet values are chosen.
 */
export function activeFilterCount(state: IQueryState): number {
  return Object.values(state.filters).reduce((n, values) => n + values.length, 0);
}

export function clearFilters(state: IQueryState): IQueryState {
  return { ...state, filters: {} };
}

/**
 * A key that is equal for states that ask the API the same thing.
 */
export function queryKey(state: IQueryState): string {
  return JSON.stringify([state.q.trim(), filterList(state.filters), state.sort]);
}
