import { createOtlpHttpExportDelegate, httpAgentFactoryFromOptions } from '@opentelemetry/otlp-exporter-base/node-http';
import type { OtlpConfig } from '../core/telemetry/otlpSettings';

/** The OTLP exporter's default request timeout; never longer than the interval (the metric reader requires it). */
const EXPORT_TIMEOUT_MS = 10_000;

export function exportTimeoutMs(config: OtlpConfig): number {
  return Math.min(EXPORT_TIMEOUT_MS, config.intervalMs);
}

/**
 * The options of the official OTLP/HTTP export delegate for one signal. Exporters are built from their parts
 * rather than with `new OTLPMetricExporter(options)` / `new OTLPLogExporter(options)`: those constructors also
 * merge in OTEL_EXPORTER_OTLP_* variables (headers among them), and the resolved config already decided which
 * of those apply; an environment header token must never reach an endpoint set in Tandem.
 */
export function otlpHttpOptions(config: OtlpConfig, url: string): Parameters<typeof createOtlpHttpExportDelegate>[0] {
  const contentType = config.protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
  return {
    url,
    headers: async () => ({ ...config.headers, 'Content-Type': contentType }),
    agentFactory: httpAgentFactoryFromOptions({ keepAlive: true }),
    timeoutMillis: exportTimeoutMs(config),
    concurrencyLimit: 30,
    compression: 'none',
  };
}
