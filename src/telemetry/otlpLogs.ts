// One OpenTelemetry log record per call (the GenAI inference event, attributes only), from the official SDK's
// LoggerProvider and OTLP/HTTP export delegate, queued and sent in the background by the core's BatchSender.
import { ExportResultCode } from '@opentelemetry/core';
import { createOtlpHttpExportDelegate } from '@opentelemetry/otlp-exporter-base/node-http';
import { JsonLogsSerializer, LogsExporterMetricsHelper, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordProcessor, type ReadableLogRecord, type SdkLogRecord } from '@opentelemetry/sdk-logs';
import type { Timers } from '../core/completion/trigger/debouncer';
import type { LedgerRecord } from '../core/ledger/record';
import { BatchSender, DEFAULT_QUEUE_CAPACITY } from '../core/telemetry/batchSender';
import { callEvent } from '../core/telemetry/callEvent';
import type { OtlpConfig } from '../core/telemetry/otlpSettings';
import { RESOURCE_ATTR, SERVICE_NAME } from '../core/telemetry/telemetryNames';
import type { ExportFailureLog } from './exportFailureLog';
import { otlpHttpOptions } from './otlpHttp';

export interface OtlpLogs {
  /** Queues the call's log record; never waits and never throws. */
  emit(record: LedgerRecord): void;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface OtlpLogsOptions {
  readonly config: OtlpConfig;
  /** Shared with the metrics, so a collector that is down gives one line for the whole export. */
  readonly failures: ExportFailureLog;
  /** One line for the output log: how many records were dropped, once per streak of drops. */
  readonly log: (line: string) => void;
  /** How many records wait at most while the collector is unreachable. */
  readonly queueCapacity?: number;
  readonly timers?: Timers;
  readonly random?: () => number;
}

/** Real timers that never keep a process (a test run, the extension host at exit) alive. */
const UNREF_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createOtlpLogs({ config, failures, log, queueCapacity = DEFAULT_QUEUE_CAPACITY, timers = UNREF_TIMERS, random = Math.random }: OtlpLogsOptions): OtlpLogs {
  const delegate = otlpLogsDelegate(config);
  const sender = new BatchSender<ReadableLogRecord>({
    send: (batch) =>
      new Promise<void>((resolve, reject) =>
        delegate.export([...batch], (result) => (result.code === ExportResultCode.SUCCESS ? resolve() : reject(result.error ?? new Error('export failed')))),
      ),
    intervalMs: config.intervalMs,
    capacity: queueCapacity,
    timers,
    random,
    onSent: () => failures.succeeded('logs'),
    onFailed: (error) => failures.failed('logs', error),
    onDropped: (count) =>
      log(
        `OpenTelemetry export dropped the ${count} oldest call log records: while the export failed, at most ${queueCapacity} waited. ` +
          'Keep the collector reachable to lose none; the metrics totals are not affected.',
      ),
  });
  const processor: LogRecordProcessor = {
    onEmit: (record: SdkLogRecord) => sender.add(record),
    forceFlush: () => sender.flush(),
    shutdown: async () => {
      await sender.shutdown();
      await delegate.shutdown();
    },
  };
  // The resource is exactly the resolved one: no default detectors (host, process, user name) are added.
  const provider = new LoggerProvider({ resource: resourceFromAttributes(config.resource), processors: [processor] });
  const logger = provider.getLogger(SERVICE_NAME, config.resource[RESOURCE_ATTR.serviceVersion]);

  return {
    emit: (record) => {
      try {
        const event = callEvent(record);
        logger.emit({ eventName: event.eventName, timestamp: new Date(event.timeMs), attributes: event.attributes });
      } catch (error) {
        failures.failed('logs', error);
      }
    },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/** The official OTLP/HTTP log export, built from its parts for the reason given at otlpHttpOptions. */
function otlpLogsDelegate(config: OtlpConfig) {
  const json = config.protocol === 'http/json';
  return createOtlpHttpExportDelegate(
    otlpHttpOptions(config, config.logsUrl),
    json ? JsonLogsSerializer : ProtobufLogsSerializer,
    'otlp_http_log_exporter',
    LogsExporterMetricsHelper,
    undefined,
  );
}
