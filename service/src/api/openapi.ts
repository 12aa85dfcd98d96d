import swagger from '@fastify/swagger';
import type { TSchema } from 'typebox';
import { VERSION } from '../version.js';
import * as contract from './schemas.js';
import type { App } from './types.js';

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
