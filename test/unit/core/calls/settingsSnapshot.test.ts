import assert from 'node:assert/strict';
import type { SettingsSnapshot } from '../../../../src/core/calls/settingsSnapshot';
import { costMicroUsd } from '../../../../src/core/cost/cost';
import { DEFAULT_MODELS, type ModelId } from '../../../../src/core/models/modelTable';
import { useFakeServerSuite, type Harness } from '../../../fixtures/modelHarness';
import { makeRecord } from '../ledger/fixtures';

const ask = { task: 'explain' as const, system: ['Be brief.'], messages: [{ role: 'user' as const, content: 'What is a monad?' }] };
const HAIKU: ModelId = 'claude-haiku-4-5';

/** The settings with one model's prices multiplied: what a user editing `tandem.models` does. */
function repriced(settings: SettingsSnapshot, model: ModelId, factor: number): SettingsSnapshot {
  const spec = settings.models[model];
  const prices = { ...spec.prices, input: spec.prices.input * factor, output: spec.prices.output * factor };
  return { ...settings, models: { ...settings.models, [model]: { ...spec, prices } } };
}

describe('ModelService takes the settings once per request and keeps them for the whole call (real SDKs, fake server)', () => {
  const suite = useFakeServerSuite();
  let h: Harness;

  it('reads them once for a whole run: route, budget, a refused first call, the fallback and both records', async () => {
    h = suite.harness({ settings: { budget: { caps: { dailyMicroUsd: 1_000_000_000 }, mode: 'warn' } } });
    suite.fake.script({ match: { provider: 'anthropic' }, fault: { kind: 'overloaded' } });
    const outcome = await h.service.run(ask);
    assert.equal(outcome.fellBackFrom, HAIKU, 'the first model refused and the task moved');
    const { records } = await h.ledger.read();
    assert.deepEqual(records.map((r) => [r.model, r.outcome]), [[HAIKU, 'fallback'], ['gpt-5.4-mini', 'ok']]);
    assert.equal(h.settings.reads, 1);
  });

  it('reads them once to record a batch result', async () => {
    h = suite.harness();
    const result = makeRecord({ id: 'job-1:item-1', time: new Date().toISOString(), session: h.service.sessionId, batch: true, costMicroUsd: 500 });
    assert.equal(await h.service.recordCallOnce(result), true);
    assert.equal(h.settings.reads, 1);
  });

  it('sees a change made between two runs in the second', async () => {
    h = suite.harness();
    await h.service.run(ask);
    h.settings.current = repriced(h.settings.current, HAIKU, 10);
    await h.service.run(ask);
    const [first, second] = (await h.ledger.read()).records;
    assert.equal(first.costMicroUsd, costMicroUsd(first.usage, DEFAULT_MODELS[HAIKU].prices));
    assert.equal(second.costMicroUsd, costMicroUsd(second.usage, h.settings.current.models[HAIKU].prices));
    assert.ok(second.costMicroUsd > first.costMicroUsd, 'the new prices apply from the next call');
    assert.equal(h.settings.reads, 2);
  });

  it('records a call at the prices that routed it, even when they change while it streams', async () => {
    h = suite.harness();
    suite.fake.script({ match: { provider: 'anthropic' }, chunkDelayMs: 20, reply: { text: 'A monad is a way to chain steps. '.repeat(4) } });
    const before = h.settings.current;
    let changed = false;
    const outcome = await h.service.run(ask, {
      onText: () => {
        if (changed) return;
        // The user edits the prices in the middle of the answer.
        h.settings.current = repriced(before, HAIKU, 10);
        changed = true;
      },
    });
    assert.ok(changed, 'the settings changed during the call');
    assert.equal(outcome.model, HAIKU);
    const [record] = (await h.ledger.read()).records;
    assert.ok(record.usage.output > 0);
    assert.equal(record.costMicroUsd, costMicroUsd(record.usage, before.models[HAIKU].prices));
    assert.notEqual(record.costMicroUsd, costMicroUsd(record.usage, h.settings.current.models[HAIKU].prices));
    assert.equal(h.session.totals.costMicroUsd, record.costMicroUsd, 'the session counts what the ledger holds');
  });
});
