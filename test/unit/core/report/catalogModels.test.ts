import assert from 'node:assert/strict';
import { applyModelOverrides } from '../../../../src/core/models/catalog';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { buildReport } from '../../../../src/core/report/buildReport';
import { ZERO_USAGE } from '../../../../src/core/usage/usage';
import { makeRecord } from '../ledger/fixtures';

const NOW = new Date(2026, 2, 11, 12, 0);
const at = (hour: number): string => new Date(2026, 2, 11, hour).toISOString();

describe('the report with the user\'s catalog', () => {
  const catalog = applyModelOverrides(DEFAULT_MODELS, {
    'claude-haiku-5-5': {
      provider: 'anthropic', displayName: 'Claude Haiku 5.5', inputPerMTok: 1, outputPerMTok: 5, contextWindow: 400_000, maxOutputTokens: 64_000,
      longContext: { aboveInputTokens: 100_000, inputPerMTok: 2, outputPerMTok: 7.5 },
    },
  }).table;
  const records = [
    makeRecord({ id: 'gpt', time: at(9), usage: { ...ZERO_USAGE, input: 1_000 }, costMicroUsd: 750 }),
    // Above the tier's threshold: 1,000 × 2 + 100,000 read × 0.2 = 22,000
    makeRecord({ id: 'long', time: at(10), task: 'review', model: 'claude-haiku-5-5', provider: 'anthropic', usage: { ...ZERO_USAGE, input: 1_000, cacheRead: 100_000 }, costMicroUsd: 22_000 }),
    // A model the user has since removed from tandem.models.
    makeRecord({ id: 'old', time: at(11), model: 'gpt-4.1-nano', usage: { ...ZERO_USAGE, input: 1_000 }, costMicroUsd: 100 }),
  ];
  const report = buildReport(records, {
    period: 'today', now: NOW, sessionId: 's1', models: catalog, budget: { caps: {}, mode: 'warn', spent: { session: 0, today: 0, month: 0 } },
  });

  it('names every model: the catalog in its order, then removed ones by their id', () => {
    assert.deepEqual(report.models, [
      { id: 'gpt-5.4-mini', displayName: 'GPT-5.4 Mini' },
      { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5' },
      { id: 'claude-haiku-5-5', displayName: 'Claude Haiku 5.5' },
      { id: 'gpt-4.1-nano', displayName: 'gpt-4.1-nano' },
    ]);
    assert.deepEqual(report.byModel.map((m) => [m.model, m.displayName, m.costMicroUsd]), [
      ['claude-haiku-5-5', 'Claude Haiku 5.5', 22_000],
      ['gpt-5.4-mini', 'GPT-5.4 Mini', 750],
      ['gpt-4.1-nano', 'gpt-4.1-nano', 100],
    ]);
    assert.deepEqual(report.costByDay[0].byModel, { 'gpt-5.4-mini': 750, 'claude-haiku-5-5': 22_000, 'gpt-4.1-nano': 100 });
  });

  it('prices the what-if on every catalog model, the user\'s included', () => {
    // On Haiku 5.5: 1,000 × 1 = 1,000; the long call 22,000 (tier); 1,000. On GPT-5.4 Mini: 750; 750 + 7,500 = 8,250; 750.
    assert.deepEqual(report.whatIf.allOn, { 'gpt-5.4-mini': 9_750, 'claude-haiku-4-5': 1_000 + 11_000 + 1_000, 'claude-haiku-5-5': 24_000 });
  });

  it('counts cache savings at the tier\'s rates for a long-context call', () => {
    // 100,000 reads × (2 − 0.2) µ$ = 180,000 saved against paying the tier's input price.
    assert.equal(report.cacheSavingsMicroUsd, 180_000);
  });
});
