import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

const NUL = '\u0000';

/** Where the first string containing U+0000 is in `value` (`body/instructors/2`), or undefined. */
export function nulCharacterField(part: string, value: unknown): string | undefined {
  if (typeof value === 'string') {
    return value.includes(NUL) ? part : undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes(NUL)) {
      return `${part}/${key.replaceAll(NUL, '\\u0000')}`;
    }
    const found = nulCharacterField(`${part}/${key}`, item);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/**
 * PostgreSQL (and PGlite) store no U+0000 in text or jsonb: a request carrying one in its path,
 * query or JSON body is refused with 400 naming the field, before it can fail in a query as 500.
 */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // The query only where the route reads one (elsewhere it is ignored, and 400 is not documented).
    const query = request.routeOptions.schema?.querystring === undefined ? undefined : request.query;
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', query],
      ['body', request.body]
    ] as const) {
      const field = nulCharacterField(part, value);
      if (field !== undefined) {
        throw new ApiError(400, 'invalid_request', `${field}: must not contain the NUL character (U+0000)`, field);
      }
    }
  });
}
