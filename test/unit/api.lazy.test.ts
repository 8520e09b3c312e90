import * as assert from 'node:assert/strict';
import { cachedUntilFailure } from '../../src/core/api/lazy';

describe('cachedUntilFailure (the lazily loaded HTTP layer)', () => {
  it('loads once for concurrent and later callers', async () => {
    let loads = 0;
    const get = cachedUntilFailure(async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return { id: loads };
    });
    const [a, b] = await Promise.all([get(), get()]);
    const c = await get();
    assert.equal(loads, 1);
    assert.equal(a, b);
    assert.equal(a, c);
  });

  it('does not keep a failed load: the next call loads again, and then keeps the success', async () => {
    let loads = 0;
    const get = cachedUntilFailure(async () => {
      loads++;
      if (loads === 1) throw new Error('ERR_MODULE_NOT_FOUND');
      return 'fetch';
    });
    await assert.rejects(get(), /ERR_MODULE_NOT_FOUND/);
    assert.equal(await get(), 'fetch');
    assert.equal(await get(), 'fetch');
    assert.equal(loads, 2);
  });

  it('callers waiting on a failing load all see that failure, and the one after retries', async () => {
    let loads = 0;
    const get = cachedUntilFailure(async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      if (loads === 1) throw new Error('first');
      return loads;
    });
    const results = await Promise.allSettled([get(), get()]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(await get(), 2);
  });
});
