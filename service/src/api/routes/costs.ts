import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { Identity, IdentityProvider } from '../../auth/identity.js';
import { acknowledge, checkBudgets, eventsFor, listBudgets } from '../../costs/budgets.js';
import type { CostsContext } from '../../costs/context.js';
import { recordHeartbeat } from '../../costs/heartbeat.js';
import { groupsOf } from '../../costs/rates.js';
import { CostRangeError, costHistory, costSummary } from '../../costs/summary.js';
import type { Database } from '../../db/database.js';
import { authenticate, identityOf, SECURITY } from '../auth.js';
import {
  CostHistory,
  CostSummary,
  EventsAck,
  EventsQuery,
  Heartbeat,
  HeartbeatReceipt,
  HistoryQuery,
  SummaryQuery,
  ThresholdEvents
} from '../costs-schemas.js';
import { ApiError } from '../errors.js';
import { ErrorBody } from '../schemas.js';
import type { App } from '../types.js';

export interface CostsDeps {
  db: Database;
  identity: IdentityProvider;
  costs: CostsContext;
}

export const COST_ERRORS = { 401: ErrorBody, 403: ErrorBody, 502: ErrorBody };

/** The user asked about (the caller, or another user for admins) and that user's groups. */
export async function subjectOf(db: Database, request: FastifyRequest, user: string | undefined): Promise<{ name: string; groups: string[] }> {
  const caller: Identity = identityOf(request);
  if (user === undefined || user === caller.name) {
    return { name: caller.name, groups: caller.groups };
  }
  if (!caller.admin) {
    throw new ApiError(403, 'forbidden', 'Only hub admins may see the costs of other users', 'querystring/user');
  }
  return { name: user, groups: await groupsOf(db, user) };
}

export function asRangeError(error: unknown): unknown {
  return error instanceof CostRangeError ? new ApiError(400, 'invalid_request', error.message, error.field) : error;
}

/** A user's own costs: heartbeat in, summary, daily history, threshold events. */
export function registerCosts(app: App, { db, identity, costs }: CostsDeps): void {
  app.post(
    '/api/costs/heartbeat',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: "The gateway's report of its server (requests, usage) and the user's Dask clusters, every 60 s",
        tags: ['costs'],
        security: SECURITY,
        body: Heartbeat,
        response: { 200: HeartbeatReceipt, 400: ErrorBody, ...COST_ERRORS }
      }
    },
    async (request) => {
      const caller = identityOf(request);
      const seen = new Set<string>();
      request.body.daskClusters.forEach(({ id }, i) => {
        if (seen.has(id)) {
          const field = `body/daskClusters/${i}/id`;
          throw new ApiError(400, 'invalid_request', `${field}: cluster "${id}" is listed twice`, field);
        }
        seen.add(id);
      });
      const now = costs.now();
      const pricing = costs.pricing.current;
      const rate = await recordHeartbeat(db, pricing, caller.name, request.body, now, costs.timing);
      return {
        receivedAt: now.toISOString(),
        intervalSeconds: Math.round(costs.timing.intervalMs / 1000),
        ratePerHour: rate,
        currency: pricing.currency
      };
    }
  );
  app.get(
    '/api/costs/summary',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Rate now, today and month to date by resource, what runs, budgets with projection, idle hints',
        tags: ['costs'],
        security: SECURITY,
        querystring: SummaryQuery,
        response: { 200: CostSummary, 400: ErrorBody, ...COST_ERRORS }
      }
    },
    async (request) => {
      const subject = await subjectOf(db, request, request.query.user);
      return costSummary(db, costs.pricing.current, subject.name, subject.groups, costs.now());
    }
  );
  app.get(
    '/api/costs/history',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Daily costs by resource (UTC days, default the last 30)',
        tags: ['costs'],
        security: SECURITY,
        querystring: HistoryQuery,
        response: { 200: CostHistory, 400: ErrorBody, ...COST_ERRORS }
      }
    },
    async (request) => {
      const subject = await subjectOf(db, request, request.query.user);
      return costHistory(db, costs.pricing.current, subject.name, request.query, costs.now()).catch((error: unknown) => {
        throw asRangeError(error);
      });
    }
  );
  app.get(
    '/api/costs/events',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: "Threshold crossings of the caller's and their groups' budgets (once per threshold per month)",
        tags: ['costs'],
        security: SECURITY,
        querystring: EventsQuery,
        response: { 200: ThresholdEvents, 400: ErrorBody, ...COST_ERRORS }
      }
    },
    async (request) => {
      const caller = identityOf(request);
      // Records any crossing the periodic check has not recorded yet.
      const pricing = costs.pricing.current;
      await checkBudgets(db, pricing, costs.now(), await listBudgets(db, pricing.currency, { user: caller.name, groups: caller.groups }));
      const events = await eventsFor(db, caller.name, caller.groups, costs.now(), request.query.unacknowledged === true);
      return { currency: costs.pricing.current.currency, events };
    }
  );
  app.post(
    '/api/costs/events/ack',
    {
      onRequest: authenticate(identity),
      schema: {
        summary: 'Mark events as notified for the caller',
        tags: ['costs'],
        security: SECURITY,
        body: EventsAck,
        response: { 204: Type.Null(), 400: ErrorBody, ...COST_ERRORS }
      }
    },
    async (request, reply) => {
      const caller = identityOf(request);
      await acknowledge(db, caller.name, caller.groups, request.body.ids);
      return reply.code(204).send(null);
    }
  );
}
