import assert from 'node:assert/strict';
import { DEFAULT_MODELS } from '../../../src/core/models/modelTable';
import { microUsdFromUsd } from '../../../src/core/telemetry/callMeasurements';
import { resolveOtlpConfig, type OtlpConfig, type OtlpProtocol } from '../../../src/core/telemetry/otlpSettings';
import { ExportFailureLog } from '../../../src/telemetry/exportFailureLog';
import { createOtlpExport } from '../../../src/telemetry/otlpExport';
import { createOtlpLogs } from '../../../src/telemetry/otlpLogs';
import { OtlpReceiver, type OtlpKeyValue, type OtlpLogRecord } from '../../fixtures/otlpReceiver';
import { makeRecord } from '../core/ledger/fixtures';
import { CALL_TIME, cachedReviewCall } from '../core/telemetry/callFixtures';

const time = CALL_TIME;
const FAKE_KEY = 'sk-ant-api03-FAKE-KEY-never-exported-7f3a9c';
const PROMPT_TEXT = 'refactor the function parseInvoiceTotals';
const CODE_TEXT = 'function parseInvoiceTotals(lines) { return lines.reduce(sum, 0); }';
const HEADER_TOKEN = 'Bearer hdr-token-never-in-a-body-5e1d';

const CACHED_CALL = cachedReviewCall({ reason: CODE_TEXT });

const FAILED_CALL = makeRecord({
  id: 'call-failed-2',
  time: '2026-03-11T10:00:05.250Z',
  outcome: 'error',
  error: `HTTP 401 Unauthorized for key ${FAKE_KEY}`,
  reason: PROMPT_TEXT,
  requestId: 'req_secret_42',
  latencyMs: 120,
});

function config(receiver: OtlpReceiver, protocol: OtlpProtocol, exportLogs = true): OtlpConfig {
  const resolved = resolveOtlpConfig({ settings: { endpoint: receiver.baseUrl, protocol, exportLogs }, env: {}, serviceVersion: '9.8.7-test', instanceId: 'window-test' });
  assert.ok(resolved.enabled, 'the test config resolves');
  return resolved;
}

/** A record's attributes as plain values, whatever the encoding (64-bit integers arrive as strings from protobuf). */
function plain(attributes: readonly OtlpKeyValue[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries(
    (attributes ?? []).map(({ key, value }) => [key, value.stringValue ?? value.boolValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.doubleValue ?? NaN)]),
  );
}

const byLatency = (records: readonly OtlpLogRecord[], latencyMs: number) => records.find((r) => plain(r.attributes)['tandem.latency_ms'] === latencyMs);

