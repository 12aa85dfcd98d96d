import type { DatabaseConfig } from '../config.js';
import type { Database } from './database.js';

export interface OpenOptions {
  /** May an embedded database be created (initdb)? Only `migrate` does that. */
  create: boolean;
  /** Called when an idle PostgreSQL connection breaks (it is replaced). */
  onConnectionError: (error: Error) => void;
}

/** Opens the configured database; each driver is loaded only when it is the one used. */
export async function openDatabase(config: DatabaseConfig, { create, onConnectionError }: OpenOptions): Promise<Database> {
  if (config.kind === 'pglite') {
    const { openPglite } = await import('./pglite.js');
    return openPglite(config.dataDir, { create });
  }
  const { openPostgres } = await import('./postgres.js');
  return openPostgres(config.url, { onConnectionError });
}
