import type { DatabaseConfig } from '../config.js';
import type { Database } from './database.js';

/** Opens the configured database; each driver is loaded only when it is the one used. */
export async function openDatabase(config: DatabaseConfig, onConnectionError: (error: Error) => void): Promise<Database> {
  if (config.kind === 'pglite') {
    const { openPglite } = await import('./pglite.js');
    return openPglite(config.dataDir);
  }
  const { openPostgres } = await import('./postgres.js');
  return openPostgres(config.url, { onConnectionError });
}
