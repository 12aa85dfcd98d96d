import { Type } from 'typebox';
import { changeStatus, TransitionError } from '../../requests/triage.js';
import { addComment, markRead, readRequest, unreadEvents } from '../../requests/store.js';
import { isDataTeam } from '../../requests/team.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import { ApiError } from '../errors.js';
import { DatasetRequest, NewComment, NotificationsRead, RequestEvent, RequestNotifications, StatusChange } from '../requests-schemas.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';
import { asFieldError, ERRORS, RequestParams, visibleRequest, type RequestsDeps } from './requests.js';

/** Triage (status, mirror retry: data team), comments (requester and data team), the requester's notifications. */
export function registerRequestTriage(app: App, { db, identity, requests }: RequestsDeps): void {
  const common = { onRequest: authenticate(identity) };
  const doc = <T extends object>(summary: string, parts: T) => ({ tags: ['requests'], security: SECURITY, summary, ...parts });
  const mustTriage = (caller: ReturnType<typeof identityOf>, what: string) => {
    if (!isDataTeam(caller, requests.dataTeamGroups)) {
      throw new ApiError(403, 'forbidden', `Only the data team (${requests.dataTeamGroups.join(', ')}) and admins may ${what}`);
    }
  };
  app.post(
    '/api/requests/:id/status',
    {
      ...common,
      schema: doc('Change the status: new → accepted → ingesting → done (linking a catalog dataset) or declined (data team); also a comment on the GitHub issue, which done and declined close', {
        params: RequestParams,
        body: StatusChange,
        response: { 200: DatasetRequest, 400: ErrorBody, 409: ErrorBody, ...ERRORS }
      })
    },
    async (request) => {
      const caller = identityOf(request);
      await visibleRequest(db, request, request.params.id, requests.dataTeamGroups);
      mustTriage(caller, 'change the status of a request');
      try {
        const changed = await changeStatus(db, Number(request.params.id), caller.name, request.body, requests.now());
        if (changed === null) throw new ApiError(404, 'not_found', `No dataset request ${request.params.id}`);
        requests.mirror?.sender.kick();
        return changed;
      } catch (error) {
        if (error instanceof TransitionError) throw new ApiError(409, 'invalid_transition', error.message, 'body/status');
        throw asFieldError(error);
      }
    }
  );
  app.post(
    '/api/requests/:id/comments',
    { ...common, schema: doc("Comment on a request (its requester, the data team); the data team's comments also go to its GitHub issue", { params: RequestParams, body: NewComment, response: { 201: RequestEvent, 400: ErrorBody, ...ERRORS } }) },
    async (request, reply) => {
      const found = await visibleRequest(db, request, request.params.id, requests.dataTeamGroups);
      const body = request.body.body.trim();
      if (body === '') throw new ApiError(400, 'invalid_request', 'A comment needs some text', 'body/body');
      // The data team's comments go to the GitHub issue too; the requester's stay here.
      const byTeam = isDataTeam(identityOf(request), requests.dataTeamGroups);
      const event = await addComment(db, found, identityOf(request).name, body, byTeam ? requests.now() : null);
      if (byTeam) requests.mirror?.sender.kick();
      return reply.code(201).send(event);
    }
  );
  app.post(
    '/api/requests/:id/mirror/retry',
    { ...common, schema: doc('Try the GitHub mirror of this request again now: its issue if not open yet, its updates not sent yet (data team)', { params: RequestParams, response: { 200: DatasetRequest, 400: ErrorBody, 409: ErrorBody, ...ERRORS } }) },
    async (request) => {
      await visibleRequest(db, request, request.params.id, requests.dataTeamGroups);
      mustTriage(identityOf(request), 'retry the GitHub mirror');
      const sender = requests.mirror?.sender;
      if (sender === undefined || !(await sender.retry(Number(request.params.id)))) {
        throw new ApiError(409, 'conflict', 'This request has nothing to retry on GitHub (no mirror configured, or its issue is open and every update sent)');
      }
      return (await readRequest(db, Number(request.params.id)))!;
    }
  );
  app.get(
    '/api/requests/notifications',
    { ...common, schema: doc("Unread status changes of the caller's requests and others' comments on them", { response: { 200: RequestNotifications, ...ERRORS } }) },
    async (request) => ({ events: await unreadEvents(db, identityOf(request).name) })
  );
  app.post(
    '/api/requests/notifications/read',
    { ...common, schema: doc('Mark notifications read (the caller\'s own; other ids are ignored)', { body: NotificationsRead, response: { 204: Type.Null(), 400: ErrorBody, ...ERRORS } }) },
    async (request, reply) => {
      await markRead(db, identityOf(request).name, request.body.ids);
      return reply.code(204).send(null);
    }
  );
}
