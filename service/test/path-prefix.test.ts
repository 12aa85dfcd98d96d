import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import { withoutPrefix } from '../src/api/path-prefix.js';

const request = (url: string) => ({ url }) as IncomingMessage;

describe('path prefix (a service behind the hub proxy)', () => {
  it('answers /services/leap/api/… as /api/…, keeps other paths and the query', () => {
    const rewrite = withoutPrefix('/services/leap/');
    assert.ok(rewrite !== undefined);
    assert.equal(rewrite(request('/services/leap/api/health')), '/api/health');
    assert.equal(rewrite(request('/services/leap/api/catalog/search?q=sst&limit=5')), '/api/catalog/search?q=sst&limit=5');
    assert.equal(rewrite(request('/api/health')), '/api/health', 'the gateway calls without the prefix');
    assert.equal(rewrite(request('/services/leap-b/api/health')), '/services/leap-b/api/health', 'another service is not ours');
  });

  it('without a prefix nothing is rewritten', () => {
    assert.equal(withoutPrefix(undefined), undefined);
  });
});
