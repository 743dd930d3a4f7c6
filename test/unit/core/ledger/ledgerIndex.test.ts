import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallRow } from '../../../../src/core/ledger/callRow';
import { LedgerIndex } from '../../../../src/core/ledger/ledgerIndex';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { openLedgerStore } from '../../../../src/core/ledger/node/openLedgerStore';
import { ManualClock } from '../../../fixtures/manualClock';
import { faultyFiles, osError } from './faultyFiles';
import { makeRecord } from './fixtures';

const FILE = 'ledger-2026-03.jsonl';
const at = (minute: number): string => new Date(Date.UTC(2026, 2, 10, 10, minute)).toISOString();
const rec = (id: string, minute = 0, cost = 100): LedgerRecord => makeRecord({ id, time: at(minute), costMicroUsd: cost });
const line = (r: LedgerRecord): string => `${JSON.stringify(r)}\n`;

/** What a sink sees: the rows it was offered, by id, with how often it was cleared. */
class RecordingSink {
  rows = new Map<string, CallRow>();
  adds = 0;
  clears = 0;
  add(row: CallRow): void {
    this.adds++;
    this.rows.set(row.id, row);
  }
  clear(): void {
    this.clears++;
    this.rows.clear();
  }
  get ids(): string[] {
    return [...this.rows.keys()].sort();
  }
}

