import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Identity, IdentityProvider } from '../auth/identity.js';
import { tokenFromAuthorization } from '../auth/token.js';
import { ApiError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook from the verified token; null on routes without it. */
    identity: Identity | null;
  }
}

/** OpenAPI security requirement of every authenticated route. */
export const SECURITY: { [scheme: string]: string[] }[] = [{ token: [] }, { bearer: [] }];

/** onRequest hook: the caller's identity from the Authorization header, or 401. */
export function authenticate(provider: IdentityProvider): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization;
    const token = tokenFromAuthorization(header);
    if (token === undefined) {
      throw new ApiError(
        401,
        header === undefined ? 'missing_token' : 'invalid_token',
        header === undefined
          ? 'Authentication required: send "Authorization: token <token>"'
          : 'Malformed Authorization header: expected "token <token>" or "Bearer <token>"'
      );
    }
    const identity = await provider.identify(token);
    if (identity === null) {
      throw new ApiError(401, 'invalid_token', 'The token is not valid (expired, revoked, not a user token, or without access to this service)');
    }
    request.identity = identity;
  };
}

/** The verified identity of a request that went through `authenticate`. */
export function identityOf(request: FastifyRequest): Identity {
  if (request.identity === null) {
    throw new ApiError(401, 'missing_token', 'Authentication required: send "Authorization: token <token>"');
  }
  return request.identity;
}
