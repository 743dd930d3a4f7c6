import { strict as assert } from 'node:assert';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import type { QualitySignal } from '../../../../src/core/quality/signal';
import { ExportFeed, type TelemetrySink } from '../../../../src/core/telemetry/exportFeed';

function record(id: string, task: LedgerRecord['task'] = 'completion'): LedgerRecord {
  return {
    v: 1, id, time: '2026-12-01T10:00:00.000Z', session: 's', provider: 'openai', model: 'gpt-5.4-mini', task,
    batch: false, outcome: 'ok', estimated: false, latencyMs: 120, costMicroUsd: 42,
    usage: { input: 10, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 5, reasoning: 0 },
  } as LedgerRecord;
}

function signal(call: string, name: QualitySignal['name']): QualitySignal {
  return { v: 1, id: `${call}-${name}`, time: '2026-12-01T10:00:01.000Z', call, name };
}

/** A sink that keeps what it gets: what the OTLP export would count. */
class RecordingSink implements TelemetrySink {
  calls: string[] = [];
  signals: { name: string; call: string | undefined }[] = [];
  shutdowns = 0;
  recordCall(r: LedgerRecord): void {
    this.calls.push(r.id);
  }
  recordSignal(s: QualitySignal, call: LedgerRecord | undefined): void {
    this.signals.push({ name: s.name, call: call?.id });
  }
  async flush(): Promise<void> {}
  async shutdown(): Promise<void> {
    this.shutdowns++;
  }
}

describe('ExportFeed', () => {
  const failures: unknown[] = [];
  const newFeed = (options: { waitingCapacity?: number; recentCalls?: number } = {}) => new ExportFeed({ ...options, failed: (e) => failures.push(e) });
  beforeEach(() => (failures.length = 0));

  it('off: keeps nothing and opens no sink', () => {
    const feed = newFeed();
    feed.call(record('a'));
    let opened = 0;
    feed.start(() => {
      opened++;
      return new RecordingSink();
    });
    assert.equal(opened, 0, 'a call made while export was off is not exported later');
    assert.equal(feed.opened, false);
  });

  it('on: opens the sink at the first item only, then passes every call and signal with its call', () => {
    const feed = newFeed();
    const sink = new RecordingSink();
    let opened = 0;
    feed.start(() => {
      opened++;
      return sink;
    });
    assert.equal(opened, 0, 'nothing to send yet: the SDK is not loaded');
    feed.call(record('a'));
    feed.signal(signal('a', 'accepted'));
    feed.signal(signal('unknown', 'shown'));
    assert.equal(opened, 1);
    assert.deepEqual(sink.calls, ['a']);
    assert.deepEqual(sink.signals, [{ name: 'accepted', call: 'a' }, { name: 'shown', call: undefined }]);
  });

  it('waiting: keeps the newest items within the bound, counts the drops, and sends them when started', () => {
    const feed = newFeed({ waitingCapacity: 3 });
    feed.hold();
    for (const id of ['a', 'b', 'c', 'd', 'e']) feed.call(record(id));
    assert.equal(feed.droppedWhileWaiting, 2);
    const sink = new RecordingSink();
    feed.start(() => sink);
    assert.deepEqual(sink.calls, ['c', 'd', 'e']);
  });

  it('stop: drops what waited and hands back the opened sink to shut down', () => {
    const feed = newFeed();
    feed.hold();
    feed.call(record('a'));
    assert.equal(feed.stop(), undefined, 'no sink was opened');
    const sink = new RecordingSink();
    feed.start(() => sink);
    assert.deepEqual(sink.calls, [], 'what waited before stop is gone');
    feed.call(record('b'));
    assert.equal(feed.stop(), sink);
    feed.call(record('c'));
    assert.deepEqual(sink.calls, ['b']);
  });

  it('remembers a bounded number of recent calls for later signals', () => {
    const feed = newFeed({ recentCalls: 2 });
    const sink = new RecordingSink();
    feed.start(() => sink);
    for (const id of ['a', 'b', 'c']) feed.call(record(id));
    feed.signal(signal('a', 'accepted'));
    feed.signal(signal('c', 'accepted'));
    assert.deepEqual(sink.signals.map((s) => s.call), [undefined, 'c']);
  });

  it('a sink that cannot be opened turns the feed off and reports, never throwing to the caller', () => {
    const feed = newFeed();
    feed.start(() => {
      throw new Error('dist/telemetry/otlp.js is missing');
    });
    assert.doesNotThrow(() => feed.call(record('a')));
    assert.equal(feed.state, 'off');
    assert.equal(failures.length, 1);
    assert.doesNotThrow(() => feed.call(record('b')));
    assert.equal(failures.length, 1, 'reported once');
  });
});