describe('LedgerIndex: incremental reads of the month files', () => {
  let dir: string;
  let files: ReturnType<typeof faultyFiles>;
  let clock: ManualClock;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'tandem-index-')), 'ledger');
    await mkdir(dir);
    files = faultyFiles(dir);
    clock = new ManualClock();
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  const newIndex = (digests = false) => new LedgerIndex(files, { timers: clock, digests });

  it('reads only what was appended since its last look: a new call costs its own bytes', async () => {
    await writeFile(join(dir, FILE), line(rec('a')) + line(rec('b', 1)));
    const index = newIndex();
    const sink = new RecordingSink();
    index.attach(sink);
    await index.refresh();
    assert.deepEqual(sink.ids, ['a', 'b']);
    const size = (await readFile(join(dir, FILE))).length;

    files.reads.length = 0;
    await index.refresh();
    assert.equal(files.reads.length, 0, 'nothing new: only a stat');

    const c = line(rec('c', 2));
    await appendFile(join(dir, FILE), c);
    await index.refresh();
    assert.deepEqual(sink.ids, ['a', 'b', 'c']);
    // The read starts a few bytes early (to check it is the same file) and ends at the new end.
    assert.equal(files.reads.length, 1);
    const [, start, end] = files.reads[0];
    assert.equal(end, size + Buffer.byteLength(c));
    assert.ok(size - start <= 64, `read from ${start}, ${size - start} bytes before the new record`);
    assert.equal(sink.adds, 3, 'each record offered once');
  });

  it('leaves a torn or half-written last line for later: counted as damaged while it stays, read once it is whole', async () => {
    const c = JSON.stringify(rec('c', 2));
    await writeFile(join(dir, FILE), line(rec('a')) + c.slice(0, 30));
    const index = newIndex();
    const sink = new RecordingSink();
    index.attach(sink);
    await index.refresh();
    assert.deepEqual(sink.ids, ['a']);
    assert.equal(index.skippedLines(), 1, 'a torn last line is damage until it is ended');

    // Another window finishes writing the line.
    await appendFile(join(dir, FILE), `${c.slice(30)}\n`);
    await index.refresh();
    assert.deepEqual(sink.ids, ['a', 'c']);
    assert.equal(index.skippedLines(), 0);

    // A crash leaves a torn line, and the next append ends it and writes after it.
    await appendFile(join(dir, FILE), c.slice(0, 12));
    await openLedgerStore(dir, { digests: false }).append(rec('d', 3));
    await index.refresh();
    assert.deepEqual(sink.ids, ['a', 'c', 'd']);
    assert.equal(index.skippedLines(), 1, 'the torn line, now ended, is one damaged line');
  });

  it('reads a file again from the start when it shrank, was replaced, or was rewritten under the same name', async () => {
    await writeFile(join(dir, FILE), line(rec('a')) + line(rec('b', 1)));
    const index = newIndex();
    const sink = new RecordingSink();
    index.attach(sink);
    await index.refresh();

    // Shrank: a restore of an older copy in place.
    await truncate(join(dir, FILE), Buffer.byteLength(line(rec('a'))));
    await index.refresh();
    assert.deepEqual(sink.ids, ['a']);

    // Replaced: another file renamed over it.
    await writeFile(join(dir, 'other'), line(rec('x')) + line(rec('y', 1)) + line(rec('z', 2)));
    await rename(join(dir, 'other'), join(dir, FILE));
    await index.refresh();
    assert.deepEqual(sink.ids, ['x', 'y', 'z']);

    // Rewritten in place and longer: the bytes before the old end are not what was read.
    await writeFile(join(dir, FILE), line(rec('p')) + line(rec('q', 1)) + line(rec('r', 2)) + line(rec('s', 3)));
    await index.refresh();
    assert.deepEqual(sink.ids, ['p', 'q', 'r', 's']);

    // Deleted.
    await rm(join(dir, FILE));
    await index.refresh();
    assert.deepEqual(sink.ids, []);
  });

  it('counts a record two windows both appended once', async () => {
    const batch = rec('job-1:item-1', 5, 500);
    await writeFile(join(dir, FILE), line(rec('a')) + line(batch) + line(batch));
    const index = newIndex();
    const sink = new RecordingSink();
    index.attach(sink);
    await index.refresh();
    await appendFile(join(dir, FILE), line(batch));
    await index.refresh();
    assert.deepEqual(sink.ids, ['a', 'job-1:item-1']);
    assert.equal(sink.adds, 2);
    assert.equal(index.skippedLines(), 0, 'a copy is not damage');
  });

  it("counts this window's records before they reach the file, and once after", async () => {
    const index = newIndex();
    const sink = new RecordingSink();
    index.attach(sink);
    const own = rec('own', 1);
    index.addLocal(own);
    assert.ok(index.knows(own));
    assert.deepEqual(sink.ids, ['own']);
    await writeFile(join(dir, FILE), line(rec('a')) + line(own));
    await index.refresh();
    assert.deepEqual(sink.ids, ['a', 'own']);
    assert.equal(sink.adds, 2, 'read back from the file, it is not counted again');
    assert.deepEqual([...index.rows()].map((r) => r.id).sort(), ['a', 'own']);
  });

  it('keeps what it read when the folder cannot be read, and reads again on the next look', async () => {
    await writeFile(join(dir, FILE), line(rec('a')));
    const index = newIndex();
    const sink = new RecordingSink();
    index.attach(sink);
    await index.refresh();
    await appendFile(join(dir, FILE), line(rec('b', 1)));
    files.fail.list = osError('EACCES', `permission denied, scandir '${dir}'`);
    await assert.rejects(index.refresh(), /EACCES/);
    assert.deepEqual(sink.ids, ['a']);
    delete files.fail.list;
    await index.refresh();
    assert.deepEqual(sink.ids, ['a', 'b']);
  });

  it('picks up what another process appended, and offers rows to a sink attached later', async () => {
    const other = openLedgerStore(dir, { digests: false });
    await other.append(rec('a'));
    const index = newIndex();
    await index.refresh();
    await other.append(rec('b', 1));
    await other.append(rec('c', 2));
    await index.refresh();
    const sink = new RecordingSink();
    index.attach(sink);
    assert.deepEqual(sink.ids, ['a', 'b', 'c']);
  });
});

