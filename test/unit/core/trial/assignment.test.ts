import assert from 'node:assert/strict';
import { seededRandom } from '../../../../src/core/random/seeded';
import { armFor, TrialAssigner } from '../../../../src/core/trial/assignment';
import { ManualClock } from '../../../fixtures/manualClock';

/** Seeds from a seeded stream: the test is the same on every run, and the seeds are as varied as newSeed's. */
function seedStream(start: number): () => number {
  const next = seededRandom(start);
  return () => Math.floor(next() * 4294967296);
}

describe('routing trial assignment', () => {
  for (const share of [0.01, 0.2, 0.5]) {
    it(`sends ${share * 100}% of 10,000 calls to the trial arm, within 1.5 points`, () => {
      const assigner = new TrialAssigner({ now: () => 0, burstPauseMs: 5000, seeds: seedStream(share * 1000) });
      let trial = 0;
      for (let i = 0; i < 10_000; i++) if (assigner.draw('t1', share).arm === 'trial') trial++;
      assert.ok(Math.abs(trial / 10_000 - share) <= 0.015, `${trial} of 10,000 on the trial arm at share ${share}`);
    });
  }

  it('a recorded seed replays to the same arm', () => {
    const assigner = new TrialAssigner({ now: () => 0, burstPauseMs: 5000, seeds: seedStream(7) });
    const draws = Array.from({ length: 500 }, () => assigner.draw('t1', 0.3));
    assert.ok(draws.some((d) => d.arm === 'trial') && draws.some((d) => d.arm === 'routed'));
    for (const draw of draws) assert.equal(armFor(draw.seed, 0.3), draw.arm);
  });

  it('keeps one draw for a burst of calls with the same key, and draws again after the pause', async () => {
    const clock = new ManualClock();
    let seeds = 0;
    const assigner = new TrialAssigner({ now: () => clock.now, burstPauseMs: 5000, seeds: () => ++seeds });
    const first = assigner.draw('t1', 0.5, 'file-a');
    for (let i = 0; i < 10; i++) {
      await clock.advance(4_999);
      assert.deepEqual(assigner.draw('t1', 0.5, 'file-a'), first, 'typing on, pauses under 5 s: same burst');
    }
    const otherFile = assigner.draw('t1', 0.5, 'file-b');
    assert.notEqual(otherFile.seed, first.seed, 'another file is another burst');
    await clock.advance(5_000);
    const next = assigner.draw('t1', 0.5, 'file-a');
    assert.notEqual(next.seed, first.seed, 'after a 5 s pause a new burst draws again');
    assert.equal(armFor(next.seed, 0.5), next.arm);
  });

  it('a new trial is a new burst, and calls without a key each draw', () => {
    let seeds = 0;
    const assigner = new TrialAssigner({ now: () => 0, burstPauseMs: 5000, seeds: () => ++seeds });
    const a = assigner.draw('t1', 0.5, 'file-a');
    assert.notEqual(assigner.draw('t2', 0.5, 'file-a').seed, a.seed);
    assert.notEqual(assigner.draw('t1', 0.5).seed, assigner.draw('t1', 0.5).seed);
  });
});
