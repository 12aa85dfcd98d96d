import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SecretKeyedCache } from '../src/auth/cache.js';
import { localIdentityProvider } from '../src/auth/local.js';
import { tokenFromAuthorization } from '../src/auth/token.js';

describe('Authorization header', () => {
  it('accepts "token <t>" and "Bearer <t>", any case', () => {
    assert.equal(tokenFromAuthorization('token abc'), 'abc');
    assert.equal(tokenFromAuthorization('Bearer abc'), 'abc');
    assert.equal(tokenFromAuthorization('TOKEN  abc '), 'abc');
  });

  it('rejects anything else', () => {
    for (const header of [undefined, '', 'abc', 'Basic YTpi', 'token', 'token a b']) {
      assert.equal(tokenFromAuthorization(header), undefined, String(header));
    }
  });
});

describe('local identity', () => {
  it('the one token is the local user, admin; any other token is nobody', async () => {
    const provider = localIdentityProvider('right', 'alice');
    assert.deepEqual(await provider.identify('right'), { name: 'alice', admin: true, groups: [] });
    for (const token of ['wrong', 'righ', 'rightt', '']) {
      assert.equal(await provider.identify(token), null, token);
    }
  });
});

describe('identity cache', () => {
  it('forgets an entry after its TTL and keeps at most maxEntries', () => {
    let now = 0;
    const cache = new SecretKeyedCache<string>(1000, 2, () => now);
    cache.set('a', 'A');
    cache.set('b', 'B');
    assert.equal(cache.get('a'), 'A');
    cache.set('c', 'C');
    assert.equal(cache.get('a'), undefined, 'the oldest entry made room');
    assert.equal(cache.get('c'), 'C');
    now = 1000;
    assert.equal(cache.get('c'), undefined, 'expired');
  });

  it('keeps no secret: only its sha256', () => {
    const cache = new SecretKeyedCache<string>(1000, 10);
    cache.set('plain-secret', 'v');
    assert.doesNotMatch(JSON.stringify([...(cache as unknown as { entries: Map<string, unknown> }).entries.keys()]), /plain-secret/);
  });
});
