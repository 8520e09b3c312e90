/** Work that shares the extension host's thread: a few calls at a time, and slices that give the thread back. */
import assert from 'node:assert/strict';
import { forEachSliced, mapBounded, Slices } from '../../../../src/core/common/pacing';
import { sleep } from '../../../support/sleep';

describe('mapBounded', () => {
  it('runs at most `limit` calls at once, all of them, results in order', async () => {
    let running = 0;
    let most = 0;
    const items = Array.from({ length: 100 }, (_, i) => i);
    const out = await mapBounded(items, 7, async (n) => {
      running++;
      most = Math.max(most, running);
      await sleep(n % 3);
      running--;
      return n * 2;
    });
    assert.deepEqual(out, items.map((n) => n * 2));
    assert.equal(most, 7);
    assert.equal(running, 0);
  });

  it('handles an empty list and rejects with the first failure', async () => {
    assert.deepEqual(await mapBounded([], 4, async () => 1), []);
    await assert.rejects(
      mapBounded([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      }),
      /boom/,
    );
  });
});

describe('Slices', () => {
  /** A clock the test moves by hand, and a pause that records when it was taken. */
  function driven(budgetMs: number) {
    const clock = { now: 0 };
    const pausedAt: number[] = [];
    const slices = new Slices(budgetMs, () => clock.now, async () => {
      pausedAt.push(clock.now);
    });
    return { clock, pausedAt, slices };
  }

  it('yields only once a slice has used its budget, and starts a new slice after', async () => {
    const { clock, pausedAt, slices } = driven(8);
    for (let i = 0; i < 20; i++) {
      clock.now += 3; // each piece of work takes 3 ms
      await slices.pace();
    }
    // Slices end at 9, 18, 27… (the first pace at or past 8 ms after each start).
    assert.deepEqual(pausedAt, [9, 18, 27, 36, 45, 54]);
    assert.equal(slices.yields, 6);
  });

  it('never yields while the work stays under the budget', async () => {
    const { clock, pausedAt, slices } = driven(8);
    for (let i = 0; i < 100; i++) {
      clock.now += 0.05;
      await slices.pace();
    }
    assert.deepEqual(pausedAt, []);
  });

  it('restart() begins a new slice (after waiting on something else, which gave the thread back)', async () => {
    const { clock, pausedAt, slices } = driven(8);
    clock.now = 7;
    slices.restart();
    clock.now = 14;
    await slices.pace();
    assert.deepEqual(pausedAt, [], '7 ms since the restart: still the same slice');
    clock.now = 15;
    await slices.pace();
    assert.deepEqual(pausedAt, [15]);
  });

  it('lets what others queued run between slices: a long loop gives the thread back', async () => {
    // Real setImmediate; the clock advances 1 ms per item, so a slice is 4 items.
    const clock = { now: 0 };
    const slices = new Slices(4, () => clock.now);
    const order: string[] = [];
    setImmediate(() => order.push('other'));
    await forEachSliced(Array.from({ length: 12 }, (_, i) => i), (i) => {
      clock.now += 1;
      order.push(String(i));
    }, slices);
    const other = order.indexOf('other');
    assert.ok(other > 0 && other < order.length - 1, `another task ran in the middle of the loop: ${order.join(' ')}`);
    assert.deepEqual(order.filter((x) => x !== 'other'), Array.from({ length: 12 }, (_, i) => String(i)), 'every item, in order');
  });
});
