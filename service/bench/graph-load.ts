// Writes a generated bench graph into the database: every node published and searchable by its id,
// then the edges, then ANALYZE (used by bench:graph and bench:load).
import type { Database } from '../src/db/database.js';
import { RELATIONS, type BenchGraph } from './graph-generate.js';

const BATCH = 20_000;

export async function insertGraph(db: Database, graph: BenchGraph): Promise<void> {
  for (let i = 0; i < graph.ids.length; i += BATCH) {
    const rows = graph.ids.slice(i, i + BATCH).map((id, j) => ({ id, kind: graph.kinds[i + j] }));
    await db.query(
      `INSERT INTO graph_nodes (id, kind, title, status, concept, published, search)
       SELECT id, kind, 'Title of ' || id, 'published', id, now(), id FROM jsonb_to_recordset($1::jsonb) AS n(id text, kind text)`,
      [JSON.stringify(rows)]
    );
  }
  for (let e = 0; e < graph.src.length; e += BATCH) {
    const rows = [];
    for (let k = e; k < Math.min(e + BATCH, graph.src.length); k++) {
      rows.push({ s: graph.ids[graph.src[k]], r: RELATIONS[graph.relation[k]], d: graph.ids[graph.dst[k]] });
    }
    await db.query(
      `INSERT INTO graph_edges (src, relation, dst) SELECT s, r, d FROM jsonb_to_recordset($1::jsonb) AS e(s text, r text, d text)`,
      [JSON.stringify(rows)]
    );
  }
  await db.exec('ANALYZE graph_nodes; ANALYZE graph_edges;');
}
