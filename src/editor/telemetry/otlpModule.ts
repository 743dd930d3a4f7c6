import type * as OtlpExportModule from '../../telemetry/otlpExport';
import type * as OtlpSetupModule from '../../telemetry/otlpSetup';

// Both modules load on first use: esbuild.js builds each to a file of its own in dist/telemetry/ and turns
// these specifiers into requires of them, so with export off the main bundle and activation carry neither.
// Unit tests run the sources, where the specifiers resolve normally.

/** The configuration resolver and the export feed (a few KB): loaded when an endpoint is set. */
export function loadOtlpSetupModule(): typeof OtlpSetupModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file esbuild must not inline
  return require('../../telemetry/otlpSetup.js') as typeof OtlpSetupModule;
}

/** The OpenTelemetry SDK and the OTLP export (~116 KB): loaded at the first record to send. */
export function loadOtlpExportModule(): typeof OtlpExportModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file esbuild must not inline
  return require('../../telemetry/otlpExport.js') as typeof OtlpExportModule;
}
