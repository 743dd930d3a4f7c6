import assert from 'node:assert/strict';
import type { LedgerRecord } from '../../../src/core/ledger/record';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import type { QualitySignal } from '../../../src/core/quality/signal';
import { cacheSavingsMicroUsd, microUsdFromUsd } from '../../../src/core/telemetry/callMeasurements';
import { resolveOtlpConfig, type OtlpConfig, type OtlpInputs, type OtlpProtocol } from '../../../src/core/telemetry/otlpSettings';
import { ZERO_USAGE } from '../../../src/core/usage/usage';
import { createOtlpExport, type OtlpExport } from '../../../src/telemetry/otlpExport';
import { attribute, lastMetrics, numberValue } from '../../fixtures/otlpMetrics';
import { OtlpReceiver } from '../../fixtures/otlpReceiver';
import { makeRecord } from '../core/ledger/fixtures';

const time = '2026-03-11T10:00:00.000Z';
const FAKE_KEY = 'sk-ant-api03-FAKE-KEY-never-exported-7f3a9c';
const PROMPT_TEXT = 'refactor the function parseInvoiceTotals';
const haiku = { model: 'claude-haiku-4-5', provider: 'anthropic' } as const;

const RECORDS: readonly LedgerRecord[] = [
  makeRecord({ id: 'plain', time, usage: { ...ZERO_USAGE, input: 1200, output: 340 }, costMicroUsd: 1234, latencyMs: 850 }),
  makeRecord({
    id: 'cached',
    time,
    task: 'review',
    ...haiku,
    usage: { ...ZERO_USAGE, input: 120, cacheRead: 4000, cacheWrite5m: 700, cacheWrite1h: 300, output: 90, reasoning: 40 },
    costMicroUsd: 2695,
    latencyMs: 2350,
  }),
  // Only a cache write: the write premium makes its savings negative.
  makeRecord({ id: 'write-only', time, task: 'review', ...haiku, usage: { ...ZERO_USAGE, input: 50, cacheWrite5m: 2000, output: 10 }, costMicroUsd: 2600 }),
  makeRecord({ id: 'batch', time, batch: true, usage: { ...ZERO_USAGE, input: 5000, cacheRead: 1000, output: 800 }, costMicroUsd: 1877, latencyMs: 60_000 }),
  makeRecord({
    id: 'failed',
    time,
    outcome: 'error',
    error: `HTTP 401 Unauthorized for key ${FAKE_KEY}`,
    reason: PROMPT_TEXT,
    requestId: 'req_secret_42',
    costMicroUsd: 0,
    latencyMs: 120,
  }),
];

const signal = (id: string, name: 'shown' | 'accepted'): QualitySignal => ({ v: 1, id, time, call: 'plain', name });

function config(receiver: OtlpReceiver, protocol: OtlpProtocol, env: OtlpInputs['env'] = {}, fromEnv = false): OtlpConfig {
  const resolved = resolveOtlpConfig({
    settings: { endpoint: fromEnv ? undefined : receiver.baseUrl, protocol },
    env: fromEnv ? { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.baseUrl } : env,
    serviceVersion: '9.8.7-test',
    instanceId: 'window-test',
  });
  assert.ok(resolved.enabled, 'the test config resolves');
  return resolved;
}

