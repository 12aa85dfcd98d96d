import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { installErrorHandlers } from '../src/api/error-handler.js';
import { ApiError } from '../src/api/errors.js';
import { acceptEmptyFormBody } from '../src/api/form-body.js';
import type { ErrorBody } from '../src/api/schemas.js';
import { createLogger } from '../src/logger.js';
import { LogCapture } from './helpers/app.js';

/**
 * The service's one error handler on a bare Fastify set up like buildApp's, with a route
 * that exists only here: no product route takes a body or a query yet.
 */
function appWithSchemaRoute(logs = new LogCapture()) {
  const logger: FastifyBaseLogger = createLogger('info', logs);
  const app = Fastify({ loggerInstance: logger })
    .setValidatorCompiler(TypeBoxValidatorCompiler)
    .withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandlers(app);
  acceptEmptyFormBody(app);
  app.post(
    '/things',
    {
      schema: {
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        body: Type.Object({ name: Type.String({ minLength: 1 }), tags: Type.Optional(Type.Array(Type.String())) })
      }
    },
    async (request) => ({ name: request.body.name, limit: request.query.limit ?? 10 })
  );
  app.post('/actions/end', async (request) => ({ body: request.body ?? null }));
  app.get('/explode', async () => {
    throw new Error('secret internals at /srv/app.ts:42');
  });
  return app;
}

const post = (app: ReturnType<typeof appWithSchemaRoute>, url: string, body: unknown) =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

describe('error handler', () => {
  it('valid input passes (and the query is coerced)', async () => {
    const response = await post(appWithSchemaRoute(), '/things?limit=5', { name: 'a' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { name: 'a', limit: 5 });
  });

  it('a schema failure is 400 invalid_request naming the field', async () => {
    const app = appWithSchemaRoute();
    const cases: [string, unknown, string][] = [
      ['/things', {}, 'body/name'],
      ['/things', { name: '' }, 'body/name'],
      ['/things', { name: 'a', tags: ['ok', 3] }, 'body/tags/1'],
      ['/things?limit=0', { name: 'a' }, 'querystring/limit'],
      ['/things?limit=many', { name: 'a' }, 'querystring/limit']
    ];
    for (const [url, body, field] of cases) {
      const response = await post(app, url, body);
      assert.equal(response.statusCode, 400, `${url} ${JSON.stringify(body)}`);
      const error = response.json<ErrorBody>();
      assert.equal(error.code, 'invalid_request');
      assert.equal(error.field, field);
      assert.ok(error.message.startsWith(`${field}: `), error.message);
    }
  });

  it('malformed and empty JSON bodies are 400 invalid_json', async () => {
    const app = appWithSchemaRoute();
    for (const payload of ['{"name":', '']) {
      const response = await app.inject({
        method: 'POST',
        url: '/things',
        headers: { 'content-type': 'application/json' },
        payload
      });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json<ErrorBody>().code, 'invalid_json');
    }
  });

  it('an unsupported content type is 415 unsupported_media_type', async () => {
    const response = await appWithSchemaRoute().inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/xml' },
      payload: '<name/>'
    });
    assert.equal(response.statusCode, 415);
    assert.equal(response.json<ErrorBody>().code, 'unsupported_media_type');
  });

  it('an empty body labelled as a form (a bodyless POST through the gateway) is no body', async () => {
    const app = appWithSchemaRoute();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const empty = await app.inject({ method: 'POST', url: '/actions/end', headers: form, payload: '' });
    assert.equal(empty.statusCode, 200);
    assert.deepEqual(empty.json(), { body: null });
    const filled = await app.inject({ method: 'POST', url: '/actions/end', headers: form, payload: 'name=a' });
    assert.equal(filled.statusCode, 415);
    assert.equal(filled.json<ErrorBody>().code, 'unsupported_media_type');
    assert.match(filled.json<ErrorBody>().message, /JSON bodies only/);
  });

  it('an unexpected error is 500 internal_error: logged with its stack, never sent', async () => {
    const logs = new LogCapture();
    const response = await appWithSchemaRoute(logs).inject({ method: 'GET', url: '/explode' });
    assert.equal(response.statusCode, 500);
    assert.deepEqual(response.json<ErrorBody>(), {
      statusCode: 500,
      code: 'internal_error',
      message: 'Internal error: the service log has the details'
    });
    assert.doesNotMatch(response.body, /secret internals|stack/);
    assert.match(logs.text, /secret internals/);
  });

  it('a deliberate 5xx (ApiError) is sent as it is and logged as a warning, without a stack', async () => {
    const logs = new LogCapture();
    const app = appWithSchemaRoute(logs);
    app.get('/unconfigured', async () => {
      throw new ApiError(503, 'zenodo_not_configured', 'Zenodo deposit is not configured');
    });
    const response = await app.inject({ method: 'GET', url: '/unconfigured' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json<ErrorBody>().code, 'zenodo_not_configured');
    const line = logs.lines.map((l) => JSON.parse(l)).find((record) => record.code === 'zenodo_not_configured');
    assert.equal(line?.level, 40);
    assert.doesNotMatch(logs.text, /"stack"/);
  });
});
