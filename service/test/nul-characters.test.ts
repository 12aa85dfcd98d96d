import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nulCharacterField } from '../src/api/nul-characters.js';
import { localIdentityProvider } from '../src/auth/local.js';
import { testApp } from './helpers/app.js';
import { stubDatabase } from './helpers/stub-db.js';

describe('NUL characters (PostgreSQL stores none in text or jsonb)', () => {
  it('nulCharacterField names the first string or key holding U+0000', () => {
    assert.equal(nulCharacterField('body', { a: 'x', b: ['ok', 'n\u0000'] }), 'body/b/1');
    assert.equal(nulCharacterField('body', { 'k\u0000': 1 }), 'body/k\\u0000');
    assert.equal(nulCharacterField('params', { id: 'plain' }), undefined);
    assert.equal(nulCharacterField('body', null), undefined);
    assert.equal(nulCharacterField('body', 'a\u0000'), 'body');
  });

  it('a request carrying one in its body or path is 400 naming the field, before any query', async () => {
    const { app } = await testApp('local', stubDatabase(), localIdentityProvider('t', 'alice'));
    const headers = { authorization: 'token t', 'content-type': 'application/json' };
    const body = await app.inject({
      method: 'POST',
      url: '/api/class-sessions',
      headers,
      payload: JSON.stringify({ tutorialId: 'sst-basics', instructors: ['bob', 'd;\u0000'] })
    });
    const path = await app.inject({ method: 'GET', url: '/api/tutorials/a%00b', headers });
    await app.close();
    assert.equal(body.statusCode, 400);
    assert.deepEqual(body.json(), {
      statusCode: 400,
      code: 'invalid_request',
      message: 'body/instructors/1: must not contain the NUL character (U+0000)',
      field: 'body/instructors/1'
    });
    assert.equal(path.statusCode, 400);
    assert.equal(path.json().field, 'params/id');
  });
});