/** Waits for what the background sender does on its own; the bound only keeps a broken test from hanging. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 8000) assert.fail(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const protocol of ['http/protobuf', 'http/json'] as const) {
  describe(`OTLP log records per call (${protocol})`, () => {
    let receiver: OtlpReceiver;

    beforeEach(async () => {
      receiver = await OtlpReceiver.start();
    });

    afterEach(async () => {
      await receiver.close();
    });

    it('sends one record per call: the GenAI inference event, at the call start, with exactly the expected attributes and resource', async () => {
      const logged: string[] = [];
      const exporter = createOtlpExport({ config: config(receiver, protocol), models: DEFAULT_MODELS, log: (line) => logged.push(line) });
      exporter.recordCall(CACHED_CALL);
      exporter.recordCall(FAILED_CALL);
      await exporter.flush();
      await exporter.shutdown();

      const encoding = protocol === 'http/json' ? 'json' : 'protobuf';
      assert.ok(receiver.requests.some((r) => r.signal === 'logs'));
      assert.ok(receiver.requests.every((r) => r.encoding === encoding));
      const records = receiver.logRecords();
      assert.equal(records.length, 2);
      assert.ok(records.every((r) => r.eventName === 'gen_ai.client.inference.operation.details'));
      // No body: absent in protobuf, an empty value in the JSON serializer's output.
      assert.ok(records.every((r) => r.body === undefined || JSON.stringify(r.body) === '{}'));

      const cached = byLatency(records, 2350);
      assert.ok(cached);
      assert.equal(BigInt(cached.timeUnixNano ?? 0), BigInt(Date.parse(time)) * 1_000_000n);
      const { 'tandem.cost.usd': cost, ...rest } = plain(cached.attributes);
      assert.equal(microUsdFromUsd(cost as number), 2695, "the ledger's cost, to the micro-dollar");
      assert.deepEqual(rest, {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': 'claude-haiku-4-5',
        'gen_ai.usage.input_tokens': 5120,
        'gen_ai.usage.output_tokens': 90,
        'gen_ai.usage.cache_read.input_tokens': 4000,
        'gen_ai.usage.cache_creation.input_tokens': 1000,
        'tandem.task': 'review',
        'tandem.outcome': 'ok',
        'tandem.batch': false,
        'tandem.estimated': false,
        'tandem.latency_ms': 2350,
        'tandem.first_token_ms': 410,
      });

      const failed = plain(byLatency(records, 120)?.attributes);
      assert.equal(failed['error.type'], '_OTHER');
      assert.equal(failed['tandem.outcome'], 'error');
      assert.equal(failed['tandem.cost.usd'], 0);
      assert.equal('tandem.first_token_ms' in failed, false);

      const logs = receiver.logs();
      const resource = plain(logs[0].resourceLogs?.[0].resource?.attributes);
      assert.deepEqual(resource, { 'service.name': 'tandem', 'service.version': '9.8.7-test', 'service.instance.id': 'window-test' }, 'nothing about the machine');
      assert.equal(logs[0].resourceLogs?.[0].scopeLogs?.[0].scope?.name, 'tandem');
      assert.deepEqual(logged, []);
    });

    it('sends no prompt, code, key, header token, error text or id in any byte of either signal', async () => {
      const otlp = { ...config(receiver, protocol), headers: { authorization: HEADER_TOKEN } };
      const exporter = createOtlpExport({ config: otlp, models: DEFAULT_MODELS, log: () => undefined });
      exporter.recordCall(CACHED_CALL);
      exporter.recordCall(FAILED_CALL);
      await exporter.shutdown();
      const logsBody = receiver.requests.find((r) => r.signal === 'logs')?.body;
      assert.ok(logsBody?.includes('gen_ai.client.inference.operation.details'), 'strings are visible in the raw body, so the search below can fail');
      assert.equal(receiver.requests[0].headers.authorization, HEADER_TOKEN, 'the token went as a header');
      for (const { body } of receiver.requests) {
        for (const secret of [FAKE_KEY, PROMPT_TEXT, CODE_TEXT, 'parseInvoiceTotals', HEADER_TOKEN, 'hdr-token', 'Unauthorized', 'req_secret', 'call-cached-1', 'call-failed-2']) {
          assert.equal(body.includes(secret), false, secret);
        }
      }
    });

    it('sends no log record, and makes no /v1/logs request, when exportLogs is off', async () => {
      const exporter = createOtlpExport({ config: config(receiver, protocol, false), models: DEFAULT_MODELS, log: () => undefined });
      exporter.recordCall(CACHED_CALL);
      await exporter.flush();
      await exporter.shutdown();
      assert.ok(receiver.requests.length > 0, 'the metrics went');
      assert.deepEqual(
        receiver.requests.map((r) => r.signal),
        receiver.requests.map(() => 'metrics'),
      );
    });

    it('while the collector answers 503: keeps taking records within the queue bound, logs the failure and the drops once, and sends the newest when it is back', async () => {
      const logged: string[] = [];
      const otlp = { ...config(receiver, protocol), intervalMs: 300 };
      const logs = createOtlpLogs({ config: otlp, failures: new ExportFailureLog(otlp, (line) => logged.push(line)), log: (line) => logged.push(line), queueCapacity: 4 });
      try {
        receiver.down = true;
        const calls = Array.from({ length: 10 }, (_, i) => makeRecord({ id: `c${i}`, time, latencyMs: 1000 + i }));
        for (const call of calls.slice(0, 3)) logs.emit(call);
        await logs.flush();
        for (const call of calls.slice(3)) logs.emit(call);
        await logs.flush();
        assert.ok(receiver.refused >= 2);
        assert.equal(receiver.logRecords().length, 0);
        assert.equal(logged.length, 1, logged.join('\n'));
        assert.match(logged[0], /^OpenTelemetry export to http:\/\/127\.0\.0\.1:\d+\/v1\/logs failed \(.+\)\. Tandem keeps the totals and the latest call records/);

        receiver.down = false;
        await logs.flush();
        const latencies = receiver.logRecords().map((r) => plain(r.attributes)['tandem.latency_ms']);
        assert.deepEqual(latencies, [1006, 1007, 1008, 1009], 'the four newest, in order');
        assert.equal(logged.length, 3, logged.join('\n'));
        assert.match(logged[1], /works again/);
        assert.match(logged[2], /^OpenTelemetry export dropped the 6 oldest call log records: while the export failed, at most 4 waited\./);
      } finally {
        await logs.shutdown();
      }
    });

    it('with nothing listening: retries in the background on its own and delivers when a collector listens there again', async () => {
      const port = Number(new URL(receiver.baseUrl).port);
      const otlp = { ...config(receiver, protocol), intervalMs: 100 };
      await receiver.close();
      const logged: string[] = [];
      const logs = createOtlpLogs({ config: otlp, failures: new ExportFailureLog(otlp, (line) => logged.push(line)), log: (line) => logged.push(line), queueCapacity: 3 });
      try {
        for (let i = 0; i < 2; i++) logs.emit(makeRecord({ id: `c${i}`, time, latencyMs: 2000 + i }));
        await until(() => logged.length > 0, 'the failure line');
        for (let i = 2; i < 5; i++) logs.emit(makeRecord({ id: `c${i}`, time, latencyMs: 2000 + i }));
        assert.match(logged[0], /failed \(.*ECONNREFUSED.*\)/);

        receiver = await OtlpReceiver.start(port);
        await until(() => receiver.logRecords().length === 3 && logged.length === 3, 'the records and the recovery lines');
        assert.deepEqual(
          receiver.logRecords().map((r) => plain(r.attributes)['tandem.latency_ms']),
          [2002, 2003, 2004],
        );
        assert.match(logged[1], /works again/);
        assert.match(logged[2], /dropped the 2 oldest/);
      } finally {
        await logs.shutdown();
      }
    });
  });
}
