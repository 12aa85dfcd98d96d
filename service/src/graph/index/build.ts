import type { NodeKind, RelationType } from '../../api/graph-schemas.js';
import type { Queryable } from '../../db/database.js';
import { GraphIndex, type IndexedEdge, type IndexedNode } from './graph-index.js';
import type { TextEntry } from './text-index.js';

const BATCH = 50_000;

/**
 * What tells the index is stale: the published graph's version (moved by a trigger on every
 * statement that touches a published node, migration 007) and the catalog's generation. One row
 * each, so a replica's freshness check costs the same at any graph size.
 */
export async function fingerprint(db: Queryable): Promise<string> {
  const [row] = await db.query<{ version: number; generation: number | null }>(
    `SELECT version, (SELECT max(generation) FROM catalog_state) AS generation FROM graph_state`
  );
  return `${Number(row.version)} ${row.generation ?? '-'}`;
}

interface NodeRow {
  id: string;
  kind: NodeKind;
  title: string;
  version: string | null;
  doi: string | null;
  published: Date | null;
  published_us: number | null;
  search: string;
  keywords: string[];
  catalog_id: string | null;
}

/** Published node summaries (catalog datasets titled from the catalog), by id. */
export const NODE_SQL = `SELECT n.id, n.kind, COALESCE(d.title, n.title) AS title, n.version, n.doi, n.published,
  (extract(epoch FROM n.published) * 1000000)::float8 AS published_us, n.search, n.keywords, n.catalog_id
  FROM graph_nodes n LEFT JOIN datasets d ON d.id = n.catalog_id WHERE n.status = 'published'`;

export const toIndexedNode = (row: NodeRow): IndexedNode => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  version: row.version,
  doi: row.doi,
  published: row.published === null ? null : row.published.getTime()
});

/** The search entry of a node search finds (graph search leaves catalog datasets to the catalog's index). */
export function textEntryOf(row: { id: string; kind: string; title: string; search: string; keywords: string[]; published_us: number | null; catalog_id: string | null }): TextEntry | null {
  if (row.catalog_id !== null) {
    return null;
  }
  return {
    id: row.id,
    kind: row.kind,
    title: row.title.toLowerCase(),
    text: row.search,
    keywords: row.keywords.map((keyword) => keyword.toLowerCase()),
    published: row.published_us === null ? null : Number(row.published_us)
  };
}

const entriesOf = (rows: readonly NodeRow[]): TextEntry[] => rows.map(textEntryOf).filter((entry) => entry !== null);

/** Reads every published node and every edge in pages (keyset on the primary keys) and builds the index. */
export async function buildGraphIndex(db: Queryable): Promise<{ index: GraphIndex; fingerprint: string }> {
  // Read first: a change during the build makes the next check rebuild again, never miss it.
  const print = await fingerprint(db);
  const ids: string[] = [];
  const titles: string[] = [];
  const versions: (string | null)[] = [];
  const dois: (string | null)[] = [];
  const nodes: { kind: NodeKind; published: number | null }[] = [];
  const entries: TextEntry[] = [];
  for (let after = '';;) {
    const page = await db.query<NodeRow>(`${NODE_SQL} AND n.id > $1 ORDER BY n.id LIMIT ${BATCH}`, [after]);
    for (const row of page) {
      ids.push(row.id);
      titles.push(row.title);
      versions.push(row.version);
      dois.push(row.doi);
      nodes.push({ kind: row.kind, published: row.published === null ? null : row.published.getTime() });
    }
    entries.push(...entriesOf(page));
    if (page.length < BATCH) {
      break;
    }
    after = page[page.length - 1].id;
  }
  const edges: IndexedEdge[] = [];
  for (let after: IndexedEdge | null = null;;) {
    const page: IndexedEdge[] = await db.query<IndexedEdge>(
      `SELECT src, relation, dst, position FROM graph_edges
        ${after === null ? '' : 'WHERE (src, relation, dst) > ($1, $2, $3)'} ORDER BY src, relation, dst LIMIT ${BATCH}`,
      after === null ? [] : [after.src, after.relation, after.dst]
    );
    edges.push(...page);
    if (page.length < BATCH) {
      break;
    }
    after = page[page.length - 1];
  }
  return { index: new GraphIndex(ids, titles, versions, dois, nodes, edges, entries), fingerprint: print };
}

/** The published nodes among ids and every published edge touching them, to apply to an index. */
export async function changesOf(db: Queryable, ids: readonly string[]): Promise<{ nodes: IndexedNode[]; edges: IndexedEdge[]; entries: TextEntry[] }> {
  const edges = await db.query<IndexedEdge & { relation: RelationType }>(
    `SELECT e.src, e.relation, e.dst, e.position FROM graph_edges e
       JOIN graph_nodes a ON a.id = e.src JOIN graph_nodes b ON b.id = e.dst
      WHERE (e.src = ANY($1::text[]) OR e.dst = ANY($1::text[])) AND a.status = 'published' AND b.status = 'published'`,
    [ids]
  );
  const all = [...new Set([...ids, ...edges.flatMap((e) => [e.src, e.dst])])];
  const rows = await db.query<NodeRow>(`${NODE_SQL} AND n.id = ANY($1::text[])`, [all]);
  return { nodes: rows.map(toIndexedNode), edges, entries: entriesOf(rows) };
}
