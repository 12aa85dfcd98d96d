import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../src/db/database.js';
import { fingerprint } from '../src/graph/index/build.js';
import { graphIndexOf } from '../src/graph/index/holder.js';
import { neighbourhood, neighbourhoodIds } from '../src/graph/neighbourhood.js';
import { connectMigrated, variants, type TestDatabase } from './helpers/databases.js';

const NODES = 80;
const EDGES = 200;
const RELATIONS = ['References', 'Cites', 'IsPartOf', 'Creator'];

/** A small deterministic pseudo-random generator (tests must not depend on Math.random). */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface Graph {
  ids: string[];
  drafts: Set<string>;
  edges: { src: string; relation: string; dst: string }[];
}

function makeGraph(seed: number): Graph {
  const random = generator(seed);
  const ids = Array.from({ length: NODES }, (_, i) => `n${String(i).padStart(3, '0')}`);
  const drafts = new Set(ids.filter((_, i) => i % 9 === 4));
  const seen = new Set<string>();
  const edges: Graph['edges'] = [];
  while (edges.length < EDGES) {
    const src = ids[Math.floor(random() * NODES)];
    const dst = ids[Math.floor(random() * NODES)];
    const relation = RELATIONS[Math.floor(random() * RELATIONS.length)];
    const key = `${src} ${relation} ${dst}`;
    if (src !== dst && !seen.has(key)) {
      seen.add(key);
      edges.push({ src, relation, dst });
    }
  }
  return { ids, drafts, edges };
}

