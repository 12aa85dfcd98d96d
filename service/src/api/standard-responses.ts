import type { FastifySchema, RouteOptions } from 'fastify';
import { ErrorBody } from './schemas.js';

/** Methods whose body Fastify parses: a bad one is 400 (invalid_json), 413 or 415 before the handler runs. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface DocumentedSchema extends FastifySchema {
  hide?: boolean;
  response?: Record<string, unknown>;
}

/**
 * The ErrorBody statuses a route answers with whatever its handler does: 400 when anything of the
 * request is validated (path parameters, query, body, headers; a path parameter too long or badly
 * %-encoded), 413 and 415 for a request body, 431 for a query (request line and headers over
 * Node's 16 KB), 401 and 502 (hub unreachable) where a token is
 * checked, and 500 (internal_error) and 503 (database_unavailable: PostgreSQL restarting) everywhere.
 */
export function standardErrorStatuses(method: string, url: string, schema: DocumentedSchema): number[] {
  const statuses = [500, 503];
  const hasBody = BODY_METHODS.has(method);
  const hasParams = url.includes(':') || url.includes('*');
  if (hasBody || hasParams || schema.querystring !== undefined || schema.headers !== undefined) {
    statuses.push(400);
  }
  if (hasBody) {
    statuses.push(413, 415);
  }
  if (schema.querystring !== undefined) {
    statuses.push(431);
  }
  if (schema.security !== undefined && schema.security.length > 0) {
    statuses.push(401, 502);
  }
  return statuses;
}

/**
 * onRoute hook: documents the standard error statuses (standardErrorStatuses) of every route that
 * documents its responses, so /openapi.json lists every status a route can return. A status the
 * route documents itself keeps the route's schema.
 */
export function documentStandardErrors(route: RouteOptions): void {
  const schema = route.schema as DocumentedSchema | undefined;
  if (schema?.response === undefined || schema.hide === true) {
    return;
  }
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const response: Record<string, unknown> = { ...schema.response };
  for (const method of methods) {
    for (const status of standardErrorStatuses(method, route.url, schema)) {
      response[status] ??= ErrorBody;
    }
  }
  schema.response = response;
}
