import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { addSource, listSources, refreshSource, SourceError } from '../../catalog/sources.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { CatalogSource, NewCatalogSource } from '../catalog-schemas.js';
import { ApiError } from '../errors.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';
import type { CatalogDeps } from './catalog.js';

function requireAdmin(request: FastifyRequest): void {
  if (!identityOf(request).admin) {
    throw new ApiError(403, 'forbidden', 'Only hub admins may add or refresh catalog sources');
  }
}

function asApiError(error: unknown): unknown {
  if (error instanceof SourceError) {
    return error.kind === 'not_found'
      ? new ApiError(404, 'not_found', error.message)
      : new ApiError(400, 'invalid_request', error.message, 'body/url');
  }
  return error;
}

/** GET /api/catalog/sources (any user); POST to add one and POST …/:id/refresh (admins). */
export function registerCatalogSources(app: App, { db, identity, index }: CatalogDeps): void {
  const errors = { 401: ErrorBody, 403: ErrorBody, 502: ErrorBody };
  app.get(
    '/api/catalog/sources',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Catalog sources with their last refresh',
        tags: ['catalog'],
        security: SECURITY,
        response: { 200: Type.Array(CatalogSource), ...errors }
      }
    },
    async () => listSources(db)
  );
  app.post(
    '/api/catalog/sources',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Add a source (URL or server-side path; kind detected when not given) and import it (admins)',
        tags: ['catalog'],
        security: SECURITY,
        body: NewCatalogSource,
        response: { 201: CatalogSource, 400: ErrorBody, ...errors }
      }
    },
    async (request, reply) => {
      requireAdmin(request);
      const source = await addSource(db, request.body).catch((error: unknown) => {
        throw asApiError(error);
      });
      await index.rebuild();
      return reply.code(201).send(source);
    }
  );
  app.post(
    '/api/catalog/sources/:id/refresh',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Import a source again; a failed import keeps the previous version served (admins)',
        tags: ['catalog'],
        security: SECURITY,
        params: Type.Object({ id: Type.String({ minLength: 1 }) }),
        response: { 200: CatalogSource, 404: ErrorBody, ...errors }
      }
    },
    async (request) => {
      requireAdmin(request);
      const source = await refreshSource(db, request.params.id).catch((error: unknown) => {
        throw asApiError(error);
      });
      await index.rebuild();
      return source;
    }
  );
}
