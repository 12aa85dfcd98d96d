import type { DatasetDetail, DatasetSummary, License, Store } from '../api/catalog-schemas.js';
import type { Queryable } from '../db/database.js';
import { licenseFacet } from './license.js';
import { openSnippet } from './snippet.js';

const SUMMARY_LENGTH = 240;

/** The plain-text start of a Markdown description: markup, link targets and HTML tags dropped. */
export function summaryOf(markdown: string): string {
  const plain = markdown
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_#>|~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length <= SUMMARY_LENGTH ? plain : `${plain.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`;
}

interface SummaryRow {
  id: string;
  title: string;
  description: string;
  tags: string[];
  license: License;
  providers: { name: string }[];
  source: string;
  store_count: number;
  all_public: boolean;
}

const SUMMARY_COLUMNS = `d.id, d.title, d.description, d.tags, d.license, d.providers, s.name AS source, d.store_count, d.all_public`;

const toSummary = (row: SummaryRow): DatasetSummary => ({
  id: row.id,
  title: row.title,
  summary: summaryOf(row.description),
  tags: row.tags,
  license: licenseFacet(row.license),
  providers: row.providers.map((provider) => provider.name),
  source: row.source,
  stores: row.store_count,
  public: row.all_public
});

/** Summaries of these datasets in this order; ids no longer in the database are left out. */
export async function summariesOf(db: Queryable, ids: readonly string[]): Promise<DatasetSummary[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM datasets d JOIN catalog_sources s ON s.id = d.source_id WHERE d.id = ANY($1::text[])`,
    [ids]
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row === undefined ? [] : [toSummary(row)];
  });
}

interface StoreRow {
  id: string;
  name: string;
  url: string;
  https_url: string | null;
  format: string;
  public: boolean;
  rechunking: unknown[] | null;
  geospatial: boolean | null;
  open_kwargs: Record<string, unknown>;
  last_updated: string | null;
}

/** One dataset with its stores and their open snippets, or null when there is no such id. */
export async function datasetDetail(db: Queryable, id: string): Promise<DatasetDetail | null> {
  const [row] = await db.query<Omit<DatasetDetail, 'stores' | 'source'> & { source: string }>(
    `SELECT d.id, d.title, d.description, d.tags, d.license, d.providers, d.maintainers, d.links, d.thumbnail,
            d.attributes, s.name AS source
     FROM datasets d JOIN catalog_sources s ON s.id = d.source_id WHERE d.id = $1`,
    [id]
  );
  if (row === undefined) {
    return null;
  }
  const stores = await db.query<StoreRow>(
    `SELECT id, name, url, https_url, format, public, rechunking, geospatial, open_kwargs, last_updated
     FROM stores WHERE dataset = $1 ORDER BY position`,
    [id]
  );
  return {
    ...row,
    stores: stores.map(
      (store): Store => ({
        id: store.id,
        name: store.name,
        url: store.url,
        httpsUrl: store.https_url,
        format: store.format,
        public: store.public,
        rechunking: store.rechunking,
        geospatial: store.geospatial,
        openKwargs: store.open_kwargs,
        lastUpdated: store.last_updated,
        snippet: openSnippet(store.url, store.format, store.open_kwargs)
      })
    )
  };
}
