// The OpenTelemetry export: the official SDK and OTLP/HTTP exporters, fed by the pure core's measurements
// (metrics) and, when the user turned them on, one log record per call (otlpLogs.ts).
// esbuild.js builds this module to dist/telemetry/otlp.js, loaded only when export is on, so the main
// bundle and activation never carry the SDK.
import type { Attributes, Meter } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { AggregationTemporalityPreference, OTLPMetricExporterBase } from '@opentelemetry/exporter-metrics-otlp-http';
import { createOtlpHttpExportDelegate } from '@opentelemetry/otlp-exporter-base/node-http';
import { JsonMetricsSerializer, MetricsExporterMetricsHelper, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { LedgerRecord } from '../core/ledger/record';
import type { ModelTable } from '../core/models/modelTable';
import type { QualitySignal } from '../core/quality/signal';
import { callMeasurements, type Measurement } from '../core/telemetry/callMeasurements';
import type { OtlpConfig } from '../core/telemetry/otlpSettings';
import { signalMeasurements } from '../core/telemetry/signalMeasurements';
import { INSTRUMENTS, RESOURCE_ATTR, SERVICE_NAME, type InstrumentId } from '../core/telemetry/telemetryNames';
import { ExportFailureLog, type ExportSignal } from './exportFailureLog';
import { exportTimeoutMs, otlpHttpOptions } from './otlpHttp';
import { createOtlpLogs } from './otlpLogs';

export interface OtlpExport {
  recordCall(record: LedgerRecord): void;
  /** `call` is the ledger record the signal names (its model and task label the count). */
  recordSignal(signal: QualitySignal, call: LedgerRecord | undefined): void;
  /** Sends what is recorded now; resolves whether or not the collector took it (a failure is logged). */
  flush(): Promise<void>;
  /** Sends what is left and stops; the export records nothing after. */
  shutdown(): Promise<void>;
}

export interface OtlpExportOptions {
  readonly config: OtlpConfig;
  readonly models: ModelTable;
  /** One line for the output log: an export failure (once per streak, for all signals), the recovery, and dropped log records. */
  readonly log: (line: string) => void;
}

/**
 * The GenAI semantic conventions' advised explicit bucket boundaries (model/gen-ai/metrics.yaml): a
 * collector's histogram quantiles then line up with other GenAI clients' (Claude Code, Copilot Chat).
 */
const BUCKET_BOUNDARIES: Partial<Record<InstrumentId, number[]>> = {
  tokenUsage: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  operationDuration: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
};

export function createOtlpExport({ config, models, log }: OtlpExportOptions): OtlpExport {
  const failures = new ExportFailureLog(config, log);
  const reader = new PeriodicExportingMetricReader({
    exporter: new ReportingExporter(otlpMetricExporter(config), failures),
    exportIntervalMillis: config.intervalMs,
    exportTimeoutMillis: exportTimeoutMs(config),
  });
  const logs = config.logs ? createOtlpLogs({ config, failures, log }) : undefined;
  // The resource is exactly the resolved one: no default detectors (host, process, user name) are added.
  const provider = new MeterProvider({ resource: resourceFromAttributes(config.resource), readers: [reader] });
  const meter = provider.getMeter(SERVICE_NAME, config.resource[RESOURCE_ATTR.serviceVersion]);

  const instruments = Object.fromEntries((Object.keys(INSTRUMENTS) as InstrumentId[]).map((id) => [id, recorder(meter, id)])) as Record<
    InstrumentId,
    Recorder
  >;

  let stopped = false;
  // Recording only adds to in-memory aggregates; still, telemetry must never break the call that feeds it.
  const recordAll = (measure: () => Measurement[]) => {
    if (stopped) return;
    try {
      for (const m of measure()) instruments[m.instrument](m.value, m.attributes);
    } catch (error) {
      failures.failed('metrics', error);
    }
  };

  return {
    recordCall: (record) => {
      recordAll(() => callMeasurements(record, models));
      if (!stopped) logs?.emit(record);
    },
    recordSignal: (signal, call) => recordAll(() => signalMeasurements(signal, call)),
    flush: async () => {
      if (stopped) return;
      await Promise.all([settle('metrics', provider.forceFlush()), logs && settle('logs', logs.flush())]);
    },
    shutdown: async () => {
      if (stopped) return;
      stopped = true;
      await Promise.all([settle('metrics', provider.shutdown()), logs && settle('logs', logs.shutdown())]);
    },
  };

  /** Export failures are reported as they happen; a rejection here is anything else going wrong (a timeout). */
  async function settle(signal: ExportSignal, done: Promise<void>): Promise<void> {
    try {
      await done;
    } catch (error) {
      failures.failed(signal, error);
    }
  }
}

type Recorder = (value: number, attributes: Attributes) => void;

function recorder(meter: Meter, id: InstrumentId): Recorder {
  const { name, kind, unit, description } = INSTRUMENTS[id];
  if (kind === 'histogram') {
    const boundaries = BUCKET_BOUNDARIES[id];
    const histogram = meter.createHistogram(name, { unit, description, advice: boundaries && { explicitBucketBoundaries: boundaries } });
    return (value, attributes) => histogram.record(value, attributes);
  }
  const sum = kind === 'counter' ? meter.createCounter(name, { unit, description }) : meter.createUpDownCounter(name, { unit, description });
  return (value, attributes) => sum.add(value, attributes);
}

/**
 * The official OTLP/HTTP metric exporter, built from its parts for the reason given at otlpHttpOptions.
 *
 * Cumulative temporality: each export carries the running totals, so an export lost while the collector is down
 * loses nothing (the next one carries it), and Prometheus, behind most collectors, takes cumulative sums as they
 * are (delta needs a conversion processor in the collector). The UpDownCounter is cumulative by nature.
 */
function otlpMetricExporter(config: OtlpConfig): OTLPMetricExporterBase {
  const json = config.protocol === 'http/json';
  const delegate = createOtlpHttpExportDelegate(
    otlpHttpOptions(config, config.metricsUrl),
    json ? JsonMetricsSerializer : ProtobufMetricsSerializer,
    'otlp_http_metric_exporter',
    MetricsExporterMetricsHelper,
    undefined,
  );
  return new OTLPMetricExporterBase(delegate, { temporalityPreference: AggregationTemporalityPreference.CUMULATIVE });
}

/** Passes every export through, telling the failure log how each one went. */
class ReportingExporter implements PushMetricExporter {
  constructor(
    private readonly inner: OTLPMetricExporterBase,
    private readonly failures: ExportFailureLog,
  ) {}

  export(...[metrics, done]: Parameters<PushMetricExporter['export']>): void {
    this.inner.export(metrics, (result: ExportResult) => {
      if (result.code === ExportResultCode.SUCCESS) this.failures.succeeded('metrics');
      else this.failures.failed('metrics', result.error);
      done(result);
    });
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  selectAggregationTemporality(...args: Parameters<OTLPMetricExporterBase['selectAggregationTemporality']>) {
    return this.inner.selectAggregationTemporality(...args);
  }

  selectAggregation(...args: Parameters<OTLPMetricExporterBase['selectAggregation']>) {
    return this.inner.selectAggregation(...args);
  }
}
