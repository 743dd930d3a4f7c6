import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budgetLevel, type BudgetCaps, type BudgetState } from '../../../../src/core/cost/budget';
import { PeriodSpend } from '../../../../src/core/cost/periodSpend';
import { openLedgerStore } from '../../../../src/core/ledger/node/openLedgerStore';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { ledgerFileName, type LedgerStore } from '../../../../src/core/ledger/store';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { LedgerReport } from '../../../../src/core/report/ledgerReport';
import type { ReportModel } from '../../../../src/core/report/reportModel';
import { ManualClock } from '../../../fixtures/manualClock';
import { faultyFiles, osError } from '../ledger/faultyFiles';
import { makeRecord } from '../ledger/fixtures';

const at = (day: number, hour: number, minute = 0, ms = 0) => new Date(2026, 2, day, hour, minute, 0, ms);
const call = (id: string, time: Date, costMicroUsd: number, session = 'other') => makeRecord({ id, time: time.toISOString(), costMicroUsd, session });
const caps: BudgetCaps = { sessionMicroUsd: 10, dailyMicroUsd: 100, monthlyMicroUsd: 1_300 };
const RANK: Record<BudgetState, number> = { ok: 0, near: 1, over: 2 };

describe('Spend in this period: the status bar and the report read one source', () => {
  let dir: string;
  let store: LedgerStore;
  let now: Date;
  let spend: PeriodSpend;
  let report: LedgerReport;
  const session: { id: string; records: LedgerRecord[]; totals: { costMicroUsd: number } } = { id: 'this-window', records: [], totals: { costMicroUsd: 0 } };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-spend-agreement-'));
    // In the files: last month, earlier this month, the last millisecond of yesterday and the first of today.
    const written = [
      call('last-month', new Date(2026, 1, 27, 12), 5_000),
      call('early-month', at(2, 10), 300),
      call('yesterday-late', at(10, 23, 59, 59_999), 1_000),
      call('midnight', at(11, 0), 70),
    ];
    for (const r of written) await writeFile(join(dir, ledgerFileName(new Date(r.time))), `${JSON.stringify(r)}\n`, { flag: 'a' });
    const files = faultyFiles(dir);
    store = openLedgerStore(dir, { files, timers: new ManualClock() });
    now = at(11, 0, 30);
    // This window's call, not in the file yet: the folder cannot be written.
    files.fail.appendLines = osError('EROFS', 'read-only file system, open');
    const pending = call('pending', at(11, 0, 20), 9, session.id);
    assert.equal(await store.append(pending), false);
    session.records = [pending];
    session.totals.costMicroUsd = 9;
    // As the extension wires them: one period spend for the budget check and the status bar, given to the report.
    spend = new PeriodSpend(store, () => session.totals.costMicroUsd, () => now);
    report = new LedgerReport({ ledger: store, session, spend, settings: () => ({ models: DEFAULT_MODELS, budget: { caps, mode: 'warn' } }), now: () => now });
  });
  afterEach(async () => {
    report.dispose();
    spend.dispose();
    store.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** The status bar's colour (extension.ts: budgetLevel over the period spend) and the report's budget rows, side by side. */
  async function bothViews(): Promise<{ level: BudgetState; rows: ReportModel['budget']['caps']; todayTotal: number }> {
    const level = budgetLevel(caps, await spend.current());
    const today = await report.build('today');
    return { level, rows: today.budget.caps, todayTotal: today.totals.costMicroUsd };
  }

  function assertAgree(views: { level: BudgetState; rows: ReportModel['budget']['caps'] }, spent: { session: number; today: number; month: number }, why: string): void {
    assert.deepEqual(views.rows.map((r) => [r.cap, r.spentMicroUsd]), [['session', spent.session], ['daily', spent.today], ['monthly', spent.month]], why);
    const worst = views.rows.reduce<BudgetState>((w, r) => (RANK[r.state] > RANK[w] ? r.state : w), 'ok');
    assert.equal(views.level, worst, `${why}: the status bar's colour is the report's worst budget row`);
  }

  it('agree on today and this month, counting this window\'s unwritten call and cutting the day at local midnight', async () => {
    const views = await bothViews();
    // Today: midnight 70 + pending 9 (yesterday's 23:59:59.999 is not today). Month: 300 + 1000 + 70 + 9.
    assertAgree(views, { session: 9, today: 79, month: 1_379 }, 'at 00:30');
    assert.equal(views.level, 'over', 'the monthly cap is passed');
    assert.equal(views.todayTotal, 79, "the report's own total for today is the budget row's");
  });

  it('still agree after another window\'s call and after the next midnight', async () => {
    await bothViews();
    await openLedgerStore(dir, { digests: false }).append(call('other-window', at(11, 0, 25), 5));
    // The report reads the files again on every build; the period spend counts from the same index.
    assertAgree(await bothViews(), { session: 9, today: 84, month: 1_384 }, "after another window's call");
    assert.deepEqual(await spend.current(), { session: 9, today: 84, month: 1_384 }, 'the budget check sees it as well');

    now = at(12, 0, 0, 1);
    const nextDay = await bothViews();
    assertAgree(nextDay, { session: 9, today: 0, month: 1_384 }, 'just after the next midnight');
    assert.equal(nextDay.todayTotal, 0);
  });
});
