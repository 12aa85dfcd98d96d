import type { Logger } from 'pino';
import { buildApp } from '../api/app.js';
import { identityProviderFor } from '../auth/provider.js';
import { loadConfig, type Config, type Env } from '../config.js';
import type { Database } from '../db/database.js';
import { loadMigrations, migrate, schemaState } from '../db/migrations.js';
import { openDatabase } from '../db/open.js';
import { graphIndexOf } from '../graph/index/holder.js';
import { createLogger } from '../logger.js';
import { startIdleTrim } from '../memory/idle-trim.js';
import { createCostsRuntime, type CostsRuntime } from '../costs/runtime.js';

const FORCED_EXIT_MS = 10_000;

/** The schema is older than this service needs and serve may not fix that itself. */
export class SchemaBehindError extends Error {
  constructor(current: number, latest: number) {
    super(
      `The database schema is at version ${current} but this service needs version ${latest}: ` +
        'run `leap-hub-service migrate` first (the Jupyter server\'s launcher does so before serve)'
    );
    this.name = 'SchemaBehindError';
  }
}

/**
 * Hub mode migrates at start (PostgreSQL, advisory lock: replicas may start together).
 * Local mode never does: migrate runs in its own short-lived process, so the serving
 * process does not pay PGlite's initdb memory.
 */
async function prepareSchema(config: Config, db: Database, logger: Logger): Promise<void> {
  const migrations = await loadMigrations();
  if (config.mode === 'hub') {
    const applied = await migrate(db, migrations);
    if (applied.length > 0) {
      logger.info({ event: 'migrated', applied }, `applied ${applied.length} migration(s)`);
    }
  }
  const { current, latest } = await schemaState(db, migrations);
  if (current < latest) {
    throw new SchemaBehindError(current, latest);
  }
  if (current > latest) {
    logger.warn({ current, latest }, 'the database schema is newer than this service: a newer version migrated it');
  }
}

/** `leap-hub-service serve`: listens until SIGTERM/SIGINT, then closes the server and the database. */
export async function runServe(env: Env): Promise<void> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.database, {
    create: false,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost')
  });
  let costs: CostsRuntime;
  try {
    await prepareSchema(config, db, logger);
    costs = await createCostsRuntime(config, db, logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  const app = await buildApp({ config, db, identity: identityProviderFor(config.auth), logger, costs: costs.context });

  let closing = false;
  let stopIdleTrim: () => void = () => undefined;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    stopIdleTrim();
    logger.info({ event: 'stopping', signal }, 'closing server and database');
    setTimeout(() => {
      logger.error('graceful shutdown timed out');
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    app
      .close()
      .then(() => costs.stop())
      .then(() => db.close())
      .then(() => logger.info({ event: 'stopped' }, 'stopped'))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exitCode = 1;
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await db.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  logger.info(
    { event: 'listening', host: config.host, port, mode: config.mode, database: db.kind },
    `LEAP hub service listening on http://${config.host}:${port}`
  );
  costs.start();
  stopIdleTrim = startIdleTrim(app.server, logger);
  // The knowledge graph's in-memory index, built now rather than by the first graph request.
  graphIndexOf(db, (error) => logger.warn({ err: error }, 'graph index freshness check failed')).catch((error: unknown) =>
    logger.error({ err: error }, 'graph index not built (the first graph request tries again)')
  );
}