const ledgerSum = (pick: (r: LedgerRecord) => number) => RECORDS.reduce((s, r) => s + pick(r), 0);

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  describe(`OTLP metrics export (${protocol})`, () => {
    let receiver: OtlpReceiver;
    let exporter: OtlpExport;
    let logged: string[];

    beforeEach(async () => {
      receiver = await OtlpReceiver.start();
      logged = [];
      exporter = createOtlpExport({ config: config(receiver, protocol), models: DEFAULT_MODELS, log: (line) => logged.push(line) });
      for (const record of RECORDS) exporter.recordCall(record);
      exporter.recordSignal(signal('s1', 'shown'), RECORDS[0]);
      exporter.recordSignal(signal('s2', 'shown'), RECORDS[0]);
      exporter.recordSignal(signal('s3', 'accepted'), RECORDS[0]);
      await exporter.flush();
    });

    afterEach(async () => {
      await exporter.shutdown();
      await receiver.close();
    });

    it(`arrives in the ${protocol} encoding, with nothing logged`, () => {
      const encoding = protocol === 'http/json' ? 'json' : 'protobuf';
      assert.ok(receiver.requests.length > 0);
      assert.ok(receiver.requests.every((r) => r.signal === 'metrics' && r.encoding === encoding));
      assert.deepEqual(logged, []);
    });

    it("sums token usage per token type to the ledger's, to the token", () => {
      const points = lastMetrics(receiver).get('gen_ai.client.token.usage')?.histogram?.dataPoints ?? [];
      const byType = (type: string) => points.filter((p) => attribute(p, 'gen_ai.token.type')?.stringValue === type).reduce((s, p) => s + (p.sum ?? 0), 0);
      assert.equal(byType('input'), ledgerSum((r) => r.usage.input));
      assert.equal(byType('cache_read'), ledgerSum((r) => r.usage.cacheRead));
      assert.equal(byType('cache_creation'), ledgerSum((r) => r.usage.cacheWrite5m + r.usage.cacheWrite1h));
      assert.equal(byType('output'), ledgerSum((r) => r.usage.output));
      assert.deepEqual(points[0].explicitBounds?.slice(0, 4), [1, 4, 16, 64], "the GenAI conventions' buckets");
    });

    it("sums cost and cache savings to the ledger's, to the micro-dollar, as cumulative sums", () => {
      const metrics = lastMetrics(receiver);
      const cost = metrics.get('tandem.cost')?.sum;
      assert.ok(cost, 'tandem.cost is exported');
      assert.equal(Number(cost.aggregationTemporality), 2, 'cumulative');
      assert.equal(
        cost.dataPoints.reduce((s, p) => s + microUsdFromUsd(numberValue(p)), 0),
        ledgerSum((r) => r.costMicroUsd),
      );
      // The batch call and the failed one are told apart by their attributes.
      assert.ok(cost.dataPoints.some((p) => attribute(p, 'tandem.batch')?.boolValue === true));
      assert.ok(cost.dataPoints.some((p) => attribute(p, 'tandem.outcome')?.stringValue === 'error'));

      const savings = metrics.get('tandem.cache.savings')?.sum;
      assert.ok(savings, 'tandem.cache.savings is exported');
      assert.notEqual(savings.isMonotonic, true, 'savings can go down: a non-monotonic sum');
      const expected = ledgerSum((r) => cacheSavingsMicroUsd(r, DEFAULT_MODELS));
      assert.ok(cacheSavingsMicroUsd(RECORDS[2], DEFAULT_MODELS) < 0, 'the fixture has a negative saving');
      assert.equal(savings.dataPoints.reduce((s, p) => s + microUsdFromUsd(numberValue(p)), 0), expected);
    });

    it('counts completions shown and accepted', () => {
      const points = lastMetrics(receiver).get('tandem.completions')?.sum?.dataPoints ?? [];
      const count = (event: string) => points.filter((p) => attribute(p, 'tandem.completion.event')?.stringValue === event).reduce((s, p) => s + numberValue(p), 0);
      assert.equal(count('shown'), 2);
      assert.equal(count('accepted'), 1);
    });

    it('describes the resource as service.name=tandem with the version, and nothing about the machine', () => {
      const resource = receiver.metrics()[0].resourceMetrics?.[0].resource?.attributes ?? [];
      const values = Object.fromEntries(resource.map((a) => [a.key, a.value.stringValue]));
      assert.deepEqual(values, { 'service.name': 'tandem', 'service.version': '9.8.7-test', 'service.instance.id': 'window-test' });
    });

    it('sends no key, prompt, request id or error text in any byte', () => {
      for (const { body } of receiver.requests) {
        assert.ok(body.includes('gen_ai.client.token.usage'), 'strings are visible in the raw body, so the search below can fail');
        for (const secret of [FAKE_KEY, 'Unauthorized', PROMPT_TEXT, 'req_secret_42']) assert.equal(body.includes(secret), false, secret);
      }
    });
  });
}

