import type { Edge, Neighbourhood, RelationType } from '../api/graph-schemas.js';
import type { Queryable } from '../db/database.js';
import { toSummary, visibleNodeRow, visibleSummaries } from './nodes.js';

/** Edges read per hop at most; past it the answer is truncated (a hub with more links). */
export const HOP_EDGE_LIMIT = 50_000;

interface EdgeRow {
  src: string;
  relation: RelationType;
  dst: string;
  position: number;
}

const toEdge = (row: EdgeRow): Edge => ({ source: row.src, relation: row.relation, target: row.dst, position: row.position });

/**
 * Breadth-first k-hop neighbourhood over edges in both directions, through visible nodes only.
 * Nearer nodes come first; within a hop the kept nodes are the first by id when the cap is hit.
 * One query per hop for the edges, one for the visibility of the new nodes, one for the edges
 * among the result.
 */
export async function neighbourhood(
  db: Queryable,
  root: string,
  user: string,
  depth: number,
  limit: number
): Promise<Neighbourhood | null> {
  const rootRow = await visibleNodeRow(db, root, user);
  if (rootRow === null) {
    return null;
  }
  const hops = new Map<string, number>([[root, 0]]);
  let frontier = [root];
  let truncated = false;
  for (let hop = 1; hop <= depth && frontier.length > 0 && !truncated; hop++) {
    const rows = await db.query<{ other: string }>(
      `SELECT other FROM (
         SELECT dst AS other FROM graph_edges WHERE src = ANY($1::text[])
         UNION ALL
         SELECT src AS other FROM graph_edges WHERE dst = ANY($1::text[])
       ) AS links LIMIT ${HOP_EDGE_LIMIT + 1}`,
      [frontier]
    );
    truncated = rows.length > HOP_EDGE_LIMIT;
    const candidates = [...new Set(rows.map((row) => row.other))].filter((id) => !hops.has(id)).sort();
    const visible = await visibleSummaries(db, candidates, user);
    const next = candidates.filter((id) => visible.has(id));
    const room = limit - hops.size;
    if (next.length > room) {
      truncated = true;
      next.length = room;
    }
    for (const id of next) {
      hops.set(id, hop);
    }
    frontier = next;
  }
  const ids = [...hops.keys()];
  const summaries = await visibleSummaries(db, ids, user);
  const edges = await db.query<EdgeRow>(
    `SELECT src, relation, dst, position FROM graph_edges
      WHERE src = ANY($1::text[]) AND dst = ANY($1::text[]) ORDER BY src, relation, position, dst`,
    [ids]
  );
  const rootSummary = summaries.get(root) ?? { ...rootRow };
  const nodes = ids.map((id) => ({ ...toSummary(id === root ? rootSummary : summaries.get(id)!), hops: hops.get(id)! }));
  return { root, depth, nodes, edges: edges.map(toEdge), truncated };
}
