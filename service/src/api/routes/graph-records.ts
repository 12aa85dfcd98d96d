import { Type } from 'typebox';
import { deleteDraft, publishDraft, publishRecord, updateDraft } from '../../graph/publish.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { Node, PublishRequest, PublishResult } from '../graph-schemas.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';
import type { GraphDeps } from './graph.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Publishing: create (draft or published, or a new version), replace a draft, publish it, delete it. */
export function registerGraphRecords(app: App, { db, identity }: GraphDeps): void {
  const common = { onRequest: authenticate(identity) };
  const doc = <T extends object>(summary: string, parts: T) => ({ tags: ['graph'], security: SECURITY, summary, ...parts });
  app.post(
    '/api/graph/records',
    {
      ...common,
      schema: doc('Publish a record (or save a draft, or a new version of one)', {
        body: PublishRequest,
        response: { 201: PublishResult, ...errors }
      })
    },
    async (request, reply) => reply.code(201).send(await publishRecord(db, request.body, identityOf(request).name))
  );
  app.put(
    '/api/graph/records/:id',
    {
      ...common,
      schema: doc("Replace the caller's draft (draft: false publishes it)", {
        params: IdParams,
        body: PublishRequest,
        response: { 200: PublishResult, ...errors }
      })
    },
    async (request) => updateDraft(db, request.params.id, request.body, identityOf(request).name)
  );
  app.post(
    '/api/graph/records/:id/publish',
    { ...common, schema: doc("Publish the caller's draft", { params: IdParams, response: { 200: Node, ...errors } }) },
    async (request) => publishDraft(db, request.params.id, identityOf(request).name)
  );
  app.delete(
    '/api/graph/records/:id',
    { ...common, schema: doc("Delete the caller's draft", { params: IdParams, response: { 204: Type.Null(), ...errors } }) },
    async (request, reply) => {
      await deleteDraft(db, request.params.id, identityOf(request).name);
      return reply.code(204).send(null);
    }
  );
}
