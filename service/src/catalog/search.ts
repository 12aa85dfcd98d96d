import type { SearchQuery, SearchResult } from '../api/catalog-schemas.js';
import type { Queryable } from '../db/database.js';
import type { CatalogIndex } from './index/catalog-index.js';
import { summariesOf } from './read.js';

/** A search over the in-memory index, the page's summaries read from the database. */
export async function searchCatalog(db: Queryable, index: CatalogIndex, query: SearchQuery): Promise<SearchResult> {
  const found = index.search(query);
  return {
    total: found.total,
    offset: found.offset,
    items: await summariesOf(db, found.ids),
    facets: found.facets
  };
}