/** The reference answer: breadth-first over both directions through nodes bob may see. */
function expected(graph: Graph, root: string, depth: number, user: string): Map<string, number> {
  const visible = (id: string) => !graph.drafts.has(id) || user === 'alice';
  const hops = new Map([[root, 0]]);
  let frontier = [root];
  for (let hop = 1; hop <= depth; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const e of graph.edges) {
        const other = e.src === id ? e.dst : e.dst === id ? e.src : null;
        if (other !== null && !hops.has(other) && visible(other)) {
          hops.set(other, hop);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return hops;
}

for (const variant of variants()) {
  describe(`k-hop neighbourhood on ${variant.name}`, () => {
    let testDb: TestDatabase;
    let db: Database;
    const graph = makeGraph(7);

    before(async () => {
      testDb = await variant.create();
      db = await connectMigrated(testDb);
      await db.query(
        `INSERT INTO graph_nodes (id, kind, title, status, owner, concept)
         SELECT id, 'Paper', 'Title ' || id, CASE WHEN draft THEN 'draft' ELSE 'published' END, 'alice', id
           FROM jsonb_to_recordset($1::jsonb) AS n(id text, draft boolean)`,
        [JSON.stringify(graph.ids.map((id) => ({ id, draft: graph.drafts.has(id) })))]
      );
      await db.query(
        `INSERT INTO graph_edges (src, relation, dst) SELECT src, relation, dst FROM jsonb_to_recordset($1::jsonb) AS e(src text, relation text, dst text)`,
        [JSON.stringify(graph.edges)]
      );
    });
    after(async () => {
      await testDb?.cleanup();
    });

    it('finds exactly the nodes within k hops, with their distance, for both users', async () => {
      for (const user of ['alice', 'bob']) {
        for (const root of ['n000', 'n001', 'n017', 'n042']) {
          for (const depth of [1, 2, 3]) {
            const result = await neighbourhood(db, root, user, depth, 10_000);
            assert.ok(result !== null);
            const got = new Map(result.nodes.map((n) => [n.id, n.hops]));
            assert.deepEqual(got, expected(graph, root, depth, user), `${user} ${root} depth ${depth}`);
            assert.equal(result.truncated, false);
            const ids = new Set(got.keys());
            const among = graph.edges.filter((e) => ids.has(e.src) && ids.has(e.dst)).map((e) => `${e.src} ${e.relation} ${e.dst}`).sort();
            assert.deepEqual(result.edges.map((e) => `${e.source} ${e.relation} ${e.target}`).sort(), among);
          }
        }
      }
    });

    it('caps the node count keeping nearer nodes first', async () => {
      const full = expected(graph, 'n000', 3, 'alice');
      const ones = [...full.values()].filter((h) => h <= 1).length;
      const result = (await neighbourhood(db, 'n000', 'alice', 3, ones + 1))!;
      assert.equal(result.truncated, true);
      assert.equal(result.nodes.length, ones + 1);
      assert.deepEqual(result.nodes.filter((n) => n.hops <= 1).length, ones, 'every 1-hop node is kept');
      assert.equal(result.nodes.filter((n) => n.hops === 2).length, 1);
    });

    it('hides another user\'s draft root and does not walk through drafts', async () => {
      const draft = [...graph.drafts][0];
      assert.equal(await neighbourhood(db, draft, 'bob', 1, 100), null);
      assert.ok((await neighbourhood(db, draft, 'alice', 1, 100)) !== null);
    });

    it('the freshness fingerprint moves with every statement that touches a published node, not with drafts', async () => {
      const moved = async (sql: string, params: unknown[] = []) => {
        const before = await fingerprint(db);
        await db.query(sql, params);
        return (await fingerprint(db)) !== before;
      };
      const insert = `INSERT INTO graph_nodes (id, kind, title, status, owner, concept) VALUES ($1, 'Paper', $1, $2, 'alice', $1)`;
      assert.equal(await moved(insert, ['v-draft', 'draft']), false, 'a new draft');
      assert.equal(await moved(`UPDATE graph_nodes SET title = 'edited' WHERE id = 'v-draft'`), false, 'a draft edited');
      assert.equal(await moved(`UPDATE graph_nodes SET status = 'published' WHERE id = 'v-draft'`), true, 'a draft published');
      assert.equal(await moved(`UPDATE graph_nodes SET title = 'renamed' WHERE id = 'v-draft'`), true, 'a published node edited');
      assert.equal(await moved(insert, ['v-published', 'published']), true, 'a node inserted as published');
      assert.equal(await moved(`DELETE FROM graph_nodes WHERE id = 'v-published'`), true, 'a published node deleted');
      assert.equal(await moved(`UPDATE graph_nodes SET title = title WHERE id = 'no-such-node'`), false, 'a statement that changed nothing');
      await db.query(`DELETE FROM graph_nodes WHERE id = 'v-draft'`);
      await (await graphIndexOf(db)).rebuild();
    });

    it('walks a caller\'s own draft links from SQL and sees another process\'s writes after a freshness check', async () => {
      const add = async (id: string, status: string, to: string) => {
        await db.query(
          `INSERT INTO graph_nodes (id, kind, title, status, owner, concept) VALUES ($1, 'Paper', $1, $2, 'alice', $1)`,
          [id, status]
        );
        await db.query(`INSERT INTO graph_edges (src, relation, dst) VALUES ($1, 'Cites', $2)`, [id, to]);
      };
      await neighbourhood(db, 'n000', 'bob', 1, 100);
      // Written behind the index's back (another replica): a draft shows at once to its owner, a published node after the check.
      await add('x-draft', 'draft', 'n000');
      await add('x-published', 'published', 'n000');
      assert.ok((await neighbourhoodIds(db, 'n000', 'alice', 1))!.includes('x-draft'));
      assert.ok(!(await neighbourhoodIds(db, 'n000', 'bob', 1))!.includes('x-draft'));
      assert.ok(!(await neighbourhoodIds(db, 'n000', 'bob', 1))!.includes('x-published'), 'the index is not yet refreshed');
      await (await graphIndexOf(db)).refreshIfChanged();
      const ids = (await neighbourhoodIds(db, 'n000', 'bob', 1))!;
      assert.ok(ids.includes('x-published') && !ids.includes('x-draft'));
      const withEdges = (await neighbourhood(db, 'x-draft', 'alice', 1, 100))!;
      assert.deepEqual(withEdges.edges.map((e) => `${e.source} ${e.relation} ${e.target}`), ['x-draft Cites n000']);
      assert.equal(withEdges.nodes[0].status, 'draft');
      await db.query(`DELETE FROM graph_nodes WHERE id IN ('x-draft', 'x-published')`);
      await (await graphIndexOf(db)).rebuild();
      assert.deepEqual(new Set(await neighbourhoodIds(db, 'n000', 'alice', 3)), new Set(expected(graph, 'n000', 3, 'alice').keys()));
    });
  });
}
