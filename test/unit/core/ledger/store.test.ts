import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerStore } from '../../../../src/core/ledger/node/openLedgerStore';
import { ledgerFileName } from '../../../../src/core/ledger/store';
import { ManualClock } from '../../../fixtures/manualClock';
import { faultyFiles, osError } from './faultyFiles';
import { makeRecord } from './fixtures';

describe('LedgerStore', () => {
  let dir: string;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'tandem-ledger-')), 'nested', 'ledger');
  });
  afterEach(async () => {
    await rm(join(dir, '..', '..'), { recursive: true, force: true });
  });

  it('reads back exactly what was appended, creating the folder on first write', async () => {
    const store = openLedgerStore(dir);
    const a = makeRecord({
      id: 'a',
      time: '2026-03-10T10:00:00.000Z',
      usage: { input: 10, cacheRead: 20, cacheWrite5m: 30, cacheWrite1h: 40, output: 50, reasoning: 5 },
      costMicroUsd: 1234,
      requestId: 'req_1',
      reason: 'stronger on code',
    });
    const b = makeRecord({ id: 'b', time: '2026-03-10T11:00:00.000Z', outcome: 'fallback', error: 'HTTP 529 overloaded' });
    await store.append(a);
    await store.append(b);
    assert.deepEqual(await store.read(), { records: [a, b], skippedLines: 0 });
    const text = await readFile(join(dir, 'ledger-2026-03.jsonl'), 'utf8');
    assert.equal(text.split('\n').length, 3, 'one line per record, each ending in a newline');
  });

  it('reads an empty result, not an error, before anything was written', async () => {
    assert.deepEqual(await openLedgerStore(dir).read(), { records: [], skippedLines: 0 });
  });

  it('keeps appends made without awaiting in call order', async () => {
    const store = openLedgerStore(dir);
    const time = '2026-03-10T10:00:00.000Z';
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(makeRecord({ id: `r${i}`, time }))));
    const { records } = await store.read();
    assert.deepEqual(
      records.map((r) => r.id),
      Array.from({ length: 50 }, (_, i) => `r${i}`),
    );
  });

  it('rotates monthly in UTC and reads only the months a range touches', async () => {
    const store = openLedgerStore(dir);
    const feb = makeRecord({ id: 'feb', time: '2026-02-28T23:59:59.000Z' });
    const mar = makeRecord({ id: 'mar', time: '2026-03-01T00:00:00.000Z' });
    await store.append(mar);
    await store.append(feb);
    assert.deepEqual((await readdir(dir)).sort(), ['ledger-2026-02.jsonl', 'ledger-2026-03.jsonl']);
    assert.equal(ledgerFileName(new Date('2026-12-31T23:00:00Z')), 'ledger-2026-12.jsonl');

    // Damage February: a read of March alone must not open that file, so it reports nothing skipped.
    await appendFile(join(dir, 'ledger-2026-02.jsonl'), 'garbage\n');
    assert.deepEqual(await store.read({ from: new Date('2026-03-01T00:00:00Z') }), { records: [mar], skippedLines: 0 });
    assert.deepEqual(await store.read({ to: new Date('2026-03-01T00:00:00Z') }), { records: [feb], skippedLines: 1 });
    // Records come back in time order across files, whatever order they were written in.
    assert.deepEqual((await store.read()).records, [feb, mar]);
  });

  it('filters by time within a month: from inclusive, to exclusive', async () => {
    const store = openLedgerStore(dir);
    const times = ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z'];
    for (const [i, time] of times.entries()) await store.append(makeRecord({ id: `r${i}`, time }));
    const { records } = await store.read({ from: new Date(times[0]), to: new Date(times[2]) });
    assert.deepEqual(
      records.map((r) => r.id),
      ['r0', 'r1'],
    );
  });

  it('sorts records by time even when two windows wrote them out of order', async () => {
    const late = makeRecord({ id: 'late', time: '2026-03-10T12:00:00.000Z' });
    const early = makeRecord({ id: 'early', time: '2026-03-10T09:00:00.000Z' });
    const store = openLedgerStore(dir);
    await store.append(late);
    await store.append(early);
    assert.deepEqual((await store.read()).records, [early, late]);
  });

  it('skips and counts a torn last line, and the next append is still readable', async () => {
    const store = openLedgerStore(dir);
    const a = makeRecord({ id: 'a', time: '2026-03-10T10:00:00.000Z' });
    await store.append(a);
    const file = join(dir, 'ledger-2026-03.jsonl');
    // What a crash mid-write leaves: half a record and no newline.
    const torn = JSON.stringify(makeRecord({ id: 'torn', time: '2026-03-10T10:30:00.000Z' })).slice(0, 40);
    await appendFile(file, torn);
    assert.deepEqual(await store.read(), { records: [a], skippedLines: 1 });

    const b = makeRecord({ id: 'b', time: '2026-03-10T11:00:00.000Z' });
    await store.append(b);
    assert.deepEqual(await store.read(), { records: [a, b], skippedLines: 1 });
  });

  it('skips garbage and non-records in the middle of a file without losing the rest', async () => {
    const a = makeRecord({ id: 'a', time: '2026-03-10T10:00:00.000Z' });
    const b = makeRecord({ id: 'b', time: '2026-03-10T11:00:00.000Z' });
    const bad = [
      '{not json',
      JSON.stringify({ ...a, id: 'v2', v: 2 }),
      JSON.stringify({ ...a, id: 'no-usage', usage: undefined }),
      JSON.stringify({ ...a, id: 'string-cost', costMicroUsd: '12' }),
      JSON.stringify({ ...a, id: 'bad-time', time: 'yesterday' }),
      JSON.stringify({ ...a, id: 'no-model', model: '' }),
      '[]',
      'null',
    ];
    await openLedgerStore(dir).append(a); // creates the folder
    await writeFile(join(dir, 'ledger-2026-03.jsonl'), [JSON.stringify(a), ...bad, '', JSON.stringify(b), ''].join('\n'));
    assert.deepEqual(await openLedgerStore(dir).read(), { records: [a, b], skippedLines: bad.length });
  });

  it('refuses a record whose time cannot be filed, and keeps appending after it', async () => {
    const store = openLedgerStore(dir);
    await assert.rejects(store.append(makeRecord({ id: 'x', time: 'not a time' })), RangeError);
    const ok = makeRecord({ id: 'ok', time: '2026-03-10T10:00:00.000Z' });
    await store.append(ok);
    assert.deepEqual((await store.read()).records, [ok]);
  });

  it('files a record once by id: appendOnce says whether it filed it now', async () => {
    const store = openLedgerStore(dir);
    const result = makeRecord({ id: 'job-1:item-1', time: '2026-03-10T10:00:00.000Z', batch: true });
    assert.equal(await store.appendOnce(result), true);
    assert.equal(await store.appendOnce(result), false);
    // Another window (a new store on the same folder) finds it in the file.
    assert.equal(await openLedgerStore(dir).appendOnce(result), false);
    assert.ok(await openLedgerStore(dir).has(result));
    assert.equal((await store.read()).records.length, 1);
  });

  it('lets readers see records that could not be written yet, and files them once when it can', async () => {
    const files = faultyFiles(dir);
    const alerts: string[] = [];
    const store = openLedgerStore(dir, { files, timers: new ManualClock(), alert: (m) => alerts.push(m) });
    const pending = makeRecord({ id: 'pending', time: '2026-03-10T10:00:00.000Z', costMicroUsd: 42 });
    const batch = makeRecord({ id: 'job-1:item-1', time: '2026-03-10T10:01:00.000Z' });
    files.fail.appendLines = osError('ENOSPC', 'no space left on device, write');
    assert.equal(await store.append(pending), false);
    assert.equal(await store.appendOnce(batch), true);
    assert.equal(alerts.length, 1);
    assert.equal(store.writeState.kind, 'failing');
    // Reads, has() and appendOnce() all count what is waiting in memory.
    assert.deepEqual((await store.read()).records.map((r) => r.id), ['pending', 'job-1:item-1']);
    assert.ok(await store.has(pending));
    assert.equal(await store.appendOnce(batch), false, 'a result waiting in memory is not filed twice');
    delete files.fail.appendLines;
    assert.equal(await store.append(makeRecord({ id: 'next', time: '2026-03-10T10:02:00.000Z' })), true);
    const lines = (await readFile(join(dir, 'ledger-2026-03.jsonl'), 'utf8')).split('\n').filter(Boolean);
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as { id: string }).id), ['pending', 'job-1:item-1', 'next']);
    assert.equal(store.writeState.kind, 'writing');
  });

  it('when the month file cannot be read, appendOnce goes by what this window knows', async () => {
    const files = faultyFiles(dir);
    const logLines: string[] = [];
    const store = openLedgerStore(dir, { files, log: { info: () => {}, warn: (m) => logLines.push(m), error: () => {} } });
    const result = makeRecord({ id: 'job-1:item-1', time: '2026-03-10T10:00:00.000Z' });
    files.fail.stat = osError('EACCES', 'permission denied, stat');
    assert.equal(await store.appendOnce(result), true);
    assert.equal(await store.appendOnce(result), false, 'its own record, even unread');
    assert.match(logLines[0], /could not read ledger-2026-03\.jsonl to check for record job-1:item-1 \(EACCES/);
  });

  it('counts the damaged lines of the months a range touches', async () => {
    const store = openLedgerStore(dir);
    await store.append(makeRecord({ id: 'a', time: '2026-03-10T10:00:00.000Z' }));
    await appendFile(join(dir, 'ledger-2026-03.jsonl'), 'garbage\n{"v":1}\n');
    await store.refresh();
    assert.equal(store.skippedLines(), 2);
    assert.equal(store.skippedLines({ to: new Date('2026-03-01T00:00:00Z') }), 0);
  });
});
