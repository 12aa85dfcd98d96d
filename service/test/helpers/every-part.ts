import assert from 'node:assert/strict';
import type { Identity, IdentityProvider } from '../../src/auth/identity.js';
import type { App } from '../../src/api/types.js';
import { loadDemoCatalogIfEmpty } from '../../src/catalog/demo-source.js';
import type { Database, Queryable } from '../../src/db/database.js';
import { loadDemoTutorials } from '../../src/tutorials/demo.js';
import { updateProgress } from '../../src/tutorials/progress.js';
import { readTutorial } from '../../src/tutorials/store.js';

/**
 * Data in every part of the service, each written when its migration exists (the "era" of the
 * data), for upgrade and backup tests: users (001), the demo catalog (002), a day of costs and a
 * budget (003), the demo tutorial with a learner's progress (004), graph records and an edge
 * (005). Later migrations have no seed here yet: their tables are still compared row by row.
 */
export const ADA: Identity = { name: 'ada', admin: false, groups: ['lovelace'] };
export const ADA_TOKEN = 'token-of-ada';
export const adaOnly: IdentityProvider = { identify: async (token) => (token === ADA_TOKEN ? ADA : null) };

const DEMO_TUTORIAL = 'sst-basics';
const SEEDS: Record<number, (db: Database) => Promise<void>> = {
  1: async (db) => {
    await db.query(`INSERT INTO users (name, admin, groups) VALUES ('ada', false, '["lovelace"]'), ('grace', true, '[]')`);
  },
  2: async (db) => {
    assert.notEqual(await loadDemoCatalogIfEmpty(db), null, 'the demo catalog was imported');
  },
  3: async (db) => {
    await db.query(
      `INSERT INTO cost_daily (user_name, day, cpu, memory, gpu, dask, storage)
       VALUES ('ada', current_date, 1.25, 0.5, 0, 2, 0.125), ('grace', current_date - 1, 3, 1, 4, 0, 0)`
    );
    await db.query(
      `INSERT INTO cost_budgets (scope, name, monthly_amount, thresholds, updated_by) VALUES ('user', 'ada', 100, '[50, 90]', 'grace')`
    );
  },
  4: async (db) => {
    const [report] = await loadDemoTutorials(db);
    assert.equal(report?.status, 'ok', JSON.stringify(report));
    const tutorial = await readTutorial(db, DEMO_TUTORIAL);
    assert.ok(tutorial !== null, `the demo tutorial ${DEMO_TUTORIAL} was imported`);
    await updateProgress(db, 'ada', tutorial, { currentStep: tutorial.steps[1].id, secondsDelta: 95 });
  },
  5: async (db) => {
    await db.query(
      `INSERT INTO graph_nodes (id, kind, title, description, status, owner, concept, published, search) VALUES
         ('person-ada', 'Person', 'Ada Lovelace', '', 'published', NULL, 'person-ada', now(), 'ada lovelace'),
         ('paper-engine', 'Paper', 'Notes on the Analytical Engine', 'Sketch of the engine', 'published', 'ada', 'paper-engine', now(), 'notes on the analytical engine'),
         ('code-draft', 'ProjectCode', 'Bernoulli numbers', '', 'draft', 'ada', 'code-draft', NULL, 'bernoulli numbers')`
    );
    await db.query(`INSERT INTO graph_edges (src, relation, dst) VALUES ('paper-engine', 'Creator', 'person-ada')`);
  }
};

/** Writes the data of every era up to `version` (migrations 1..version must be applied). */
export async function seedUpTo(db: Database, version: number): Promise<void> {
  for (let v = 1; v <= version; v++) {
    await SEEDS[v]?.(db);
  }
}

/** GET requests (as ada) that read each era's data, and what each must show. */
export const READS: { version: number; url: string; check: (body: any) => void }[] = [
  { version: 1, url: '/api/whoami', check: (body) => assert.equal(body.user?.name ?? body.name, 'ada') },
  { version: 2, url: '/api/catalog/search?limit=5', check: (body) => assert.ok(body.total > 0, 'demo datasets are found') },
  { version: 2, url: '/api/catalog/sources', check: (body) => assert.ok(JSON.stringify(body).includes('demo'), 'the demo source is listed') },
  { version: 3, url: '/api/costs/history', check: (body) => assert.ok(JSON.stringify(body).includes('3.875'), `ada's day (3.875) is in ${JSON.stringify(body)}`) },
  { version: 3, url: '/api/costs/budgets', check: (body) => assert.ok(JSON.stringify(body).includes('100'), 'the budget of 100 is listed') },
  { version: 4, url: `/api/tutorials/${DEMO_TUTORIAL}/progress`, check: (body) => assert.equal(body.secondsSpent, 95) },
  { version: 5, url: '/api/graph/nodes/paper-engine', check: (body) => assert.equal(body.title ?? body.node?.title, 'Notes on the Analytical Engine') },
  { version: 5, url: '/api/graph/nodes/paper-engine/neighbourhood?depth=2', check: (body) => assert.ok(body.nodes.some((n: { id: string }) => n.id === 'person-ada')) },
  { version: 5, url: '/api/graph/search?mine=true', check: (body) => assert.ok(body.items.some((n: { id: string }) => n.id === 'code-draft'), 'ada sees her draft') }
];

/** Every READS answer for data up to `version`: status and body, after checking each. */
export async function readEveryPart(app: App, version: number): Promise<Record<string, { status: number; body: unknown }>> {
  const answers: Record<string, { status: number; body: unknown }> = {};
  for (const read of READS.filter((r) => r.version <= version)) {
    const response = await app.inject({ method: 'GET', url: read.url, headers: { authorization: `token ${ADA_TOKEN}` } });
    assert.equal(response.statusCode, 200, `GET ${read.url}: ${response.body}`);
    const body = response.json();
    read.check(body);
    answers[read.url] = { status: response.statusCode, body };
  }
  return answers;
}

/** Every row of every table (as JSON text, sorted), limited to the columns that exist now. */
export async function snapshotTables(db: Queryable): Promise<Map<string, { columns: string[]; rows: string[] }>> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`
  );
  const tables = new Map<string, { columns: string[]; rows: string[] }>();
  for (const { table_name: table, column_name: column } of columns) {
    if (!tables.has(table)) tables.set(table, { columns: [], rows: [] });
    tables.get(table)!.columns.push(column);
  }
  for (const [table, entry] of tables) {
    entry.rows = await rowsOf(db, table, entry.columns);
  }
  return tables;
}

export async function rowsOf(db: Queryable, table: string, columns: string[]): Promise<string[]> {
  const list = columns.map((c) => `"${c}"`).join(', ');
  const rows = await db.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM (SELECT ${list} FROM "${table}") AS x ORDER BY 1`);
  return rows.map((row) => row.r);
}
