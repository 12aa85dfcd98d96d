import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localIdentityProvider } from '../src/auth/local.js';
import { VERSION } from '../src/version.js';
import { testApp } from './helpers/app.js';
import { stubDatabase } from './helpers/stub-db.js';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme?: string }> };
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document of every route, generated from the TypeBox schemas', async () => {
    const { app } = await testApp('local', stubDatabase(), localIdentityProvider('t', 'alice'));
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    await app.close();
    assert.equal(response.statusCode, 200);
    const doc = response.json<OpenApiDocument>();
    assert.match(doc.openapi, /^3\.1\./);
    assert.equal(doc.info.version, VERSION);
    for (const path of ['/api/health', '/api/whoami']) {
      assert.ok(doc.paths[path], `paths["${path}"]`);
    }
    assert.equal(doc.paths['/openapi.json'], undefined, 'the document does not describe itself');
    assert.equal(doc.paths['/api/health'].get.security, undefined);
    assert.deepEqual(doc.paths['/api/whoami'].get.security, [{ token: [] }, { bearer: [] }]);
    assert.deepEqual(Object.keys(doc.paths['/api/whoami'].get.responses).sort(), ['200', '401', '500', '502', '503']);
    for (const name of ['ErrorBody', 'Health', 'Mode', 'WhoAmI']) {
      assert.ok(doc.components.schemas[name], `components.schemas.${name}`);
    }
    assert.equal(doc.components.securitySchemes.token.type, 'apiKey');
    assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
    assert.doesNotMatch(response.body, /def-\d/);
  });
});

describe('standard error statuses', () => {
  it('every route documents the ErrorBody statuses it can return before its handler runs', async () => {
    const { app } = await testApp('local', stubDatabase(), localIdentityProvider('t', 'alice'));
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    await app.close();
    const doc = response.json<OpenApiDocument>();
    const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).sort();
    // no token, no input: only internal_error besides its own
    assert.deepEqual(statuses('/api/health', 'get'), ['200', '500', '503']);
    // a token and a validated query (431: a query too long for Node)
    assert.deepEqual(statuses('/api/catalog/search', 'get'), ['200', '400', '401', '431', '500', '502', '503']);
    // a path parameter: 400 too (too long, bad %-escape)
    assert.ok(statuses('/api/tutorials/{id}', 'get').includes('400'));
    // a body: 400 (invalid JSON), 413, 415
    for (const status of ['400', '401', '413', '415', '500', '502']) {
      assert.ok(statuses('/api/costs/heartbeat', 'post').includes(status), status);
    }
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        assert.ok(operation.responses['500'], `${method} ${path} documents 500`);
      }
    }
  });

  it("the router's own errors (a path parameter too long, a bad %-escape) are ErrorBody 400", async () => {
    const { app } = await testApp('local', stubDatabase(), localIdentityProvider('t', 'alice'));
    const long = await app.inject({ method: 'GET', url: `/api/tutorials/${'x'.repeat(1001)}`, headers: { authorization: 'token t' } });
    const escape = await app.inject({ method: 'GET', url: '/api/tutorials/%E0%A4%A', headers: { authorization: 'token t' } });
    await app.close();
    assert.equal(long.statusCode, 400);
    assert.deepEqual(long.json(), {
      statusCode: 400,
      code: 'invalid_request',
      message: 'params: a path parameter is longer than 1000 characters',
      field: 'params'
    });
    assert.equal(escape.statusCode, 400);
    assert.equal(escape.json().code, 'invalid_request');
    assert.equal(escape.json().field, 'params');
  });
});

describe("Node's own refusals", () => {
  it('a request line over 16 KB (a long query) is ErrorBody 431, documented on routes with a query', async () => {
    const { app } = await testApp('local', stubDatabase(), localIdentityProvider('t', 'alice'));
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = app.server.address() as { port: number };
      const query = Array.from({ length: 400 }, () => `dataset=${'x'.repeat(50)}`).join('&');
      const response = await fetch(`http://127.0.0.1:${address.port}/api/graph/used-by/counts?${query}`, {
        headers: { authorization: 'token t' }
      });
      assert.equal(response.status, 431);
      assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
      const body = (await response.json()) as { statusCode: number; code: string };
      assert.equal(body.statusCode, 431);
      assert.equal(body.code, 'headers_too_large');
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
      assert.ok(doc.paths['/api/graph/used-by/counts'].get.responses['431']);
      assert.equal(doc.paths['/api/whoami'].get.responses['431'], undefined);
    } finally {
      await app.close();
    }
  });
});

describe('downloads and wildcards in /openapi.json', () => {
  it('documents the media type of each download and the wildcard path parameter', async () => {
    const { app } = await testApp('local', stubDatabase(), localIdentityProvider('t', 'alice'));
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    await app.close();
    const get = (path: string) => doc.paths[path].get;
    const mediaTypes = (path: string) => Object.keys(get(path).responses['200'].content).sort();
    assert.deepEqual(mediaTypes('/api/tutorials/{id}/files/{*}'), ['application/octet-stream']);
    assert.deepEqual(get('/api/tutorials/{id}/files/{*}').parameters.map((p: { name: string }) => p.name), ['id', '*']);
    assert.deepEqual(mediaTypes('/api/class-sessions/{code}/export.csv'), ['text/csv']);
    assert.deepEqual(mediaTypes('/api/graph/nodes/{id}/export/{format}'), [
      'application/ld+json',
      'application/vnd.datacite.datacite+json',
      'application/x-bibtex',
      'application/yaml'
    ]);
  });
});
