import type { GraphSearchQuery, GraphSearchResult, NodeSummary } from '../api/graph-schemas.js';
import type { CatalogIndex } from '../catalog/index/catalog-index.js';
import type { Database, Queryable } from '../db/database.js';
import { catalogNodeId } from './ids.js';
import { textEntryOf } from './index/build.js';
import { summaryOf } from './index/graph-index.js';
import { graphIndexOf } from './index/holder.js';
import { NODE_FROM, SUMMARY_COLUMNS, toSummary, visibleTo, type SummaryRow } from './nodes.js';

const MAX_WORDS = 8;

/** Lower-cased words of q, at most MAX_WORDS. */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '').toLowerCase().split(/\s+/).filter((word) => word !== '').slice(0, MAX_WORDS);
}

const likePattern = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** WHERE clause and parameters of the graph side (records, people, outside items). */
function graphFilter(query: GraphSearchQuery, user: string): { where: string; params: unknown[]; words: string[] } {
  const params: unknown[] = [user];
  const where = ['n.catalog_id IS NULL', visibleTo(1)];
  const words = searchWords(query.q);
  for (const word of words) {
    params.push(likePattern(word));
    where.push(`n.search LIKE $${params.length}`);
  }
  if (query.kind !== undefined && query.kind.length > 0) {
    params.push(query.kind);
    where.push(`n.kind = ANY($${params.length}::text[])`);
  }
  for (const keyword of query.keyword ?? []) {
    params.push(keyword.toLowerCase());
    where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements_text(n.keywords) AS k WHERE lower(k) = $${params.length})`);
  }
  if (query.mine === true) {
    where.push('n.owner = $1');
  }
  return { where: where.join(' AND '), params, words };
}

/** The caller's own records (`mine`): few rows, through the owner index. */
async function searchOwn(db: Queryable, query: GraphSearchQuery, user: string, offset: number, limit: number): Promise<{ total: number; items: NodeSummary[] }> {
  const { where, params, words } = graphFilter(query, user);
  // Title matches first (a constant would be read as a column position: no rank without words).
  const titleRank = words.map((_, i) => `(lower(n.title) LIKE $${i + 2})::int`).join(' + ');
  // One scan for the page and the total; a page past the end asks for the total alone.
  const rows = await db.query<SummaryRow & { total: number }>(
    `SELECT ${SUMMARY_COLUMNS}, count(*) OVER () AS total FROM ${NODE_FROM} WHERE ${where}
      ORDER BY ${titleRank === '' ? '' : `${titleRank} DESC, `}n.published DESC NULLS LAST, lower(n.title), n.id
      LIMIT ${limit} OFFSET ${offset}`,
    params
  );
  const total =
    rows.length > 0
      ? Number(rows[0].total)
      : Number((await db.query<{ count: number }>(`SELECT count(*) AS count FROM graph_nodes n WHERE ${where}`, params))[0].count);
  return { total, items: rows.map(toSummary) };
}

interface DraftRow extends SummaryRow {
  search: string;
  keywords: string[];
  published_us: number | null;
  catalog_id: string | null;
}

/** Published nodes from the in-memory index, with the caller's drafts (from SQL) merged in. */
async function searchAll(db: Database, query: GraphSearchQuery, user: string, offset: number, limit: number): Promise<{ total: number; items: NodeSummary[] }> {
  const index = (await graphIndexOf(db)).current();
  const drafts = await db.query<DraftRow>(
    `SELECT ${SUMMARY_COLUMNS}, n.search, n.keywords, NULL::float8 AS published_us, n.catalog_id
       FROM ${NODE_FROM} WHERE n.owner = $1 AND n.status = 'draft' AND n.catalog_id IS NULL`,
    [user]
  );
  const byId = new Map(drafts.map((row) => [row.id, row]));
  const kinds = query.kind !== undefined && query.kind.length > 0 ? new Set<string>(query.kind) : null;
  const keywords = (query.keyword ?? []).map((keyword) => keyword.toLowerCase());
  const entries = drafts.map((row) => textEntryOf(row)!);
  const { total, page } = index.search({ words: searchWords(query.q), kinds, keywords }, entries, offset, limit);
  const items = page.map((entry) => {
    const draft = byId.get(entry.id);
    return draft === undefined ? summaryOf(index.node(entry.id)!) : toSummary(draft);
  });
  return { total, items };
}

/**
 * Text, kind and keyword search. Graph nodes first (title matches, then newest), then the data
 * library's datasets from its in-memory index (when Dataset is among the kinds and `mine` is not
 * set); `total` counts both, paging runs across both.
 */
export async function searchGraph(
  db: Database,
  catalog: CatalogIndex,
  query: GraphSearchQuery,
  user: string
): Promise<GraphSearchResult> {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  const { total: graphTotal, items } =
    query.mine === true ? await searchOwn(db, query, user, offset, limit) : await searchAll(db, query, user, offset, limit);
  const withDatasets = query.mine !== true && (query.kind === undefined || query.kind.length === 0 || query.kind.includes('Dataset'));
  let catalogTotal = 0;
  if (withDatasets) {
    const found = catalog.search({
      q: query.q,
      filter: (query.keyword ?? []).map((keyword) => `tag:${keyword}`),
      offset: Math.max(0, offset - graphTotal),
      limit: Math.max(1, limit - items.length),
      facets: ['']
    });
    catalogTotal = found.total;
    if (items.length < limit && found.ids.length > 0) {
      const titles = await db.query<{ id: string; title: string }>('SELECT id, title FROM datasets WHERE id = ANY($1::text[])', [found.ids]);
      const byId = new Map(titles.map((row) => [row.id, row.title]));
      for (const id of found.ids.slice(0, limit - items.length)) {
        items.push({ id: catalogNodeId(id), kind: 'Dataset', title: byId.get(id) ?? id, status: 'published', version: null, doi: null, published: null });
      }
    }
  }
  return { total: graphTotal + catalogTotal, offset, items };
}
