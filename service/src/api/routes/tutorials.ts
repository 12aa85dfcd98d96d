import { Type } from 'typebox';
import type { IdentityProvider } from '../../auth/identity.js';
import type { Database } from '../../db/database.js';
import type { SessionChanges } from '../../tutorials/changes.js';
import { TutorialError } from '../../tutorials/errors.js';
import { deleteTutorial } from '../../tutorials/delete.js';
import { importTutorial } from '../../tutorials/import.js';
import { readProgress, resetProgress, updateProgress } from '../../tutorials/progress.js';
import { listTutorials, readTutorialCached, readTutorialFile } from '../../tutorials/store.js';
import type { Identity } from '../../auth/identity.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { ApiError } from '../errors.js';
import { ErrorBody, type Mode } from '../schemas.js';
import {
  NewTutorialImport,
  Progress,
  ProgressUpdate,
  Tutorial,
  TutorialDeletion,
  TutorialDeletionQuery,
  TutorialImportReport,
  TutorialList
} from '../tutorials-schemas.js';
import type { App } from '../types.js';

export interface TutorialsDeps {
  db: Database;
  identity: IdentityProvider;
  mode: Mode;
  /** Hub groups whose members may run class sessions. */
  instructorGroups: readonly string[];
  changes: SessionChanges;
}

const STATUS: Record<TutorialError['kind'], [number, string]> = {
  not_found: [404, 'not_found'],
  invalid: [400, 'invalid_request'],
  forbidden: [403, 'forbidden'],
  session_ended: [409, 'session_ended'],
  sessions_running: [409, 'sessions_running']
};

/** The tutorials part's refusals as ErrorBody responses. */
export function asApiError(error: unknown): unknown {
  if (error instanceof TutorialError) {
    const [status, code] = STATUS[error.kind];
    return new ApiError(status, code, error.message, error.field);
  }
  return error;
}

export async function tutorialOr404(db: Database, id: string): Promise<Tutorial> {
  const tutorial = await readTutorialCached(db, id);
  if (tutorial === null) {
    throw new ApiError(404, 'not_found', `No tutorial has the id "${id}"`);
  }
  return tutorial;
}

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });

/** Who may import tutorials over HTTP, and so delete them: hub admins; in local mode the local user (an admin). */
export function mayManageTutorials(user: Identity): boolean {
  return user.admin;
}

