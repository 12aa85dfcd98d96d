import swagger from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import type { TSchema } from 'typebox';
import { VERSION } from '../version.js';
import * as contract from './schemas.js';
import type { App } from './types.js';

interface ObjectSchema {
  properties?: Record<string, unknown>;
  required?: string[];
}

/**
 * A wildcard route's `*` as a documented path parameter (its runtime params schema cannot name it:
 * TypeBox's Value.Convert fails on the key "*"); the route's own schema is not changed.
 */
function documentWildcard({ schema, url }: { schema: FastifySchema; url: string }) {
  const params = schema?.params as ObjectSchema | undefined;
  if (!url.endsWith('*') || params === undefined || params.properties?.['*'] !== undefined) {
    return { schema, url };
  }
  const wildcard = { type: 'string', description: 'The rest of the path' };
  return {
    schema: { ...schema, params: { ...params, properties: { ...params.properties, '*': wildcard }, required: [...(params.required ?? []), '*'] } },
    url
  };
}

/**
 * Registers the contract schemas (components named by their $id) and @fastify/swagger
 * before any route, so every route schema lands in the document, and serves it at GET /openapi.json.
 */
export async function registerOpenApi(app: App): Promise<void> {
  for (const schema of Object.values(contract) as TSchema[]) {
    app.addSchema(schema);
  }
  await app.register(swagger, {
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`)
    },
    transform: documentWildcard,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'LEAP hub service',
        description: 'Catalog, tutorials, costs and knowledge graph of the LEAP-Pangeo hub',
        version: VERSION
      },
      components: {
        securitySchemes: {
          token: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: 'The header value "token <token>": the hub token (hub mode) or LEAP_SERVICE_TOKEN (local mode)'
          },
          bearer: { type: 'http', scheme: 'bearer', description: 'The same token as "Bearer <token>"' }
        }
      }
    }
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
