import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeLedgerFiles } from '../../../../src/core/ledger/node/nodeLedgerFiles';
import { QualityLog } from '../../../../src/core/quality/qualityLog';
import { isQualitySignal, parseSignalLines, type QualitySignal } from '../../../../src/core/quality/signal';
import { faultyFiles, osError } from '../ledger/faultyFiles';

describe('QualityLog: what happened to the answers, beside the ledger', () => {
  let dir: string;
  let now: Date;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-quality-'));
    now = new Date('2026-12-06T10:00:00.000Z');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Waits (real time) for the writes that run in the background. */
  async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!(await probe().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  const lines = async (name: string): Promise<QualitySignal[]> =>
    (await readFile(join(dir, name), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l) as QualitySignal);

  it('files each signal in its month file, linked to the call, with no text but shares and indexes', async () => {
    const log = new QualityLog(nodeLedgerFiles(dir), { now: () => now });
    const seen: QualitySignal[] = [];
    log.onDidRecord((s) => seen.push(s));
    log.record('call-1', 'shown');
    log.record('call-1', 'partial', { value: 0.4 });
    now = new Date('2027-01-01T00:00:01.000Z');
    log.record('call-2', 'findingDismissed', { item: 2 });
    await until(async () => (await readdir(dir)).length === 2, 'both month files');
    assert.deepEqual((await readdir(dir)).sort(), ['quality-2026-12.jsonl', 'quality-2027-01.jsonl']);
    const december = await lines('quality-2026-12.jsonl');
    assert.deepEqual(december.map((s) => [s.call, s.name, s.value]), [['call-1', 'shown', undefined], ['call-1', 'partial', 0.4]]);
    assert.deepEqual((await lines('quality-2027-01.jsonl')).map((s) => [s.call, s.name, s.item]), [['call-2', 'findingDismissed', 2]]);
    assert.equal(seen.length, 3);
    assert.equal(new Set(seen.map((s) => s.id)).size, 3, 'every signal has its own id');
    log.dispose();
  });

  it('a signal written to its file while the log is being read is in what the read returns', async () => {
    const real = nodeLedgerFiles(dir);
    await appendFile(join(dir, 'quality-2026-12.jsonl'), '');
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let written!: Promise<void>;
    const files = {
      ...real,
      // The write waits until the read has the file's old text, and is done before the read goes on.
      appendLines: (name: string, toAppend: readonly string[]) => (written = gate.then(() => real.appendLines(name, toAppend))),
      readText: async (name: string) => {
        const text = await real.readText(name);
        openGate();
        await written;
        return text;
      },
    };
    const log = new QualityLog(files, { now: () => now });
    log.record('call-1', 'accepted');
    assert.deepEqual((await log.read()).signals.map((s) => [s.call, s.name]), [['call-1', 'accepted']]);
    log.dispose();
  });

  it('reads a range back oldest first, skipping damaged lines and counting them', async () => {
    const log = new QualityLog(nodeLedgerFiles(dir), { now: () => now });
    log.record('a', 'accepted');
    now = new Date('2026-12-06T10:05:00.000Z');
    log.record('a', 'survival5m', { value: 0.75 });
    await until(async () => (await readdir(dir)).length === 1, 'the month file');
    await until(async () => (await lines('quality-2026-12.jsonl')).length === 2, 'both lines');
    await appendFile(join(dir, 'quality-2026-12.jsonl'), '{"v":1,"id":"torn","ti\n');
    const all = await log.read();
    assert.deepEqual(all.signals.map((s) => s.name), ['accepted', 'survival5m']);
    assert.equal(all.skippedLines, 1);
    const later = await log.read({ from: new Date('2026-12-06T10:01:00.000Z') });
    assert.deepEqual(later.signals.map((s) => s.name), ['survival5m']);
    log.dispose();
  });

  it('keeps signals in memory while the folder cannot be written, and reads them all the same', async () => {
    const files = faultyFiles(dir);
    files.fail.appendLines = osError('EROFS', 'read-only file system');
    const log = new QualityLog(files, { now: () => now });
    log.record('call-9', 'thumbsUp');
    const { signals } = await log.read();
    assert.deepEqual(signals.map((s) => [s.call, s.name]), [['call-9', 'thumbsUp']]);
    log.dispose();
  });

  it('accepts only well-formed signals: shares in 0–1 on share signals, an index on finding signals, nothing else', () => {
    const base = { v: 1, id: 'x', time: '2026-12-06T10:00:00.000Z', call: 'c' };
    assert.ok(isQualitySignal({ ...base, name: 'accepted' }));
    assert.ok(isQualitySignal({ ...base, name: 'survival30s', value: 1 }));
    assert.ok(isQualitySignal({ ...base, name: 'findingFixed', item: 0 }));
    assert.ok(!isQualitySignal({ ...base, name: 'survival30s' }), 'a share signal needs its share');
    assert.ok(!isQualitySignal({ ...base, name: 'partial', value: 1.5 }));
    assert.ok(!isQualitySignal({ ...base, name: 'accepted', value: 0.5 }), 'a plain event has no value');
    assert.ok(!isQualitySignal({ ...base, name: 'findingLeft' }), 'a finding signal names its finding');
    assert.ok(!isQualitySignal({ ...base, name: 'thumbsUp', item: 1 }));
    assert.ok(!isQualitySignal({ ...base, name: 'liked' }), 'an unknown name');
    assert.ok(!isQualitySignal({ ...base, call: '', name: 'shown' }));
    assert.deepEqual(parseSignalLines('\n{"v":1}\nnot json\n').skipped, 2);
  });
});
