import type { RelationType, UsedBy } from '../api/graph-schemas.js';
import type { Queryable } from '../db/database.js';
import { catalogNodeId } from './ids.js';
import { NODE_FROM, SUMMARY_COLUMNS, toSummary, visibleTo, type SummaryRow } from './nodes.js';
import { USE_RELATIONS } from './relations.js';

/** Records linking to the dataset node by a use relation (References, Requires, …), newest first. */
export async function usedBy(db: Queryable, datasetNode: string, user: string, offset: number, limit: number): Promise<UsedBy> {
  const rows = await db.query<SummaryRow & { relation: RelationType; total: number }>(
    `WITH users AS (
       SELECT src, min(relation) AS relation FROM graph_edges
        WHERE dst = $1 AND relation = ANY($2::text[]) GROUP BY src
     )
     SELECT ${SUMMARY_COLUMNS}, u.relation, count(*) OVER () AS total
       FROM users u JOIN ${NODE_FROM} ON n.id = u.src
      WHERE ${visibleTo(3)}
      ORDER BY n.published DESC NULLS LAST, n.created DESC, n.id
      LIMIT ${limit} OFFSET ${offset}`,
    [datasetNode, USE_RELATIONS, user]
  );
  const total = rows.length > 0 ? Number(rows[0].total) : await countUses(db, [datasetNode], user).then((m) => m.get(datasetNode) ?? 0);
  return { dataset: datasetNode, total, items: rows.map((row) => ({ node: toSummary(row), relation: row.relation })) };
}

async function countUses(db: Queryable, nodes: readonly string[], user: string): Promise<Map<string, number>> {
  const rows = await db.query<{ dst: string; count: number }>(
    `SELECT e.dst, count(DISTINCT e.src) AS count FROM graph_edges e JOIN graph_nodes n ON n.id = e.src
      WHERE e.dst = ANY($1::text[]) AND e.relation = ANY($2::text[]) AND ${visibleTo(3)} GROUP BY e.dst`,
    [nodes, USE_RELATIONS, user]
  );
  return new Map(rows.map((row) => [row.dst, Number(row.count)]));
}

/** How many records use each catalog dataset (0 for datasets nothing links to). One indexed query. */
export async function usedByCounts(db: Queryable, catalogIds: readonly string[], user: string): Promise<Record<string, number>> {
  const counts = await countUses(db, catalogIds.map(catalogNodeId), user);
  return Object.fromEntries(catalogIds.map((id) => [id, counts.get(catalogNodeId(id)) ?? 0]));
}
