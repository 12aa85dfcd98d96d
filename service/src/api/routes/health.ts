import type { Database } from '../../db/database.js';
import { schemaVersion } from '../../db/migrations.js';
import { VERSION } from '../../version.js';
import { Health, type Mode } from '../schemas.js';
import type { App } from '../types.js';

export interface HealthDeps {
  db: Database;
  mode: Mode;
  startedAt: Date;
}

/**
 * GET /api/health: no auth; 200 when the database answers, 503 (same body) when it does not.
 * Polled by the launcher, so only its warnings and errors are logged.
 */
export function registerHealth(app: App, { db, mode, startedAt }: HealthDeps): void {
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
        database = { ...database, schemaVersion: await schemaVersion(db) };
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
