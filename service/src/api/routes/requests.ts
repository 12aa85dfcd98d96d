import { Type, type TSchema } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { IdentityProvider } from '../../auth/identity.js';
import type { CatalogIndexHolder } from '../../catalog/index/holder.js';
import type { Database } from '../../db/database.js';
import type { RequestsContext } from '../../requests/context.js';
import { findDuplicates } from '../../requests/duplicates.js';
import { SPDX_LICENSES } from '../../requests/licenses.js';
import { createRequest, listRequests, readRequest, requestEvents } from '../../requests/store.js';
import { isDataTeam } from '../../requests/team.js';
import { TRANSITIONS } from '../../requests/transitions.js';
import { cleanRequest, RequestFieldError } from '../../requests/validate.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { ApiError } from '../errors.js';
import * as contract from '../requests-schemas.js';
import {
  ACCESS_PROTOCOLS,
  AUTHORIZATIONS,
  DATA_FORMATS,
  DatasetRequest,
  DuplicateQuery,
  Duplicates,
  NewDatasetRequest,
  RequestDetail,
  RequestFormInfo,
  RequestList,
  RequestListQuery,
  TARGET_FORMATS,
  type DatasetRequest as DatasetRequestType
} from '../requests-schemas.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';
import { registerRequestTriage } from './requests-triage.js';

export interface RequestsDeps {
  db: Database;
  identity: IdentityProvider;
  index: CatalogIndexHolder;
  requests: RequestsContext;
}

export const RequestParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$', description: 'The request number' }) });
export const ERRORS = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 502: ErrorBody };

export function asFieldError(error: unknown): unknown {
  return error instanceof RequestFieldError ? new ApiError(400, 'invalid_request', error.message, error.field) : error;
}

/** The request by number when the caller may see it (its requester, the data team); else 404, so others' numbers say nothing. */
export async function visibleRequest(db: Database, request: FastifyRequest, id: string, groups: readonly string[]): Promise<DatasetRequestType> {
  const caller = identityOf(request);
  const found = await readRequest(db, Number(id));
  if (found === null || (found.requester !== caller.name && !isDataTeam(caller, groups))) {
    throw new ApiError(404, 'not_found', `No dataset request ${id}`);
  }
  return found;
}

/** Dataset requests: the form's options, duplicates, submit, list, detail; triage in requests-triage.ts. */
export function registerRequests(app: App, deps: RequestsDeps): void {
  const { db, identity, index, requests } = deps;
  for (const schema of Object.values(contract)) {
    if (typeof schema === 'object' && schema !== null && '$id' in schema) {
      app.addSchema(schema as TSchema);
    }
  }
  const sender = requests.mirror?.sender;
  if (sender !== undefined) {
    app.addHook('onReady', async () => sender.start());
    app.addHook('onClose', async () => sender.stop());
  }
  const common = { onRequest: authenticate(identity) };
  const doc = <T extends object>(summary: string, parts: T) => ({ tags: ['requests'], security: SECURITY, summary, ...parts });
  app.get(
    '/api/requests/form',
    { ...common, schema: doc('The request form: its options, the SPDX license list, allowed transitions, whether the caller triages', { response: { 200: RequestFormInfo, ...ERRORS } }) },
    async (request) => ({
      formats: [...DATA_FORMATS],
      accessProtocols: [...ACCESS_PROTOCOLS],
      authorizations: [...AUTHORIZATIONS],
      targetFormats: [...TARGET_FORMATS],
      licenses: [...SPDX_LICENSES],
      transitions: Object.fromEntries(Object.entries(TRANSITIONS).map(([from, to]) => [from, [...to]])),
      canTriage: isDataTeam(identityOf(request), requests.dataTeamGroups),
      mirrorRepo: requests.mirror?.repo ?? null
    })
  );
  app.get(
    '/api/requests/duplicates',
    { ...common, schema: doc('Likely duplicates of a request being written: catalog datasets and visible requests', { querystring: DuplicateQuery, response: { 200: Duplicates, 400: ErrorBody, ...ERRORS } }) },
    async (request) => {
      const caller = identityOf(request);
      const requester = isDataTeam(caller, requests.dataTeamGroups) ? null : caller.name;
      return findDuplicates(db, index.current(), request.query.name ?? '', request.query.url ?? '', requester);
    }
  );
  app.post(
    '/api/requests',
    { ...common, schema: doc('Request a dataset (the LEAP New Dataset form); mirrored to GitHub when configured', { body: NewDatasetRequest, response: { 201: DatasetRequest, 400: ErrorBody, ...ERRORS } }) },
    async (request, reply) => {
      const caller = identityOf(request);
      let clean;
      try {
        clean = cleanRequest(request.body);
      } catch (error) {
        throw asFieldError(error);
      }
      const mirror = requests.mirror === null ? null : { repo: requests.mirror.repo, due: requests.now() };
      const created = await createRequest(db, caller.name, clean, mirror);
      sender?.kick();
      return reply.code(201).send(created);
    }
  );
  app.get(
    '/api/requests',
    { ...common, schema: doc("The caller's requests, or everyone's (all=true: data team and admins), newest first", { querystring: RequestListQuery, response: { 200: RequestList, 400: ErrorBody, ...ERRORS } }) },
    async (request) => {
      const caller = identityOf(request);
      const { all, status, offset, limit } = request.query;
      if (all === true && !isDataTeam(caller, requests.dataTeamGroups)) {
        throw new ApiError(403, 'forbidden', `Only the data team (${requests.dataTeamGroups.join(', ')}) and admins see everyone's requests`, 'querystring/all');
      }
      return listRequests(db, { requester: all === true ? null : caller.name, statuses: status ?? [], offset: offset ?? 0, limit: limit ?? 50 });
    }
  );
  app.get(
    '/api/requests/:id',
    { ...common, schema: doc('One request with its history (its requester, the data team)', { params: RequestParams, response: { 200: RequestDetail, 400: ErrorBody, ...ERRORS } }) },
    async (request) => {
      const found = await visibleRequest(db, request, request.params.id, requests.dataTeamGroups);
      return { request: found, events: await requestEvents(db, found.id), canTriage: isDataTeam(identityOf(request), requests.dataTeamGroups) };
    }
  );
  registerRequestTriage(app, deps);
}
