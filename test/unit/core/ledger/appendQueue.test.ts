import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendQueue, ledgerProblemLine, type LedgerWriteState } from '../../../../src/core/ledger/appendQueue';
import { AppendError, type LedgerFiles } from '../../../../src/core/ledger/ledgerFiles';
import { nodeLedgerFiles } from '../../../../src/core/ledger/node/nodeLedgerFiles';
import { ManualClock } from '../../../fixtures/manualClock';
import { eventually } from './eventually';
import { faultyFiles, osError } from './faultyFiles';
import { makeRecord } from './fixtures';

const record = (id: string) => makeRecord({ id, time: '2026-03-10T10:00:00.000Z' });
const FILE = 'ledger-2026-03.jsonl';

describe('AppendQueue: a ledger that cannot be written keeps its records and says so', () => {
  let root: string;
  let dir: string;
  let clock: ManualClock;
  let alerts: string[];
  let logLines: string[];
  let states: LedgerWriteState[];

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tandem-queue-'));
    dir = join(root, 'ledger');
    clock = new ManualClock();
    alerts = [];
    logLines = [];
    states = [];
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  function queueOn<F extends Pick<LedgerFiles, 'dir' | 'appendLines'>>(files: F) {
    const queue = new AppendQueue({
      files,
      timers: clock,
      alert: (m) => alerts.push(m),
      log: { info: (m) => logLines.push(`info ${m}`), warn: (m) => logLines.push(`warn ${m}`), error: (m) => logLines.push(`error ${m}`) },
    });
    queue.onDidChangeState((s) => states.push(s));
    return { queue, files };
  }

  /** Lets retries fall due (virtual time) and run (real file I/O) until the probe holds. */
  async function retryUntil(probe: () => boolean): Promise<void> {
    await eventually(() => probe(), 'the retries', 5_000, () => clock.advance(60_000));
  }

  const ids = async (): Promise<string[]> =>
    (await readFile(join(dir, FILE), 'utf8')).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);

  it('keeps failed records in memory in order, tells the user once, and writes each exactly once when it can', async () => {
    const { queue, files } = queueOn(faultyFiles(dir));
    files.fail.appendLines = osError('EROFS', `read-only file system, open '${dir}/${FILE}'`);
    assert.equal(await queue.append(record('a')), false);
    assert.equal(await queue.append(record('b')), false);
    assert.equal(await queue.append(record('c')), false);
    assert.deepEqual(queue.pending.map((r) => r.id), ['a', 'b', 'c']);
    assert.equal(alerts.length, 1, 'told once, not once per record or retry');
    assert.ok(alerts[0].includes(dir) && alerts[0].includes('EROFS: read-only file system'), alerts[0]);
    assert.deepEqual(queue.state, { kind: 'failing', dir, error: `EROFS: read-only file system, open '${dir}/${FILE}'`, pending: 3 });
    assert.match(ledgerProblemLine(queue.state) ?? '', /not being written: 3 records kept in memory/);

    await clock.advance(60_000); // retries fail too
    assert.equal(alerts.length, 1);

    delete files.fail.appendLines;
    await retryUntil(() => queue.state.kind === 'writing');
    assert.deepEqual(await ids(), ['a', 'b', 'c']);
    assert.deepEqual(queue.pending, []);
    assert.deepEqual(queue.state, { kind: 'writing' });
    assert.equal(ledgerProblemLine(queue.state), undefined);
    assert.ok(logLines.some((l) => /^info ledger: writing in .* again; the 3 records kept in memory are in the ledger now/.test(l)), logLines.join('\n'));
    assert.equal(states.at(-1)?.kind, 'writing');

    // Nothing is written twice by later retries or appends.
    assert.equal(await queue.append(record('d')), true);
    await clock.advance(120_000);
    assert.deepEqual(await ids(), ['a', 'b', 'c', 'd']);
    assert.equal(alerts.length, 1);
  });

  it('retries with a growing wait, and at once when a new record comes', async () => {
    const waits: number[] = [];
    const timers = { setTimeout: (callback: () => void, ms: number) => (waits.push(ms), clock.setTimeout(callback, ms)), clearTimeout: (h: unknown) => clock.clearTimeout(h) };
    const files = faultyFiles(dir);
    const queue = new AppendQueue({ files, timers });
    files.fail.appendLines = osError('ENOSPC', 'no space left on device, write');
    await queue.append(record('a'));
    assert.deepEqual(waits, [1000]);
    await clock.advance(999);
    assert.equal(waits.length, 1, 'no retry before its time');
    await clock.advance(1);
    await eventually(() => waits.length === 2);
    await clock.advance(2000);
    await eventually(() => waits.length === 3);
    assert.deepEqual(waits, [1000, 2000, 4000]);
    delete files.fail.appendLines;
    // The next retry is 4 s away; a new record does not wait for it, and goes after the first.
    assert.equal(await queue.append(record('b')), true);
    assert.deepEqual(await ids(), ['a', 'b']);
    assert.deepEqual(queue.state, { kind: 'writing' });
  });

  it('does not write again the lines a failed call had already written whole', async () => {
    const real = nodeLedgerFiles(dir);
    let mode: 'fail' | 'first line only' | 'ok' = 'fail';
    const files = {
      ...real,
      appendLines: async (name: string, lines: readonly string[]) => {
        if (mode === 'fail') throw new AppendError(0, osError('ENOSPC', 'no space left on device, write'));
        if (mode === 'ok') return real.appendLines(name, lines);
        // The disk fills up after the first line: that one is whole in the file, the others are not.
        await real.appendLines(name, lines.slice(0, 1));
        throw new AppendError(1, osError('ENOSPC', 'no space left on device, write'));
      },
    };
    const { queue } = queueOn(files);
    assert.deepEqual(await Promise.all(['a', 'b', 'c'].map((id) => queue.append(record(id)))), [false, false, false]);
    mode = 'first line only';
    await retryUntil(() => queue.pending.length === 2);
    assert.deepEqual(await ids(), ['a']);
    mode = 'ok';
    await retryUntil(() => queue.state.kind === 'writing');
    assert.deepEqual(await ids(), ['a', 'b', 'c']);
  });

  it('writes the records once the ledger folder, replaced by a file, is a folder again', async () => {
    const { queue } = queueOn(nodeLedgerFiles(dir));
    await writeFile(dir, 'not a folder');
    assert.equal(await queue.append(record('a')), false);
    assert.equal(await queue.append(record('b')), false);
    assert.equal(queue.state.kind, 'failing');
    assert.match(alerts[0], /EEXIST|ENOTDIR/);
    await rename(dir, join(root, 'aside'));
    await retryUntil(() => queue.state.kind === 'writing');
    assert.deepEqual(await ids(), ['a', 'b']);
    assert.equal(queue.state.kind, 'writing');
    assert.equal(alerts.length, 1);
  });

  it('refuses a record whose time cannot be filed, and queues nothing for it', async () => {
    const { queue } = queueOn(faultyFiles(dir));
    await assert.rejects(queue.append(makeRecord({ id: 'x', time: 'not a time' })), RangeError);
    assert.deepEqual(queue.pending, []);
  });
});
