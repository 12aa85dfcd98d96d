import { Type, type TSchema } from 'typebox';
import type { IdentityProvider } from '../../auth/identity.js';
import { QueryError } from '../../catalog/index/catalog-index.js';
import type { CatalogIndexHolder } from '../../catalog/index/holder.js';
import type { Database } from '../../db/database.js';
import { nodeDetail } from '../../graph/detail.js';
import { catalogNodeId } from '../../graph/ids.js';
import { neighbourhood } from '../../graph/neighbourhood.js';
import { ownProfile, personProfile, updateOwnProfile } from '../../graph/people.js';
import { searchGraph } from '../../graph/search.js';
import { usedBy, usedByCounts } from '../../graph/used-by.js';
import type { ZenodoConfig } from '../../graph/zenodo.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import * as contract from '../graph-schemas.js';
import {
  DATACITE_RELATION_TYPES,
  GraphInfo,
  GraphSearchQuery,
  GraphSearchResult,
  Neighbourhood,
  NeighbourhoodQuery,
  NodeDetail,
  PERSON_RELATION_TYPES,
  PersonProfile,
  PersonUpdate,
  UsedBy,
  UsedByCounts
} from '../graph-schemas.js';
import { ApiError } from '../errors.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';
import { registerGraphExport } from './graph-export.js';
import { registerGraphRecords } from './graph-records.js';

export interface GraphDeps {
  db: Database;
  identity: IdentityProvider;
  index: CatalogIndexHolder;
  zenodo: ZenodoConfig | null;
}

const KINDS = ['Dataset', 'Paper', 'ProjectCode', 'TrainedModel', 'EducationalModule', 'Person', 'Project'] as const;
const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });
const notFound = (id: string) => new ApiError(404, 'not_found', `No node with id "${id}"`);

/** The knowledge graph: browse (here), publish (graph-records.ts), export and deposit (graph-export.ts). */
export function registerGraph(app: App, deps: GraphDeps): void {
  const { db, identity, index } = deps;
  for (const schema of Object.values(contract)) {
    if (typeof schema === 'object' && schema !== null && '$id' in schema) {
      app.addSchema(schema as TSchema);
    }
  }
  const common = { onRequest: authenticate(identity) };
  const doc = <T extends object>(summary: string, parts: T) => ({ tags: ['graph'], security: SECURITY, summary, ...parts });
  const paging = Type.Object(
    {
      offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }))
    },
    { additionalProperties: false }
  );
  const counts = Type.Object(
    { dataset: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 200 }) },
    { additionalProperties: false }
  );

  app.get(
    '/api/graph/info',
    { ...common, schema: doc('Node kinds, relation types, Zenodo availability', { response: { 200: GraphInfo, 401: ErrorBody } }) },
    async () => ({
      zenodo: deps.zenodo !== null,
      kinds: [...KINDS],
      relationTypes: [...DATACITE_RELATION_TYPES, ...PERSON_RELATION_TYPES]
    })
  );
  app.get(
    '/api/graph/search',
    {
      ...common,
      schema: doc('Search nodes by text, kind and keyword (catalog datasets included)', {
        querystring: GraphSearchQuery,
        response: { 200: GraphSearchResult, 400: ErrorBody, 401: ErrorBody }
      })
    },
    async (request) => {
      try {
        return await searchGraph(db, index.current(), request.query, identityOf(request).name);
      } catch (error) {
        if (error instanceof QueryError) {
          throw new ApiError(400, 'invalid_request', error.message, 'querystring/keyword');
        }
        throw error;
      }
    }
  );
  app.get(
    '/api/graph/nodes/:id',
    {
      ...common,
      schema: doc('A node with files, provenance and neighbours grouped by relation', {
        params: IdParams,
        response: { 200: NodeDetail, 401: ErrorBody, 404: ErrorBody }
      })
    },
    async (request) => (await nodeDetail(db, request.params.id, identityOf(request).name)) ?? Promise.reject(notFound(request.params.id))
  );
  app.get(
    '/api/graph/nodes/:id/neighbourhood',
    {
      ...common,
      schema: doc('k-hop neighbourhood (depth ≤ 3, node cap), both edge directions', {
        params: IdParams,
        querystring: NeighbourhoodQuery,
        response: { 200: Neighbourhood, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody }
      })
    },
    async (request) => {
      const { depth = 2, limit = 300 } = request.query;
      const found = await neighbourhood(db, request.params.id, identityOf(request).name, depth, limit);
      return found ?? Promise.reject(notFound(request.params.id));
    }
  );
  app.get(
    '/api/graph/datasets/:id/used-by',
    {
      ...common,
      schema: doc('Records that use a data library dataset (References, Requires, IsDerivedFrom, Cites, IsSupplementTo)', {
        params: IdParams,
        querystring: paging,
        response: { 200: UsedBy, 400: ErrorBody, 401: ErrorBody }
      })
    },
    async (request) => {
      const { offset = 0, limit = 50 } = request.query;
      return usedBy(db, catalogNodeId(request.params.id), identityOf(request).name, offset, limit);
    }
  );
  app.get(
    '/api/graph/used-by/counts',
    {
      ...common,
      schema: doc('How many records use each of these data library datasets (one query)', {
        querystring: counts,
        response: { 200: UsedByCounts, 400: ErrorBody, 401: ErrorBody }
      })
    },
    async (request) => ({ counts: await usedByCounts(db, request.query.dataset, identityOf(request).name) })
  );
  app.get(
    '/api/graph/people/me',
    { ...common, schema: doc("The caller's person and outputs (made on first use)", { response: { 200: PersonProfile, 401: ErrorBody } }) },
    async (request) => ownProfile(db, identityOf(request).name)
  );
  app.put(
    '/api/graph/people/me',
    {
      ...common,
      schema: doc("Set the caller's name, ORCID and affiliation", {
        body: PersonUpdate,
        response: { 200: PersonProfile, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody }
      })
    },
    async (request) => updateOwnProfile(db, request.body, identityOf(request).name)
  );
  app.get(
    '/api/graph/people/:id',
    {
      ...common,
      schema: doc('A person and their outputs', { params: IdParams, response: { 200: PersonProfile, 401: ErrorBody, 404: ErrorBody } })
    },
    async (request) => {
      const profile = await personProfile(db, request.params.id, identityOf(request).name);
      return profile ?? Promise.reject(new ApiError(404, 'not_found', `No person with id "${request.params.id}"`));
    }
  );
  registerGraphRecords(app, deps);
  registerGraphExport(app, deps);
}
