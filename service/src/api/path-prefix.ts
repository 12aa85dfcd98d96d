import type { IncomingMessage } from 'node:http';

/**
 * Fastify's rewriteUrl for a service the hub's proxy serves under a prefix (`/services/leap/`):
 * `/services/leap/api/health` is answered as `/api/health`. Paths without the prefix stay as they
 * are, since the Jupyter server gateway calls the service directly.
 */
export function withoutPrefix(prefix: string | undefined): ((request: IncomingMessage) => string) | undefined {
  if (prefix === undefined) {
    return undefined;
  }
  return (request) => {
    const url = request.url ?? '/';
    return url.startsWith(prefix) ? url.slice(prefix.length - 1) : url;
  };
}
