import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BudgetBlockedError } from '../../../../src/core/calls/errors';
import { ledgerFileName } from '../../../../src/core/ledger/store';
import { startFakeProviders, type FakeProviders } from '../../../fake-providers/server';
import { createHarness, type Harness } from '../../../fixtures/modelHarness';
import { ManualClock } from '../../../fixtures/manualClock';
import { eventually } from '../ledger/eventually';
import { faultyFiles, osError } from '../ledger/faultyFiles';
import { makeRecord } from '../ledger/fixtures';

const ask = { task: 'explain' as const, system: ['Be brief.'], messages: [{ role: 'user' as const, content: 'What is a monad?' }] };

describe('ModelService with a ledger that cannot be read or written (real SDKs, fake server)', () => {
  let fake: FakeProviders;
  let h: Harness;
  let files: ReturnType<typeof faultyFiles>;
  let clock: ManualClock;
  let alerts: string[];

  before(async () => {
    fake = await startFakeProviders();
  });
  after(() => fake.close());
  beforeEach(async () => {
    await fake.reset();
    clock = new ManualClock();
    alerts = [];
  });
  afterEach(() => h?.cleanup());

  const harness = (settings?: Parameters<typeof createHarness>[1]) => {
    h = createHarness(fake, {
      ...settings,
      ledger: (dir) => {
        files = faultyFiles(dir);
        return { files, timers: clock, alert: (m: string) => alerts.push(m) };
      },
    });
    return h;
  };

  const fileIds = async (): Promise<string[]> =>
    (await readFile(join(h.dir, ledgerFileName(new Date())), 'utf8')).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);

  it('a call still works and counts when the ledger cannot be written; the user is told once; the record lands once it can', async () => {
    harness();
    files.fail.appendLines = osError('EROFS', `read-only file system, open '${h.dir}/x'`);
    const first = await h.service.run(ask);
    const second = await h.service.run(ask);
    assert.ok(first.result.text.length > 0 && second.result.text.length > 0);
    assert.equal(h.session.totals.calls, 2);
    assert.equal(alerts.length, 1);
    assert.ok(alerts[0].includes(h.dir) && alerts[0].includes('EROFS'), alerts[0]);
    assert.ok(h.logLines.some((l) => /^error ledger: cannot write in .* \(EROFS/.test(l)), h.logLines.join('\n'));
    // Budgets and readers count the records waiting in memory.
    assert.deepEqual((await h.ledger.read()).records.map((r) => r.id), h.session.records.map((r) => r.id));

    delete files.fail.appendLines;
    await eventually(() => h.ledger.writeState.kind === 'writing', 'the ledger to be written', 5_000, () => clock.advance(60_000));
    assert.deepEqual(await fileIds(), h.session.records.map((r) => r.id));
    assert.equal(alerts.length, 1);
  });

  it('recordCallOnce counts a batch result once, even while it waits in memory', async () => {
    harness();
    files.fail.appendLines = osError('ENOSPC', 'no space left on device, write');
    const result = makeRecord({ id: 'job-1:item-1', time: new Date().toISOString(), session: h.service.sessionId, batch: true, costMicroUsd: 500 });
    assert.equal(await h.service.recordCallOnce(result), true);
    assert.equal(await h.service.recordCallOnce(result), false);
    assert.equal(h.session.totals.costMicroUsd, 500);
    delete files.fail.appendLines;
    assert.equal(await h.service.recordCallOnce(result), false);
    await eventually(() => h.ledger.writeState.kind === 'writing', 'the ledger to be written', 5_000, () => clock.advance(60_000));
    assert.deepEqual(await fileIds(), ['job-1:item-1']);
  });

  it('a ledger that cannot be read does not block calls: the budget counts what it knows and says so, and reads again next time', async () => {
    harness({ settings: { budget: { caps: { dailyMicroUsd: 1 }, mode: 'block' } }, answerBudgetQuestion: true });
    files.fail.list = osError('EACCES', `permission denied, scandir '${h.dir}'`);
    await h.service.run(ask);
    assert.equal(h.budgetQuestions.length, 1);
    assert.match(h.budgetQuestions[0], /Today's and this month's spend could not be read from the ledger \(EACCES: permission denied, scandir '.*'\); only this window's calls since \d\d:\d\d are counted\./);
    assert.equal(h.logLines.filter((l) => l.startsWith("warn budget: Today's and this month's spend could not")).length, 1);

    // Still unreadable: the next call goes too, and the spend so far counts the first call.
    await h.service.run(ask);
    assert.equal(h.budgetQuestions.length, 2);
    assert.equal(h.logLines.filter((l) => l.startsWith("warn budget: Today's and this month's spend could not")).length, 1, 'the log says it once');

    delete files.fail.list;
    await h.service.run(ask);
    assert.ok(!h.budgetQuestions[2].includes('could not be read'), h.budgetQuestions[2]);
    assert.ok(h.logLines.some((l) => l.includes("budget: the ledger was read; today's and this month's spend are complete again")));
  });

  it('over a blocking budget with an unreadable ledger, a "no" still stops the call', async () => {
    harness({ settings: { budget: { caps: { dailyMicroUsd: 1 }, mode: 'block' } }, answerBudgetQuestion: false });
    files.fail.list = osError('EACCES', 'permission denied, scandir');
    await assert.rejects(h.service.run(ask), BudgetBlockedError);
    assert.equal(h.session.totals.calls, 0);
  });
});
