import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sharedCheck } from '../src/api/routes/health.js';

describe('sharedCheck (the health route asks the database at most once per TTL)', () => {
  it('shares one run, and its answer, among callers within the TTL; runs again after it', async () => {
    let clock = 0;
    let runs = 0;
    const check = sharedCheck(async () => ++runs, 1000, () => clock);
    assert.deepEqual(await Promise.all([check(), check(), check()]), [1, 1, 1]);
    clock = 999;
    assert.equal(await check(), 1);
    clock = 1000;
    assert.equal(await check(), 2);
    assert.equal(runs, 2);
  });

  it('shares a failure only until the TTL has passed', async () => {
    let clock = 0;
    let down = true;
    const check = sharedCheck(async () => {
      if (down) throw new Error('connection refused');
      return 7;
    }, 1000, () => clock);
    await assert.rejects(check(), /connection refused/);
    down = false;
    await assert.rejects(check(), /connection refused/, 'the failure stands within the TTL');
    clock = 1000;
    assert.equal(await check(), 7);
  });
});
