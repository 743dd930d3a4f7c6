import type * as OtlpExportModule from '../../telemetry/otlpExport';

/**
 * The OpenTelemetry export, loaded on first use: esbuild.js builds src/telemetry/otlpExport.ts to a file of its
 * own (dist/telemetry/otlp.js) and turns this specifier into a require of it, so the SDK is parsed only when
 * export is on and there is something to send. Unit tests run the sources, where it resolves normally.
 */
export function loadOtlpExportModule(): typeof OtlpExportModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file esbuild must not inline
  return require('../../telemetry/otlpExport.js') as typeof OtlpExportModule;
}
