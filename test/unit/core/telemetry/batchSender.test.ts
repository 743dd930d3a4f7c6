import assert from 'node:assert/strict';
import { BatchSender, MAX_BATCH_SIZE } from '../../../../src/core/telemetry/batchSender';
import { ManualClock } from '../../../fixtures/manualClock';

/** A scripted export port: each send is held until the test answers it, so overlapping sends would show. */
class ScriptedExport {
  readonly sent: number[][] = [];
  readonly attempts: number[][] = [];
  inFlight = 0;
  maxInFlight = 0;
  up = true;

  readonly send = async (batch: readonly number[]): Promise<void> => {
    this.attempts.push([...batch]);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await Promise.resolve();
    this.inFlight--;
    if (!this.up) throw new Error('503 Service Unavailable');
    this.sent.push([...batch]);
  };
}

function setup(capacity?: number) {
  const clock = new ManualClock();
  const exporter = new ScriptedExport();
  const events: string[] = [];
  const sender = new BatchSender<number>({
    send: exporter.send,
    intervalMs: 10_000,
    capacity,
    timers: clock,
    onSent: () => events.push('sent'),
    onFailed: () => events.push('failed'),
    onDropped: (count) => events.push(`dropped ${count}`),
  });
  return { clock, exporter, events, sender };
}

describe('BatchSender', () => {
  it('sends what was added one interval after the first item, as one batch, without the caller waiting', async () => {
    const { clock, exporter, sender } = setup();
    sender.add(1);
    sender.add(2);
    assert.equal(exporter.attempts.length, 0, 'adding sends nothing itself');
    await clock.advance(9_999);
    assert.equal(exporter.attempts.length, 0);
    await clock.advance(1);
    assert.deepEqual(exporter.sent, [[1, 2]]);
    assert.equal(clock.pending, 0, 'nothing is scheduled while nothing waits');
  });

  it('splits a large queue into batches of at most 512, one send at a time', async () => {
    const { exporter, sender } = setup();
    for (let i = 0; i < MAX_BATCH_SIZE * 2 + 5; i++) sender.add(i);
    await sender.flush();
    assert.deepEqual(
      exporter.sent.map((b) => b.length),
      [MAX_BATCH_SIZE, MAX_BATCH_SIZE, 5],
    );
    assert.equal(exporter.maxInFlight, 1);
  });

  it('retries a failed batch after 1 s, then 2 s, 4 s …, up to the interval, keeping the order', async () => {
    const { clock, exporter, events, sender } = setup();
    exporter.up = false;
    sender.add(1);
    await clock.advance(10_000);
    assert.equal(exporter.attempts.length, 1);
    const attemptsAfter = async (ms: number) => {
      await clock.advance(ms);
      return exporter.attempts.length;
    };
    assert.equal(await attemptsAfter(999), 1);
    assert.equal(await attemptsAfter(1), 2, 'first retry after 1 s');
    assert.equal(await attemptsAfter(1_999), 2);
    assert.equal(await attemptsAfter(1), 3, 'second after 2 s');
    assert.equal(await attemptsAfter(4_000), 4, 'third after 4 s');
    assert.equal(await attemptsAfter(8_000), 5, 'fourth after 8 s');
    assert.equal(await attemptsAfter(9_999), 5, 'the fifth would be after 16 s …');
    assert.equal(await attemptsAfter(1), 6, '… but waits no longer than the 10 s interval');
    sender.add(2);
    exporter.up = true;
    await clock.advance(10_000);
    assert.deepEqual(exporter.sent, [[1, 2]]);
    assert.deepEqual(events, ['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'sent']);
    assert.equal(clock.pending, 0);
  });

  it('keeps at most its capacity, dropping the oldest, and reports the drops once per streak after the next export that works', async () => {
    const { exporter, events, sender } = setup(3);
    exporter.up = false;
    for (let i = 1; i <= 5; i++) sender.add(i);
    await sender.flush();
    for (let i = 6; i <= 8; i++) sender.add(i);
    await sender.flush();
    assert.equal(sender.size, 3);
    assert.equal(sender.dropped, 5);
    assert.deepEqual(events, ['failed', 'failed'], 'no drop report while the export fails');
    exporter.up = true;
    await sender.flush();
    assert.deepEqual(exporter.sent, [[6, 7, 8]], 'the newest survive');
    assert.deepEqual(events, ['failed', 'failed', 'sent', 'dropped 5']);
    sender.add(9);
    await sender.flush();
    assert.deepEqual(events, ['failed', 'failed', 'sent', 'dropped 5', 'sent'], 'a report only for new drops');
  });

  it('reports drops still unreported at shutdown, and takes nothing after', async () => {
    const { clock, exporter, events, sender } = setup(1);
    exporter.up = false;
    sender.add(1);
    sender.add(2);
    await sender.shutdown();
    assert.deepEqual(events, ['failed', 'dropped 1']);
    assert.equal(clock.pending, 0, 'no retry after shutdown');
    sender.add(3);
    assert.equal(sender.size, 1);
    assert.equal(clock.pending, 0);
  });

  it('keeps sending when a report throws', async () => {
    const clock = new ManualClock();
    const exporter = new ScriptedExport();
    const sender = new BatchSender<number>({
      send: exporter.send,
      intervalMs: 1000,
      timers: clock,
      onSent: () => {
        throw new Error('log sink closed');
      },
      onFailed: () => undefined,
      onDropped: () => undefined,
    });
    sender.add(1);
    await sender.flush();
    sender.add(2);
    await sender.flush();
    assert.deepEqual(exporter.sent, [[1], [2]]);
  });
});
