import { Type } from 'typebox';
import type { IdentityProvider } from '../../auth/identity.js';
import { ZarrMetadataReader, type StoreRef } from '../../catalog/zarr/reader.js';
import type { Database } from '../../db/database.js';
import { authenticate, SECURITY } from '../auth.js';
import { StoreMetadata } from '../catalog-schemas.js';
import { ApiError } from '../errors.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';

export interface CatalogZarrDeps {
  db: Database;
  identity: IdentityProvider;
  /** The reader and its cache; one per app by default. */
  zarr?: ZarrMetadataReader;
}

/**
 * Zarr metadata of one store. A problem of the store itself (private, unreachable, not Zarr, no
 * consolidated metadata, too large, timeout) is a 200 `{available: false, problem, reason, url}`:
 * the store card shows it; only an unknown dataset or store is an error (404 not_found).
 */
export function registerCatalogZarr(app: App, deps: CatalogZarrDeps): void {
  const { db, identity } = deps;
  const reader = deps.zarr ?? new ZarrMetadataReader();
  app.get(
    '/api/catalog/datasets/:id/stores/:store/metadata',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Variables, dims, dtypes, chunks, CF attributes and size of a Zarr store, from its consolidated metadata',
        description:
          'Read over HTTP(S) from `.zmetadata` (v2) or `zarr.json` with consolidated_metadata (v3), cached per URL. ' +
          'Problems of the store answer 200 with `available: false`, a `problem` code and a `reason` naming the URL.',
        tags: ['catalog'],
        security: SECURITY,
        params: Type.Object({ id: Type.String({ minLength: 1 }), store: Type.String({ minLength: 1 }) }),
        response: { 200: StoreMetadata, 401: ErrorBody, 404: ErrorBody, 502: ErrorBody }
      }
    },
    async (request) => {
      const { id, store } = request.params;
      const [row] = await db.query<{ url: string; public: boolean; format: string; open_kwargs: Record<string, unknown> | null }>(
        'SELECT url, public, format, open_kwargs FROM stores WHERE dataset = $1 AND id = $2',
        [id, store]
      );
      if (row === undefined) {
        const [dataset] = await db.query<{ id: string }>('SELECT id FROM datasets WHERE id = $1', [id]);
        throw new ApiError(
          404,
          'not_found',
          dataset === undefined ? `No dataset with id "${id}"` : `Dataset "${id}" has no store "${store}"`
        );
      }
      const ref: StoreRef = { url: row.url, public: row.public, format: row.format, openKwargs: row.open_kwargs ?? {} };
      return reader.read(ref);
    }
  );
}
