import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedgerStore } from '../../../../src/core/ledger/node/openLedgerStore';

const WORKER = join(__dirname, 'appendWorker.ts');

interface Worker {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly output: () => string;
}

/** Starts a worker and resolves once it is loaded and waiting for "go". */
function startWorker(dir: string, tag: string, mode = 'append'): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, tag, mode], { stdio: ['pipe', 'pipe', 'inherit'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve({ child, exited, output: () => text }));
    exited.then(() => reject(new Error(`worker ${tag} exited before it was ready`)), reject);
  });
}

describe('LedgerStore across two processes', function () {
  // Two Node processes loading tsx take a second or two on a slow machine.
  this.timeout(60_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-ledger-procs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no record when two windows append 1,000 records each at the same time', async () => {
    const workers = await Promise.all([startWorker(dir, 'A'), startWorker(dir, 'B')]);
    for (const { child } of workers) child.stdin?.end('go\n');
    assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0]);

    const { records, skippedLines } = await openLedgerStore(dir).read();
    assert.equal(skippedLines, 0);
    assert.equal(records.length, 2000);
    assert.equal(new Set(records.map((r) => r.id)).size, 2000);
    assert.equal(records.filter((r) => r.session === 'A').length, 1000);
  });

  it('files each batch result once when two windows offer the same results at the same time', async () => {
    const workers = await Promise.all([startWorker(dir, 'A', 'once'), startWorker(dir, 'B', 'once')]);
    for (const { child } of workers) child.stdin?.end('go\n');
    assert.deepEqual(await Promise.all(workers.map((w) => w.exited)), [0, 0]);

    // In the file itself, not only after the readers' dedupe: each id on one line.
    const text = await readFile(join(dir, 'ledger-2026-03.jsonl'), 'utf8');
    const ids = text.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
    assert.equal(ids.length, 300);
    assert.equal(new Set(ids).size, 300);
    // Between them, the two windows said "filed now" exactly once per result.
    const filed = workers.map((w) => Number(/filed (\d+)/.exec(w.output())?.[1]));
    assert.equal(filed[0] + filed[1], 300, `filed: ${filed.join(' + ')}`);
    await assert.rejects(readFile(join(dir, 'append.lock')), /ENOENT/, 'the lock is released');
  });
});
