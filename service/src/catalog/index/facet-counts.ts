import type { Facet } from '../../api/catalog-schemas.js';
import type { FacetColumn } from './facet-column.js';

/** Values listed per facet; `more` says when there are others. */
export const MAX_FACET_VALUES = 50;

/** A facet being counted in one query: counts per value index, and the values its filter selects. */
export interface Counted {
  column: FacetColumn;
  counts: Uint32Array;
  selected: string[];
}

/**
 * Each facet's values, most frequent first (ties by value), at most MAX_FACET_VALUES of them, with
 * the values its filter selects always listed (count 0 when nothing has them); empty facets left out.
 */
export function facetsOf(counted: readonly Counted[]): Facet[] {
  const facets: Facet[] = [];
  for (const { column, counts, selected } of counted) {
    const present: number[] = [];
    for (let v = 0; v < counts.length; v++) {
      if (counts[v] > 0) present.push(v);
    }
    const { values } = column;
    present.sort((a, b) => counts[b] - counts[a] || (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
    const listed = present.slice(0, MAX_FACET_VALUES).map((v) => ({ value: values[v], count: counts[v] }));
    for (const value of selected) {
      if (!listed.some((item) => item.value === value)) {
        const index = column.lookup.get(value);
        listed.push({ value, count: index === undefined ? 0 : counts[index] });
      }
    }
    if (listed.length > 0) {
      facets.push({ name: column.name, values: listed, more: present.length > MAX_FACET_VALUES });
    }
  }
  return facets;
}
