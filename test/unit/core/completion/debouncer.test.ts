import assert from 'node:assert/strict';
import { Debouncer } from '../../../../src/core/completion/trigger/debouncer';
import { ManualClock } from '../../../fixtures/manualClock';

describe('completion debounce', () => {
  it('settles only the last of a burst of calls, after its full quiet time', async () => {
    const clock = new ManualClock();
    const debouncer = new Debouncer(clock);
    const results: boolean[] = [];
    const calls: Promise<number>[] = [];
    for (let i = 0; i < 5; i++) {
      calls.push(debouncer.settle(300, undefined).then((settled) => results.push(settled)));
      await clock.advance(100);
    }
    assert.deepEqual(results, [false, false, false, false], 'every earlier call is superseded at once');
    await clock.advance(199);
    assert.equal(results.length, 4, 'the last call is still waiting 299 ms after its keystroke');
    await clock.advance(1);
    assert.deepEqual(results, [false, false, false, false, true]);
    await Promise.all(calls);
  });

  it('a cancelled wait resolves false and leaves no timer behind', async () => {
    const clock = new ManualClock();
    const debouncer = new Debouncer(clock);
    const controller = new AbortController();
    const settled = debouncer.settle(300, controller.signal);
    controller.abort();
    assert.equal(await settled, false);
    assert.equal(clock.pending, 0);
    assert.equal(await debouncer.settle(300, controller.signal), false, 'an already cancelled call does not wait');
  });
});
