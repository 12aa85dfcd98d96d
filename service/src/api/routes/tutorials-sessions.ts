import { Type } from 'typebox';
import { LONGEST_WAIT_S, waitForDashboard } from '../../tutorials/changes.js';
import { sessionCsv } from '../../tutorials/csv.js';
import { buildDashboard } from '../../tutorials/dashboard.js';
import { readProgress } from '../../tutorials/progress.js';
import { createSession, endSession, isInstructor, listOwnSessions, readSession } from '../../tutorials/sessions.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { ApiError } from '../errors.js';
import { ErrorBody } from '../schemas.js';
import { ClassSession, ClassSessionList, Dashboard, DashboardQuery, NewClassSession } from '../tutorials-schemas.js';
import type { App } from '../types.js';
import { asApiError, tutorialOr404, type TutorialsDeps } from './tutorials.js';

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 16 }) });

function rethrow(error: unknown): never {
  throw asApiError(error);
}

/** Class sessions: create (instructors), join info (anyone), dashboard / end / export (its instructors). */
export function registerTutorialSessions(app: App, { db, identity, mode, instructorGroups, changes }: TutorialsDeps): void {
  const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 502: ErrorBody };
  const common = { onRequest: authenticate(identity) };
  app.post(
    '/api/class-sessions',
    {
      ...common,
      schema: {
        summary: 'Start a class session for a tutorial: join code and link (instructors)',
        tags: ['tutorials'],
        security: SECURITY,
        body: NewClassSession,
        response: { 201: ClassSession, 400: ErrorBody, ...errors }
      }
    },
    async (request, reply) => {
      const user = identityOf(request);
      if (!isInstructor(user, mode, instructorGroups)) {
        throw new ApiError(403, 'forbidden', `Only instructors (hub admins and members of ${instructorGroups.join(', ')}) may start class sessions`);
      }
      const session = await createSession(db, request.body.tutorialId, user.name, request.body.instructors).catch(rethrow);
      return reply.code(201).send(session);
    }
  );
  app.get(
    '/api/class-sessions',
    {
      ...common,
      schema: { summary: 'The class sessions the caller instructs, newest first', tags: ['tutorials'], security: SECURITY, response: { 200: ClassSessionList, ...errors } }
    },
    async (request) => ({ sessions: await listOwnSessions(db, identityOf(request).name) })
  );
  app.get(
    '/api/class-sessions/:code',
    {
      ...common,
      schema: { summary: 'A class session by its join code (to join it)', tags: ['tutorials'], security: SECURITY, params: CodeParams, response: { 200: ClassSession, ...errors } }
    },
    async (request) => {
      const { version: _version, ...session } = await readSession(db, request.params.code).catch(rethrow);
      return session;
    }
  );
  app.post(
    '/api/class-sessions/:code/end',
    {
      ...common,
      schema: { summary: 'End a class session (its instructors)', tags: ['tutorials'], security: SECURITY, params: CodeParams, response: { 200: ClassSession, ...errors } }
    },
    async (request) => {
      const session = await endSession(db, request.params.code, identityOf(request).name).catch(rethrow);
      changes.notify([session.code]);
      return session;
    }
  );
  app.get(
    '/api/class-sessions/:code/dashboard',
    {
      ...common,
      schema: {
        summary: 'Live progress of a class session (its instructors); ?after=<version> waits for a newer one (long-poll)',
        tags: ['tutorials'],
        security: SECURITY,
        params: CodeParams,
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...errors }
      }
    },
    async (request, reply) => {
      const aborted = new AbortController();
      reply.raw.on('close', () => aborted.abort());
      const { after, wait } = request.query;
      return waitForDashboard(db, changes, request.params.code, identityOf(request).name, after, wait ?? LONGEST_WAIT_S, aborted.signal).catch(rethrow);
    }
  );
  app.get(
    '/api/class-sessions/:code/export.csv',
    {
      ...common,
      schema: {
        summary: 'Results of a class session as CSV, one row per learner (its instructors)',
        tags: ['tutorials'],
        security: SECURITY,
        params: CodeParams,
        response: { 200: { description: 'One row per learner', content: { 'text/csv': { schema: Type.String() } } }, ...errors }
      }
    },
    async (request, reply) => {
      const user = identityOf(request).name;
      const dashboard = await buildDashboard(db, request.params.code, user).catch(rethrow);
      const tutorial = await tutorialOr404(db, dashboard.session.tutorialId);
      const progress = new Map(await Promise.all(dashboard.learners.map(async (l) => [l.name, await readProgress(db, l.name, tutorial)] as const)));
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="class-${dashboard.session.code}-${tutorial.id}.csv"`)
        .send(sessionCsv(tutorial, dashboard, progress));
    }
  );
}
