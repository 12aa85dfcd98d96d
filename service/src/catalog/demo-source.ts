import type { CatalogSource } from '../api/catalog-schemas.js';
import type { Database } from '../db/database.js';
import { DEMO_URL } from './demo.js';
import { addSource } from './sources.js';

/** Local mode: loads the shipped LEAP catalog as source "leap" when no source exists yet; null otherwise. */
export async function loadDemoCatalogIfEmpty(db: Database): Promise<CatalogSource | null> {
  const [{ count }] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM catalog_sources');
  if (count > 0) {
    return null;
  }
  return addSource(db, { id: 'leap', url: DEMO_URL, kind: 'leap-web-catalog', name: 'LEAP Data Library (demo)' });
}
