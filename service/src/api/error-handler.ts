import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { HubError } from '../auth/hub.js';
import { DatabaseUnavailableError } from '../db/database.js';
import { ApiError } from './errors.js';
import type { ErrorBody } from './schemas.js';

/** Fastify's own client errors, each with a stable code and a message a person can act on. */
const FASTIFY_CODES: Record<string, { code: string; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_json',
    message: 'The request body is empty but Content-Type is application/json'
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_request' }
};

interface ValidationIssue {
  instancePath: string;
  message?: string;
  params?: { requiredProperties?: unknown };
}

/** `body/name`, `querystring/limit`…: where the first failing value is. */
function fieldOf(context: string | undefined, issue: ValidationIssue): string {
  const path = issue.instancePath.split('/').filter((part) => part !== '');
  const required = issue.params?.requiredProperties;
  if (Array.isArray(required) && typeof required[0] === 'string') {
    path.push(required[0]);
  }
  return [context ?? 'body', ...path].join('/');
}

function validationBody(error: FastifyError): ErrorBody {
  const issues = (error.validation ?? []) as (FastifySchemaValidationError & ValidationIssue)[];
  const first = issues[0];
  const field = first === undefined ? error.validationContext ?? 'body' : fieldOf(error.validationContext, first);
  return {
    statusCode: 400,
    code: 'invalid_request',
    message: `${field}: ${first?.message ?? error.message}`,
    field
  };
}

export function toErrorBody(error: FastifyError | Error): ErrorBody {
  if (error instanceof ApiError) {
    const body: ErrorBody = { statusCode: error.statusCode, code: error.code, message: error.message };
    return error.field === undefined ? body : { ...body, field: error.field };
  }
  if (error instanceof HubError) {
    return { statusCode: 502, code: 'hub_unavailable', message: error.message };
  }
  if (error instanceof DatabaseUnavailableError) {
    return { statusCode: 503, code: 'database_unavailable', message: 'The database is not answering: try again in a moment' };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation !== undefined) {
    return validationBody(fastifyError);
  }
  const statusCode = fastifyError.statusCode ?? 500;
  const known = fastifyError.code === undefined ? undefined : FASTIFY_CODES[fastifyError.code];
  if (known !== undefined) {
    return { statusCode, code: known.code, message: known.message ?? error.message };
  }
  if (statusCode >= 400 && statusCode < 500) {
    return { statusCode, code: 'invalid_request', message: error.message };
  }
  return { statusCode: 500, code: 'internal_error', message: 'Internal error: the service log has the details' };
}

/** Longest path parameter the router accepts (Fastify's default, 100, is shorter than some catalog ids). */
export const MAX_PARAM_LENGTH = 1000;

/**
 * Fastify's `frameworkErrors`: errors of the router, before any route runs (a path parameter
 * longer than MAX_PARAM_LENGTH, a malformed %-escape in the path), as ErrorBody 400 instead of
 * Fastify's own body (and its 414).
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? `params: a path parameter is longer than ${MAX_PARAM_LENGTH} characters`
      : error.code === 'FST_ERR_BAD_URL'
        ? 'params: the path has a malformed %-escape'
        : `params: ${error.message}`;
  const body: ErrorBody = { statusCode: 400, code: 'invalid_request', message, field: 'params' };
  request.log.info({ code: body.code, statusCode: 400, fastifyCode: error.code }, message);
  void reply.code(400).send(body);
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before Fastify sees a request,
 * as ErrorBody. Chiefly a request line and headers over Node's 16 KB (a long query): 431.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  const body: ErrorBody =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? { statusCode: 431, code: 'headers_too_large', message: 'The request line and headers are over 16 KB: send a shorter query' }
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? { statusCode: 408, code: 'request_timeout', message: 'The request did not arrive in time' }
        : { statusCode: 400, code: 'invalid_request', message: 'The request is not valid HTTP' };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`
    );
  }
  socket.destroy(error);
}

/** One shape for every error: ErrorBody. Unexpected errors are logged with their stack, never sent. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const body = toErrorBody(error);
    // A deliberate 5xx (ApiError: Zenodo not configured, an upstream down) is an answer, not a fault.
    if (body.statusCode >= 500 && !(error instanceof ApiError)) {
      request.log.error({ err: error }, 'request failed');
    } else if (body.statusCode >= 500) {
      request.log.warn({ code: body.code, statusCode: body.statusCode }, body.message);
    } else {
      request.log.info({ code: body.code, statusCode: body.statusCode }, body.message);
    }
    return reply.code(body.statusCode).send(body);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    const body: ErrorBody = { statusCode: 404, code: 'not_found', message: `No route ${request.method} ${path}` };
    return reply.code(404).send(body);
  });
}
