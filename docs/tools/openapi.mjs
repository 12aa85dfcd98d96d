// Prints the LEAP service's OpenAPI document (what GET /openapi.json answers) on stdout, built
// from the compiled service (service/dist) without a database or a listening socket: the document
// depends only on the routes and their TypeBox schemas, so the app is built on a database that
// holds nothing and asked through app.inject(), as service/test/openapi.test.ts does.
//   node docs/tools/openapi.mjs > openapi.json      (after `npm run build -w service`)
import { buildApp } from '../../service/dist/api/app.js';
import { createLogger } from '../../service/dist/logger.js';

/** A database with no tables and no rows: enough to register every route. */
const empty = {
  kind: 'pglite',
  async query(sql) {
    return sql.includes('to_regclass') ? [{ present: false }] : [];
  },
  async exec() {},
  transaction(fn) {
    return fn(this);
  },
  async close() {}
};

const nobody = { identify: async () => null };
const app = await buildApp({ config: { mode: 'hub' }, db: empty, identity: nobody, logger: createLogger('silent') });
const response = await app.inject({ method: 'GET', url: '/openapi.json' });
await app.close();
if (response.statusCode !== 200) {
  process.stderr.write(`GET /openapi.json answered ${response.statusCode}: ${response.body}\n`);
  process.exit(1);
}
process.stdout.write(`${JSON.stringify(response.json(), null, 2)}\n`);