describe('LedgerIndex: month digests', () => {
  let dir: string;
  let files: ReturnType<typeof faultyFiles>;
  const clock = new ManualClock();

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'tandem-digest-')), 'ledger');
    await mkdir(dir);
    files = faultyFiles(dir);
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  /** A month file big enough to be digested (~1,000 records). */
  async function bigMonth(): Promise<LedgerRecord[]> {
    const records = Array.from({ length: 1000 }, (_, i) => makeRecord({
      id: `r${i}`, time: new Date(Date.UTC(2026, 2, 1 + (i % 28), 10, i % 60)).toISOString(), costMicroUsd: i,
      usage: { input: i, cacheRead: 2 * i, cacheWrite5m: 3, cacheWrite1h: 4, output: 5 * i, reasoning: i }, batch: i % 7 === 0, outcome: i % 11 === 0 ? 'fallback' : 'ok', estimated: i % 13 === 0,
      reason: 'a reason that makes the line as long as real ones are, more or less, for the size of the file',
    }));
    // Id and time first, as ModelService writes them.
    await writeFile(join(dir, FILE), records.map(({ v, id, time, ...rest }) => line({ v, id, time, ...rest })).join(''));
    return records;
  }

  it('lets a new reader take the rows from the digest and read only the bytes appended since', async () => {
    const records = await bigMonth();
    const first = new LedgerIndex(files, { timers: clock });
    const firstSink = new RecordingSink();
    first.attach(firstSink);
    await first.refresh();
    await first.writeDigests();
    await appendFile(join(dir, FILE), line(rec('late', 59)));

    files.reads.length = 0;
    const second = new LedgerIndex(files, { timers: clock });
    const sink = new RecordingSink();
    second.attach(sink);
    await second.refresh();
    assert.equal(sink.rows.size, records.length + 1);
    const bytesRead = files.reads.reduce((n, [, start, end]) => n + end - start, 0);
    assert.ok(bytesRead < 700, `only the bytes after the digest (and a few to check it) were read, not ${bytesRead}`);
    // The digest gives back exactly what the file says.
    for (const id of ['r0', 'r7', 'r11', 'r13', 'r999']) assert.deepEqual(sink.rows.get(id), firstSink.rows.get(id));
    assert.ok(second.knows(rec('r500')));
  });

  it('ignores a digest that no longer matches its file, or is damaged', async () => {
    await bigMonth();
    const first = new LedgerIndex(files, { timers: clock });
    await first.refresh();
    await first.writeDigests();
    const digest = join(dir, 'digests', 'ledger-2026-03.digest');

    // The file rewritten under the same name (a backup restored): same size, other records.
    const text = await readFile(join(dir, FILE), 'utf8');
    await writeFile(join(dir, FILE), text.replace(/"id":"r(\d+)"/g, '"id":"s$1"'));
    const sink = new RecordingSink();
    const second = new LedgerIndex(files, { timers: clock });
    second.attach(sink);
    await second.refresh();
    assert.ok(sink.rows.has('s5') && !sink.rows.has('r5'));

    // A damaged digest: read the file.
    const bytes = await readFile(digest);
    bytes[bytes.length - 3000] ^= 0xff;
    await writeFile(digest, bytes.subarray(0, bytes.length - 100));
    const third = new LedgerIndex(files, { timers: clock });
    const thirdSink = new RecordingSink();
    third.attach(thirdSink);
    await third.refresh();
    assert.equal(thirdSink.rows.size, 1000);
  });

  it('writes no digest for a small file, and none when the folder cannot be written (reads still work)', async () => {
    await writeFile(join(dir, FILE), line(rec('a')));
    const index = new LedgerIndex(files, { timers: clock });
    await index.refresh();
    await index.writeDigests();
    await assert.rejects(readFile(join(dir, 'digests', 'ledger-2026-03.digest')), /ENOENT/);

    await bigMonth();
    files.fail.writeAtomic = osError('EROFS', 'read-only file system');
    const big = new LedgerIndex(files, { timers: clock });
    await big.refresh();
    await big.writeDigests();
    await assert.rejects(readFile(join(dir, 'digests', 'ledger-2026-03.digest')), /ENOENT/);
  });
});