describe('OTLP export headers', () => {
  let receiver: OtlpReceiver;
  const saved = process.env.OTEL_EXPORTER_OTLP_HEADERS;

  beforeEach(async () => {
    receiver = await OtlpReceiver.start();
  });

  afterEach(async () => {
    if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_HEADERS;
    else process.env.OTEL_EXPORTER_OTLP_HEADERS = saved;
    await receiver.close();
  });

  async function exportOnce(otlp: OtlpConfig): Promise<void> {
    const exporter = createOtlpExport({ config: otlp, models: DEFAULT_MODELS, log: () => undefined });
    exporter.recordCall(RECORDS[0]);
    await exporter.shutdown();
  }

  it('sends the header tokens of OTEL_EXPORTER_OTLP_HEADERS to the endpoint of OTEL_EXPORTER_OTLP_ENDPOINT, as headers only', async () => {
    await exportOnce(config(receiver, 'http/protobuf', { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer env-token-1' }, true));
    assert.equal(receiver.requests[0].headers.authorization, 'Bearer env-token-1');
    assert.equal(receiver.requests[0].body.includes('env-token-1'), false);
  });

  it('never sends an environment header token to an endpoint set in Tandem, even though the process has it', async () => {
    // The SDK's own exporter constructor would read this variable itself.
    process.env.OTEL_EXPORTER_OTLP_HEADERS = 'authorization=Bearer env-token-2';
    await exportOnce(config(receiver, 'http/protobuf', { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer env-token-2' }));
    assert.ok(receiver.requests.length > 0);
    assert.equal(receiver.requests[0].headers.authorization, undefined);
  });
});

describe('OTLP export with no collector', () => {
  it('resolves flush and shutdown and logs the failure once for both signals, without the endpoint query string', async () => {
    const receiver = await OtlpReceiver.start();
    const otlp = config(receiver, 'http/json');
    await receiver.close(); // nothing listens there now
    const logged: string[] = [];
    // A short interval bounds each export's retries (the export timeout is at most the interval).
    const unreachable = { ...otlp, metricsUrl: `${otlp.metricsUrl}?token=q-secret`, logsUrl: `${otlp.logsUrl}?token=q-secret`, logs: true, intervalMs: 300 };
    const exporter = createOtlpExport({ config: unreachable, models: DEFAULT_MODELS, log: (line) => logged.push(line) });
    exporter.recordCall(RECORDS[0]);
    await exporter.flush();
    await exporter.flush();
    await exporter.shutdown();
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0], /^OpenTelemetry export to http:\/\/127\.0\.0\.1:\d+\/v1\/(metrics|logs) failed \(.+\)\. Tandem keeps the totals and the latest call records/);
    assert.equal(logged[0].includes('q-secret'), false);
  });
});

describe('OTLP export while the collector is down', () => {
  it('logs once for both signals, then sends the totals and the call records when the collector is back and says so once', async () => {
    const receiver = await OtlpReceiver.start();
    const logged: string[] = [];
    // A short interval bounds each export's retries of the 503 answers.
    const otlp = { ...config(receiver, 'http/protobuf'), logs: true, intervalMs: 300 };
    const exporter = createOtlpExport({ config: otlp, models: DEFAULT_MODELS, log: (line) => logged.push(line) });
    try {
      receiver.down = true;
      exporter.recordCall(RECORDS[0]);
      await exporter.flush();
      exporter.recordCall(RECORDS[1]);
      await exporter.flush();
      assert.ok(receiver.refused > 0);
      assert.equal(receiver.requests.length, 0);
      assert.equal(logged.length, 1, logged.join('\n'));

      receiver.down = false;
      await exporter.flush();
      const cost = lastMetrics(receiver).get('tandem.cost')?.sum?.dataPoints ?? [];
      assert.equal(cost.reduce((s, p) => s + microUsdFromUsd(numberValue(p)), 0), RECORDS[0].costMicroUsd + RECORDS[1].costMicroUsd);
      assert.equal(receiver.logRecords().length, 2, 'both calls’ log records');
      assert.equal(logged.length, 2, logged.join('\n'));
      assert.match(logged[1], /works again/);
    } finally {
      await exporter.shutdown();
      await receiver.close();
    }
  });
});
