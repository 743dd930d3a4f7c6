import assert from 'node:assert/strict';
import type { LedgerRecord } from '../../../../src/core/ledger/record';
import { DEFAULT_MODELS } from '../../../../src/core/models/modelTable';
import { CacheSavings } from '../../../../src/core/report/cacheSavings';
import { callMeasurements, microUsdFromUsd, type Measurement } from '../../../../src/core/telemetry/callMeasurements';
import { ATTR, INSTRUMENTS } from '../../../../src/core/telemetry/telemetryNames';
import { totalTokens, ZERO_USAGE } from '../../../../src/core/usage/usage';
import { makeRecord } from '../ledger/fixtures';
import { LEDGER } from '../report/ledger';

const haiku = { model: 'claude-haiku-4-5', provider: 'anthropic' } as const;
const time = '2026-03-11T10:00:00.000Z';

/** Every attribute key any exported call measurement may carry; anything else could leak what it should not. */
const ALLOWED_KEYS = new Set<string>([
  'gen_ai.provider.name',
  'gen_ai.request.model',
  'gen_ai.operation.name',
  'gen_ai.token.type',
  'error.type',
  'tandem.task',
  'tandem.outcome',
  'tandem.batch',
  'tandem.estimated',
]);

const RECORDS: readonly LedgerRecord[] = [
  ...LEDGER,
  // Both cache write lifetimes and a cache read on one call, with a request id, an error and a reason that must stay home.
  makeRecord({
    id: 'both-writes',
    time,
    task: 'review',
    ...haiku,
    outcome: 'fallback',
    requestId: 'req_secret_123',
    error: 'HTTP 500 from sk-live-abc',
    reason: 'review of a large diff',
    usage: { ...ZERO_USAGE, input: 120, cacheRead: 4000, cacheWrite5m: 700, cacheWrite1h: 300, output: 90, reasoning: 40 },
    costMicroUsd: 2695,
    latencyMs: 2350,
  }),
  makeRecord({ id: 'gone-model', time, model: 'retired-model', usage: { ...ZERO_USAGE, input: 10, cacheRead: 10, output: 1 }, costMicroUsd: 7 }),
];

const all = (records: readonly LedgerRecord[]): Measurement[] => records.flatMap((r) => callMeasurements(r, DEFAULT_MODELS));
const sum = (ms: readonly Measurement[], instrument: Measurement['instrument']): number =>
  ms.filter((m) => m.instrument === instrument).reduce((s, m) => s + m.value, 0);

