import { loadDemoCatalogIfEmpty } from '../catalog/demo-source.js';
import { loadDatabaseConfig, type Env } from '../config.js';
import { loadMigrations, migrate, schemaVersion } from '../db/migrations.js';
import { openDatabase } from '../db/open.js';
import { createLogger } from '../logger.js';
import { loadDemoTutorials } from '../tutorials/demo.js';

/** `leap-hub-service migrate`: brings the schema up to date, then exits. */
export async function runMigrate(env: Env): Promise<void> {
  const config = loadDatabaseConfig(env);
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config.database, {
    create: true,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost')
  });
  try {
    const applied = await migrate(db, await loadMigrations());
    const demo = config.mode === 'local' ? await loadDemoCatalogIfEmpty(db) : null;
    // Still one line: the demo catalog's import, when it ran, is summarized in the migrated record.
    const demoCatalog =
      demo === null
        ? undefined
        : { source: demo.id, status: demo.lastRefresh?.status, datasets: demo.lastRefresh?.datasets, stores: demo.lastRefresh?.stores };
    // Demo tutorials (examples/tutorials, or LEAP_TUTORIALS_DIR): imported when missing or changed.
    const tutorialReports = config.mode === 'local' ? await loadDemoTutorials(db, env.LEAP_TUTORIALS_DIR) : [];
    const demoTutorials = tutorialReports.map((r) => ({ id: r.tutorial?.id, status: r.status, errors: r.errors.map((e) => e.message) }));
    logger.info(
      { event: 'migrated', mode: config.mode, database: db.kind, applied, schemaVersion: await schemaVersion(db), demoCatalog, demoTutorials },
      applied.length > 0 ? `applied ${applied.length} migration(s)` : 'schema already up to date'
    );
  } finally {
    await db.close();
  }
}
