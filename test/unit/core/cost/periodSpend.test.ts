import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PeriodSpend } from '../../../../src/core/cost/periodSpend';
import { openLedgerStore } from '../../../../src/core/ledger/node/openLedgerStore';
import { ledgerFileName, type LedgerStore } from '../../../../src/core/ledger/store';
import { ManualClock } from '../../../fixtures/manualClock';
import { faultyFiles, osError } from '../ledger/faultyFiles';
import { makeRecord } from '../ledger/fixtures';

const local = (day: number, hour: number, minute = 0) => new Date(2026, 2, day, hour, minute);
const spent = (id: string, time: Date, costMicroUsd: number) => makeRecord({ id, time: time.toISOString(), costMicroUsd });

describe('PeriodSpend: the budgets never stop at an unreadable ledger', () => {
  let dir: string;
  let loads: number;
  let files: ReturnType<typeof faultyFiles>;
  let store: LedgerStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-period-spend-'));
    loads = 0;
    files = faultyFiles(dir);
    // Each read of the month into the ledger's index lists the folder once.
    const counted = { ...files, list: () => { loads++; return files.list(); } };
    store = openLedgerStore(dir, { files: counted, timers: new ManualClock() });
  });
  afterEach(async () => {
    store.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('tries a failed read again on the next use, counting meanwhile what it knows and saying so', async () => {
    let now = local(10, 9, 5);
    const warnings: string[] = [];
    const infos: string[] = [];
    const earlier = spent('earlier', local(10, 8), 1_000);
    await writeFile(join(dir, ledgerFileName(new Date(earlier.time))), `${JSON.stringify(earlier)}\n`);
    files.fail.list = osError('ENOTDIR', "not a directory, scandir '/g/ledger'");
    const spend = new PeriodSpend(store, () => 50, () => now, { info: (m) => infos.push(m), warn: (m) => warnings.push(m), error: () => {} });
    now = local(10, 9, 30);
    await store.append(spent('this-window', local(10, 9, 30), 50));

    const first = await spend.current();
    assert.deepEqual({ ...first, caveat: undefined }, { session: 50, today: 50, month: 50, caveat: undefined });
    assert.equal(first.caveat, "Today's and this month's spend could not be read from the ledger (ENOTDIR: not a directory, scandir '/g/ledger'); only this window's calls since 09:05 are counted.");
    await spend.current();
    assert.equal(loads, 2, 'a failed read is not kept: it is tried again');
    assert.equal(warnings.length, 1, 'the log says it once while the error stays the same');

    // The next day, the time it counts from carries its date.
    now = local(11, 7);
    assert.match((await spend.current()).caveat ?? '', /since 2026-03-10 09:05 are counted/);

    delete files.fail.list;
    now = local(10, 10);
    const read = await spend.current();
    assert.deepEqual(read, { session: 50, today: 1_050, month: 1_050 }, 'the read records join what was known, once each');
    assert.equal(infos.length, 1);
    await spend.current();
    assert.equal(loads, 4, 'once read, the month is not read again');
  });

  it('shares one read between calls that ask at once', async () => {
    const spend = new PeriodSpend(store, () => 0);
    await Promise.all([spend.current(), spend.current(), spend.current()]);
    assert.equal(loads, 1);
  });
});
