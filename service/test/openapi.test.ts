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
    assert.deepEqual(Object.keys(doc.paths['/api/whoami'].get.responses).sort(), ['200', '401', '502']);
    for (const name of ['ErrorBody', 'Health', 'Mode', 'WhoAmI']) {
      assert.ok(doc.components.schemas[name], `components.schemas.${name}`);
    }
    assert.equal(doc.components.securitySchemes.token.type, 'apiKey');
    assert.equal(doc.components.securitySchemes.bearer.scheme, 'bearer');
    assert.doesNotMatch(response.body, /def-\d/);
  });
});
