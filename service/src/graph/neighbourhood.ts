import type { Edge, Neighbourhood, NodeSummary, RelationType } from '../api/graph-schemas.js';
import type { Database, Queryable } from '../db/database.js';
import { edgeOf, summaryOf, type GraphIndex, type IndexedEdge } from './index/graph-index.js';
import { graphIndexOf } from './index/holder.js';
import { NODE_FROM, SUMMARY_COLUMNS, toSummary, visibleNodeRow, type SummaryRow } from './nodes.js';

/** The caller's own drafts and their links: the part of the graph the index never holds. */
interface Drafts {
  nodes: Map<string, SummaryRow>;
  edges: IndexedEdge[];
  /** edges under both of their ends */
  byNode: Map<string, IndexedEdge[]>;
}

async function draftsOf(db: Queryable, user: string): Promise<Drafts> {
  const rows = await db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${NODE_FROM} WHERE n.owner = $1 AND n.status = 'draft'`, [user]);
  const nodes = new Map(rows.map((row) => [row.id, row]));
  const edges =
    rows.length === 0
      ? []
      : await db.query<IndexedEdge & { relation: RelationType }>(
          'SELECT src, relation, dst, position FROM graph_edges WHERE src = ANY($1::text[]) OR dst = ANY($1::text[])',
          [[...nodes.keys()]]
        );
  const byNode = new Map<string, IndexedEdge[]>();
  for (const edge of edges) {
    for (const end of new Set([edge.src, edge.dst])) {
      byNode.set(end, [...(byNode.get(end) ?? []), edge]);
    }
  }
  return { nodes, edges, byNode };
}

const compareEdges = (a: Edge, b: Edge): number =>
  a.source < b.source ? -1 : a.source > b.source ? 1
    : a.relation < b.relation ? -1 : a.relation > b.relation ? 1
      : a.position - b.position || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0);

/**
 * Breadth-first over edges in both directions from root, through nodes `visible` accepts, up to
 * `limit` nodes: each node's distance in hops, nearer first. `truncated` when the cap left out
 * nodes within depth.
 */
function walk(
  index: GraphIndex,
  drafts: Drafts,
  root: string,
  depth: number,
  limit: number
): { hops: Map<string, number>; truncated: boolean } {
  const hops = new Map<string, number>([[root, 0]]);
  let frontier = [root];
  let truncated = false;
  for (let hop = 1; hop <= depth && frontier.length > 0 && !truncated; hop++) {
    const next: string[] = [];
    const reach = (other: string) => {
      if (truncated || hops.has(other) || !(index.has(other) || drafts.nodes.has(other))) {
        return;
      }
      if (hops.size >= limit) {
        truncated = true;
        return;
      }
      hops.set(other, hop);
      next.push(other);
    };
    for (const id of frontier) {
      index.forEachNeighbour(id, reach);
      for (const edge of drafts.byNode.get(id) ?? []) {
        reach(edge.src === id ? edge.dst : edge.src);
      }
      if (truncated) {
        break;
      }
    }
    frontier = next;
  }
  return { hops, truncated };
}

/** The ids within depth hops of root the user may see, root first; null when root is not visible. */
export async function neighbourhoodIds(db: Database, root: string, user: string, depth: number): Promise<string[] | null> {
  const index = (await graphIndexOf(db)).current();
  const drafts = await draftsOf(db, user);
  if ((await rootOf(db, index, drafts, root, user)) === null) {
    return null;
  }
  return [...walk(index, drafts, root, depth, Number.POSITIVE_INFINITY).hops.keys()];
}

/**
 * The k-hop neighbourhood the API answers: published nodes and links from the in-memory index
 * (index/), the caller's own drafts and their links from SQL (a few rows). Nearer nodes come
 * first: when the node cap is hit, every node of the earlier hops is kept and `truncated` is true
 * (which nodes of the last hop stay is unspecified); `edges` are all edges among the nodes.
 */
export async function neighbourhood(
  db: Database,
  root: string,
  user: string,
  depth: number,
  limit: number
): Promise<Neighbourhood | null> {
  const index = (await graphIndexOf(db)).current();
  const drafts = await draftsOf(db, user);
  const rootSummary = await rootOf(db, index, drafts, root, user);
  if (rootSummary === null) {
    return null;
  }
  const { hops, truncated } = walk(index, drafts, root, depth, limit);
  const edges: Edge[] = [];
  for (const id of hops.keys()) {
    index.forEachEdge(id, (edge) => {
      if (edge.src === id && hops.has(edge.dst)) {
        edges.push(edgeOf(edge));
      }
    });
  }
  edges.push(...drafts.edges.filter((edge) => hops.has(edge.src) && hops.has(edge.dst)).map(edgeOf));
  const nodes = [...hops].map(([id, hop]) => ({ ...(id === root ? rootSummary : summaryIn(index, drafts, id)), hops: hop }));
  return { root, depth, nodes, edges: edges.sort(compareEdges), truncated };
}

function summaryIn(index: GraphIndex, drafts: Drafts, id: string): NodeSummary {
  const draft = drafts.nodes.get(id);
  return draft === undefined ? summaryOf(index.node(id)!) : toSummary(draft);
}

/** The root's summary if the caller may see it: indexed, their draft, or a catalog dataset no record links to. */
async function rootOf(db: Queryable, index: GraphIndex, drafts: Drafts, root: string, user: string): Promise<NodeSummary | null> {
  if (index.has(root) || drafts.nodes.has(root)) {
    return summaryIn(index, drafts, root);
  }
  const row = await visibleNodeRow(db, root, user);
  return row === null ? null : toSummary(row);
}
