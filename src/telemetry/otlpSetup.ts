// The parts of the export the editor needs once an endpoint is set, and not before: resolving the configuration
// and the feed that holds records until the SDK loads. esbuild.js builds this module to dist/telemetry/setup.js
// (a few KB), so with export off the main bundle carries none of it; the SDK itself is dist/telemetry/otlp.js.
export { ExportFeed } from '../core/telemetry/exportFeed';
export { describeOtlpConfig, resolveOtlpConfig } from '../core/telemetry/otlpSettings';