/** Tutorials, their shipped files and the caller's own progress. */
export function registerTutorials(app: App, { db, identity, mode, changes }: TutorialsDeps): void {
  const errors = { 401: ErrorBody, 404: ErrorBody, 502: ErrorBody };
  const common = { onRequest: authenticate(identity) };
  app.get(
    '/api/tutorials',
    { ...common, schema: { summary: 'Every tutorial, by title', tags: ['tutorials'], security: SECURITY, response: { 200: TutorialList, ...errors } } },
    async () => ({ tutorials: await listTutorials(db) })
  );
  app.post(
    '/api/tutorials/import',
    {
      ...common,
      schema: {
        summary: 'Import a manifest, a folder with tutorial.yaml, a Jupyter Book _toc.yml or a MyST myst.yml from a server-side path (admins)',
        tags: ['tutorials'],
        security: SECURITY,
        body: NewTutorialImport,
        response: { 201: TutorialImportReport, 400: ErrorBody, 403: ErrorBody, ...errors }
      }
    },
    async (request, reply) => {
      if (!mayManageTutorials(identityOf(request))) {
        throw new ApiError(403, 'forbidden', 'Only hub admins may import tutorials (or use `leap-hub-service tutorials import`)');
      }
      const report = await importTutorial(db, request.body.path);
      if (report.status === 'failed') {
        throw new ApiError(400, 'invalid_manifest', report.errors.map((e) => e.message).join('\n'), 'body/path');
      }
      return reply.code(201).send(report);
    }
  );
  app.get(
    '/api/tutorials/:id',
    {
      ...common,
      schema: { summary: 'A tutorial with its steps and files', tags: ['tutorials'], security: SECURITY, params: IdParams, response: { 200: Tutorial, ...errors } }
    },
    async (request) => tutorialOr404(db, request.params.id)
  );
  app.delete(
    '/api/tutorials/:id',
    {
      ...common,
      schema: {
        summary: 'Delete a tutorial with its files and ended class sessions (admins); learners\' progress is kept unless ?progress=delete',
        tags: ['tutorials'],
        security: SECURITY,
        params: IdParams,
        querystring: TutorialDeletionQuery,
        response: { 200: TutorialDeletion, 403: ErrorBody, 409: ErrorBody, ...errors }
      }
    },
    async (request) => {
      if (!mayManageTutorials(identityOf(request))) {
        throw new ApiError(403, 'forbidden', 'Only hub admins may delete tutorials (the users who may import them)');
      }
      const deletion = await deleteTutorial(db, request.params.id, {
        progress: request.query.progress ?? 'keep',
        // local `migrate` (run before every start) imports the demo tutorials again
        reseeded: (source) => mode === 'local' && source.kind === 'demo'
      }).catch((error: unknown) => {
        throw asApiError(error);
      });
      // dashboards still waiting on a deleted session answer at once (404)
      changes.notify(deletion.endedSessions);
      return deletion;
    }
  );
  app.get(
    '/api/tutorials/:id/files/*',
    {
      ...common,
      schema: {
        summary: 'A shipped file of a tutorial (bytes; ETag is its sha256)',
        tags: ['tutorials'],
        security: SECURITY,
        // The file path is the wildcard `*`: read untyped (TypeBox's Value.Convert fails on a key "*"),
        // documented by openapi.ts.
        params: IdParams,
        response: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } },
          304: Type.Null(),
          ...errors
        }
      }
    },
    async (request, reply) => {
      const { id } = request.params;
      const filePath = (request.params as Record<string, string>)['*'] ?? '';
      const file = await readTutorialFile(db, id, filePath);
      if (file === null) {
        throw new ApiError(404, 'not_found', `Tutorial "${id}" ships no file "${filePath}"`);
      }
      const etag = `"${file.sha256}"`;
      reply.header('ETag', etag).header('Cache-Control', 'no-cache');
      if (request.headers['if-none-match'] === etag) {
        return reply.code(304).send(null);
      }
      return reply.type('application/octet-stream').send(file.content);
    }
  );
  app.get(
    '/api/tutorials/:id/progress',
    {
      ...common,
      schema: { summary: 'The caller\'s own progress (a fresh one before the first update)', tags: ['tutorials'], security: SECURITY, params: IdParams, response: { 200: Progress, ...errors } }
    },
    async (request) => readProgress(db, identityOf(request).name, await tutorialOr404(db, request.params.id))
  );
  app.post(
    '/api/tutorials/:id/progress',
    {
      ...common,
      schema: {
        summary: 'Record the caller\'s progress (step, check result, hints, time; session joins a class)',
        tags: ['tutorials'],
        security: SECURITY,
        params: IdParams,
        body: ProgressUpdate,
        response: { 200: Progress, 400: ErrorBody, 409: ErrorBody, ...errors }
      }
    },
    async (request) => {
      const tutorial = await tutorialOr404(db, request.params.id);
      const { progress, sessions } = await updateProgress(db, identityOf(request).name, tutorial, request.body).catch((error: unknown) => {
        throw asApiError(error);
      });
      changes.notify(sessions);
      return progress;
    }
  );
  app.delete(
    '/api/tutorials/:id/progress',
    {
      ...common,
      schema: { summary: 'Reset the caller\'s progress', tags: ['tutorials'], security: SECURITY, params: IdParams, response: { 204: Type.Null(), ...errors } }
    },
    async (request, reply) => {
      const tutorial = await tutorialOr404(db, request.params.id);
      changes.notify(await resetProgress(db, identityOf(request).name, tutorial.id));
      return reply.code(204).send(null);
    }
  );
}
