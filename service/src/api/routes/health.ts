import type { Database } from '../../db/database.js';
import { schemaVersion } from '../../db/migrations.js';
import { VERSION } from '../../version.js';
import { Health, type Mode } from '../schemas.js';
import type { App } from '../types.js';

/** How long one database check answers every health request: each open JupyterLab tab polls health. */
export const DATABASE_CHECK_TTL_MS = 1_000;

/**
 * `check`, run at most once per `ttlMs` however many ask: callers within that time share its
 * answer (or its failure), and share it while it runs.
 */
export function sharedCheck<T>(check: () => Promise<T>, ttlMs: number, now: () => number = Date.now): () => Promise<T> {
  let last: { at: number; answer: Promise<T> } | null = null;
  return () => {
    const at = now();
    if (last === null || at - last.at >= ttlMs) {
      last = { at, answer: check() };
    }
    return last.answer;
  };
}

export interface HealthDeps {
  db: Database;
  mode: Mode;
  startedAt: Date;
}

/**
 * GET /api/health: no auth; 200 when the database answers, 503 (same body) when it does not.
 * Polled by the launcher and by every open JupyterLab tab, so only its warnings and errors are
 * logged and the database is asked at most once per DATABASE_CHECK_TTL_MS.
 */
export function registerHealth(app: App, { db, mode, startedAt }: HealthDeps): void {
  const databaseSchema = sharedCheck(() => schemaVersion(db), DATABASE_CHECK_TTL_MS);
  app.get(
    '/api/health',
    {
      logLevel: 'warn',
      schema: {
        summary: 'Service and database status',
        tags: ['service'],
        response: { 200: Health, 503: Health }
      }
    },
    async (request, reply) => {
      let database: Health['database'] = { kind: db.kind, ok: true, schemaVersion: 0 };
      try {
        database = { ...database, schemaVersion: await databaseSchema() };
      } catch (error) {
        request.log.error({ err: error }, 'health: database check failed');
        database = { ...database, ok: false };
      }
      const body: Health = {
        status: database.ok ? 'ok' : 'degraded',
        version: VERSION,
        mode,
        database,
        startedAt: startedAt.toISOString()
      };
      return reply.code(database.ok ? 200 : 503).send(body);
    }
  );
}