describe('callMeasurements', () => {
  it("exports token usage whose sum equals the ledger's to the token, per token type", () => {
    const ms = all(RECORDS);
    assert.equal(sum(ms, 'tokenUsage'), RECORDS.reduce((s, r) => s + totalTokens(r.usage), 0));
    const byType = (type: string) => sum(ms.filter((m) => m.attributes[ATTR.tokenType] === type), 'tokenUsage');
    const ledger = (pick: (r: LedgerRecord) => number) => RECORDS.reduce((s, r) => s + pick(r), 0);
    assert.equal(byType('input'), ledger((r) => r.usage.input));
    assert.equal(byType('cache_read'), ledger((r) => r.usage.cacheRead));
    assert.equal(byType('cache_creation'), ledger((r) => r.usage.cacheWrite5m + r.usage.cacheWrite1h));
    assert.equal(byType('output'), ledger((r) => r.usage.output));
  });

  it('records only the token types a call used', () => {
    const [one] = LEDGER.filter((r) => r.id === 'code-1');
    const types = callMeasurements(one, DEFAULT_MODELS).filter((m) => m.instrument === 'tokenUsage').map((m) => [m.attributes[ATTR.tokenType], m.value]);
    assert.deepEqual(types, [['input', 1000], ['output', 200]]);
    const failed = LEDGER.find((r) => r.id === 'explain-error')!;
    assert.equal(callMeasurements(failed, DEFAULT_MODELS).filter((m) => m.instrument === 'tokenUsage').length, 0);
  });

  it("exports cost whose sum equals the ledger's to the micro-dollar", () => {
    const ms = all(RECORDS);
    const ledgerMicro = RECORDS.reduce((s, r) => s + r.costMicroUsd, 0);
    assert.equal(microUsdFromUsd(sum(ms, 'cost')), ledgerMicro);
    for (const r of RECORDS) {
      const cost = callMeasurements(r, DEFAULT_MODELS).filter((m) => m.instrument === 'cost');
      assert.equal(cost.length, 1, `${r.id}: one cost value, even a zero one`);
      assert.equal(microUsdFromUsd(cost[0].value), r.costMicroUsd);
    }
  });

  it('gives cost the task, model, outcome, batch and estimated attributes', () => {
    const batch = LEDGER.find((r) => r.id === 'review-batch')!;
    const cost = callMeasurements(batch, DEFAULT_MODELS).find((m) => m.instrument === 'cost')!;
    assert.deepEqual(cost.attributes, {
      'tandem.task': 'review',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'tandem.outcome': 'ok',
      'tandem.batch': true,
      'tandem.estimated': false,
    });
    const cancelled = LEDGER.find((r) => r.id === 'explain-cancelled')!;
    const c = callMeasurements(cancelled, DEFAULT_MODELS).find((m) => m.instrument === 'cost')!;
    assert.equal(c.attributes['tandem.outcome'], 'cancelled');
    assert.equal(c.attributes['tandem.estimated'], true);
  });

  it('exports cache savings equal to the usage report’s, batch at the batch price and write premiums negative', () => {
    const cached = callMeasurements(LEDGER.find((r) => r.id === 'review-cached')!, DEFAULT_MODELS).find((m) => m.instrument === 'cacheSavings')!;
    assert.equal(microUsdFromUsd(cached.value), 9000); // 10,000 reads × ($1 − $0.10)/MTok
    const batch = callMeasurements(LEDGER.find((r) => r.id === 'review-batch')!, DEFAULT_MODELS).find((m) => m.instrument === 'cacheSavings')!;
    assert.equal(microUsdFromUsd(batch.value), -625); // 5,000 writes × $0.25 premium, half price
    assert.equal(batch.attributes['tandem.batch'], true);

    const report = new CacheSavings();
    for (const r of RECORDS) if (DEFAULT_MODELS[r.model]) report.add(r.usage, DEFAULT_MODELS[r.model].prices, r.batch);
    assert.equal(microUsdFromUsd(sum(all(RECORDS), 'cacheSavings')), report.microUsd());
  });

  it('leaves cache savings out when the call used no cache or its model is no longer priced', () => {
    for (const id of ['code-1', 'gone-model']) {
      const r = RECORDS.find((x) => x.id === id)!;
      assert.equal(callMeasurements(r, DEFAULT_MODELS).some((m) => m.instrument === 'cacheSavings'), false, id);
    }
  });

  it('exports the duration in seconds with the GenAI attributes, and marks failed calls', () => {
    const r = RECORDS.find((x) => x.id === 'both-writes')!;
    const d = callMeasurements(r, DEFAULT_MODELS).find((m) => m.instrument === 'operationDuration')!;
    assert.equal(d.value, 2.35);
    assert.deepEqual(d.attributes, {
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.operation.name': 'chat',
      'tandem.task': 'review',
      'tandem.batch': false,
      'error.type': '_OTHER',
    });
    const ok = callMeasurements(LEDGER[0], DEFAULT_MODELS).find((m) => m.instrument === 'operationDuration')!;
    assert.equal(ok.attributes['error.type'], undefined);
    assert.equal(ok.attributes['gen_ai.provider.name'], 'openai');
  });

  it('never carries a request id, error text, reason or any key outside the allowed set', () => {
    const ms = all(RECORDS);
    const keys = new Set(ms.flatMap((m) => Object.keys(m.attributes)));
    assert.deepEqual([...keys].filter((k) => !ALLOWED_KEYS.has(k)), []);
    const text = JSON.stringify(ms);
    for (const leak of ['req_secret_123', 'sk-live-abc', 'HTTP 500', 'large diff', 'both-writes']) assert.equal(text.includes(leak), false, leak);
  });

  it('names only instruments that are defined', () => {
    for (const m of all(RECORDS)) assert.ok(INSTRUMENTS[m.instrument], m.instrument);
  });
});
