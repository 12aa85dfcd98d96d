import type { NeighbourGroup, NodeDetail, RelationType } from '../api/graph-schemas.js';
import type { Queryable } from '../db/database.js';
import { toSummary, visibleNode, type SummaryRow } from './nodes.js';

/** Neighbours listed per group; `total` counts them all. */
export const GROUP_LIMIT = 100;

interface NeighbourRow extends SummaryRow {
  relation: RelationType;
  direction: 'out' | 'in';
  total: number;
}

/**
 * The node's visible neighbours grouped by relation and direction (out: node —relation→ neighbour,
 * in: neighbour —relation→ node), each group in edge order (authors in order), then by title.
 */
export async function neighbourGroups(db: Queryable, id: string, user: string): Promise<NeighbourGroup[]> {
  const rows = await db.query<NeighbourRow>(
    `WITH links AS (
       SELECT e.relation, 'out' AS direction, e.dst AS other, e.position FROM graph_edges e WHERE e.src = $1
       UNION ALL
       SELECT e.relation, 'in' AS direction, e.src AS other, 0 AS position FROM graph_edges e WHERE e.dst = $1
     ), ranked AS (
       SELECT l.relation, l.direction, n.id, n.kind, COALESCE(d.title, n.title) AS title, n.status, n.version, n.doi,
              n.published,
              row_number() OVER (PARTITION BY l.relation, l.direction ORDER BY l.position, COALESCE(d.title, n.title), n.id) AS rank,
              count(*) OVER (PARTITION BY l.relation, l.direction) AS total
         FROM links l JOIN graph_nodes n ON n.id = l.other LEFT JOIN datasets d ON d.id = n.catalog_id
        WHERE n.status = 'published' OR n.owner = $2
     )
     SELECT relation, direction, id, kind, title, status, version, doi, published, total FROM ranked
      WHERE rank <= ${GROUP_LIMIT} ORDER BY direction DESC, relation, rank`,
    [id, user]
  );
  const groups: NeighbourGroup[] = [];
  for (const row of rows) {
    let group = groups.at(-1);
    if (group === undefined || group.relation !== row.relation || group.direction !== row.direction) {
      group = { relation: row.relation, direction: row.direction, total: Number(row.total), nodes: [] };
      groups.push(group);
    }
    group.nodes.push(toSummary(row));
  }
  return groups;
}

/** A node with its files, provenance and neighbours, or null when the user cannot see it. */
export async function nodeDetail(db: Queryable, id: string, user: string): Promise<NodeDetail | null> {
  const found = await visibleNode(db, id, user);
  if (found === null) {
    return null;
  }
  return {
    node: found.node,
    files: found.row.files,
    provenance: found.row.provenance,
    neighbours: await neighbourGroups(db, id, user)
  };
}
