import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BudgetCaps } from '../../../../src/core/cost/budget';
import { PeriodSpend } from '../../../../src/core/cost/periodSpend';
import { localDay, type Period } from '../../../../src/core/ledger/query';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { openLedgerStore } from '../../../../src/core/ledger/node/openLedgerStore';
import { type LedgerStore, ledgerFileName } from '../../../../src/core/ledger/store';
import { DEFAULT_MODELS, type ModelTable } from '../../../../src/core/models/modelTable';
import { buildReport } from '../../../../src/core/report/buildReport';
import { LedgerReport } from '../../../../src/core/report/ledgerReport';
import type { ReportModel } from '../../../../src/core/report/reportModel';
import { ManualClock } from '../../../fixtures/manualClock';
import { syntheticLedger } from '../../../fixtures/syntheticLedger';
import { faultyFiles, osError } from '../ledger/faultyFiles';
import { makeRecord } from '../ledger/fixtures';

const NOW = new Date(2026, 2, 11, 18, 0);
const PERIODS: readonly Period[] = ['today', '7d', '30d', 'all'];
const caps: BudgetCaps = { dailyMicroUsd: 2_000_000, monthlyMicroUsd: 20_000_000 };

describe('LedgerReport: the report over the incremental ledger index', () => {
  let dir: string;
  let records: LedgerRecord[];
  let models: ModelTable;
  const session: { id: string; records: LedgerRecord[]; totals: { costMicroUsd: number } } = { id: 's-now', records: [], totals: { costMicroUsd: 0 } };

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'tandem-ledger-report-')), 'ledger');
    // 3,000 calls over 70 days, across three month files; a few written twice (two windows, one batch result).
    records = syntheticLedger({ count: 3000, end: NOW, days: 70 });
    const lines = new Map<string, string[]>();
    for (const r of [...records, ...records.slice(100, 110)]) {
      const name = ledgerFileName(new Date(r.time));
      (lines.get(name) ?? lines.set(name, []).get(name)!).push(JSON.stringify(r));
    }
    await rm(dir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    for (const [name, l] of lines) await writeFile(join(dir, name), `${l.join('\n')}\n`);
    models = DEFAULT_MODELS;
    session.records = [];
    session.totals.costMicroUsd = 0;
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  const reportOver = (store: LedgerStore) =>
    new LedgerReport({ ledger: store, session, spend: new PeriodSpend(store, () => session.totals.costMicroUsd, () => NOW), settings: () => ({ models, budget: { caps, mode: 'warn' } }), now: () => NOW });

  /** What buildReport says over the same records, with the budget rows summed from them by hand. */
  function expected(period: Period, all: readonly LedgerRecord[], extra: Partial<ReportModel> = {}): ReportModel {
    const today = localDay(NOW);
    const month = localDay(new Date(NOW.getFullYear(), NOW.getMonth(), 1));
    const sum = (from: string) => all.filter((r) => localDay(r.time) >= from).reduce((n, r) => n + r.costMicroUsd, 0);
    const model = buildReport(all, {
      period, now: NOW, sessionId: session.id, models,
      budget: { caps, mode: 'warn', spent: { session: session.totals.costMicroUsd, today: sum(today), month: sum(month) } },
      notes: [],
    });
    return { ...model, ...extra };
  }

  it('gives, for every period, exactly the figures buildReport gives over the records (copies counted once)', async () => {
    const report = reportOver(openLedgerStore(dir, { timers: new ManualClock() }));
    for (const period of PERIODS) assert.deepEqual(await report.build(period), expected(period, records), period);
  });

  it('stays exact through live updates, a price change, and a new window reading the month digests', async () => {
    const store = openLedgerStore(dir, { timers: new ManualClock() });
    const report = reportOver(store);
    await report.build('all');
    const added: LedgerRecord[] = [];
    for (let i = 0; i < 5; i++) {
      const r = { ...records[records.length - 1 - i], id: `live-${i}`, time: new Date(NOW.getTime() - i * 60_000).toISOString() };
      added.push(r);
      await store.append(r);
      assert.deepEqual(await report.build('7d'), expected('7d', [...records, ...added]), `after call ${i + 1}`);
    }
    // Another window appends to the same file.
    const other = { ...records[5], id: 'other-window', time: new Date(NOW.getTime() - 3_600_000).toISOString() };
    await openLedgerStore(dir, { digests: false }).append(other);
    added.push(other);
    assert.deepEqual(await report.build('all'), expected('all', [...records, ...added]));

    // Cheaper Haiku: the what-if and the cache savings follow the prices at once.
    const before = await report.build('30d');
    models = { ...DEFAULT_MODELS, 'claude-haiku-4-5': { ...DEFAULT_MODELS['claude-haiku-4-5'], prices: { ...DEFAULT_MODELS['claude-haiku-4-5'].prices, input: 400_000, cacheRead: 40_000 } } };
    const repriced = await report.build('30d');
    assert.deepEqual(repriced, expected('30d', [...records, ...added]));
    assert.notEqual(repriced.whatIf.allOn['claude-haiku-4-5'], before.whatIf.allOn['claude-haiku-4-5']);
    assert.notEqual(repriced.cacheSavingsMicroUsd, before.cacheSavingsMicroUsd);

    await store.index.writeDigests();
    const fresh = reportOver(openLedgerStore(dir, { timers: new ManualClock() }));
    for (const period of PERIODS) assert.deepEqual(await fresh.build(period), expected(period, [...records, ...added]), `from digests: ${period}`);
  });

  it('shows the damaged lines it skipped, and the session from the session', async () => {
    const month = ledgerFileName(NOW);
    await appendFile(join(dir, month), '{"v":1,"id":"half a rec\n{not json}\n');
    const report = reportOver(openLedgerStore(dir, { timers: new ManualClock() }));
    assert.equal((await report.build('today')).skippedLines, 2);
    assert.equal((await report.build('all')).skippedLines, 2);

    session.records = records.filter((r) => r.session === 's74');
    session.totals.costMicroUsd = session.records.reduce((n, r) => n + r.costMicroUsd, 0);
    session.id = 's74';
    const built = await report.build('session');
    assert.equal(built.totals.calls, session.records.length);
    assert.equal(built.totals.costMicroUsd, session.totals.costMicroUsd);
    assert.deepEqual(await report.records('session'), session.records);
    session.id = 's-now';
  });

  it('says so when the ledger cannot be read or written, and still counts what it knows', async () => {
    const files = faultyFiles(dir);
    const store = openLedgerStore(dir, { files, timers: new ManualClock() });
    const report = reportOver(store);
    await report.build('all');
    files.fail.list = osError('EACCES', `permission denied, scandir '${dir}'`);
    files.fail.appendLines = osError('EROFS', 'read-only file system, open');
    const call = makeRecord({ id: 'waiting', time: new Date(NOW.getTime() - 60_000).toISOString(), costMicroUsd: 1234 });
    assert.equal(await store.append(call), false);
    const built = await report.build('today');
    assert.deepEqual(built.totals.calls, expected('today', [...records, call]).totals.calls);
    assert.match(built.notes[0], /The usage ledger could not be read \(EACCES: permission denied/);
    assert.match(built.notes[1], /^1 call is not in the ledger file yet: .* cannot be written \(EROFS: read-only file system, open\)\. It is counted here/);
    store.dispose();
  });

  it('exports exactly the records the report counts', async () => {
    const report = reportOver(openLedgerStore(dir, { timers: new ManualClock() }));
    for (const period of PERIODS) {
      const exported = await report.records(period);
      const built = await report.build(period);
      assert.equal(exported.length, built.totals.calls, period);
      assert.equal(exported.reduce((n, r) => n + r.costMicroUsd, 0), built.totals.costMicroUsd, period);
    }
  });
});
