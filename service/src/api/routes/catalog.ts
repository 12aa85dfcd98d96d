import { Type, type TSchema } from 'typebox';
import type { IdentityProvider } from '../../auth/identity.js';
import { QueryError } from '../../catalog/index/catalog-index.js';
import type { CatalogIndexHolder } from '../../catalog/index/holder.js';
import { datasetDetail } from '../../catalog/read.js';
import { searchCatalog } from '../../catalog/search.js';
import type { Database } from '../../db/database.js';
import { authenticate, SECURITY } from '../auth.js';
import * as contract from '../catalog-schemas.js';
import { DatasetDetail, SearchQuery, SearchResult } from '../catalog-schemas.js';
import { ApiError } from '../errors.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';
import { registerCatalogSources } from './catalog-sources.js';

export interface CatalogDeps {
  db: Database;
  identity: IdentityProvider;
  index: CatalogIndexHolder;
}

/** The data library: search, dataset detail and (catalog-sources.ts) the sources admins manage. */
export function registerCatalog(app: App, deps: CatalogDeps): void {
  const { db, identity, index } = deps;
  for (const schema of Object.values(contract)) {
    if (typeof schema === 'object' && schema !== null && '$id' in schema) {
      app.addSchema(schema as TSchema);
    }
  }
  app.get(
    '/api/catalog/search',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Search datasets: free text, facet filters, facet counts, paging',
        tags: ['catalog'],
        security: SECURITY,
        querystring: SearchQuery,
        response: { 200: SearchResult, 400: ErrorBody, 401: ErrorBody, 502: ErrorBody }
      }
    },
    async (request) => {
      try {
        return await searchCatalog(db, index.current(), request.query);
      } catch (error) {
        if (error instanceof QueryError) {
          throw new ApiError(400, 'invalid_request', error.message, error.field);
        }
        throw error;
      }
    }
  );
  app.get(
    '/api/catalog/datasets/:id',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'One dataset with its stores and open snippets (ids are URL-encoded in the path)',
        tags: ['catalog'],
        security: SECURITY,
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        response: { 200: DatasetDetail, 401: ErrorBody, 404: ErrorBody, 502: ErrorBody }
      }
    },
    async (request) => {
      const detail = await datasetDetail(db, request.params.id);
      if (detail === null) {
        throw new ApiError(404, 'not_found', `No dataset with id "${request.params.id}"`);
      }
      return detail;
    }
  );
  registerCatalogSources(app, deps);
}
