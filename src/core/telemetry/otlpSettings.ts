import { isHeaderName, parseKeyValueList } from './keyValueList';
import { RESOURCE_ATTR, SERVICE_NAME } from './telemetryNames';

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

export const SETTING = {
  endpoint: 'tandem.telemetry.otlp.endpoint',
  protocol: 'tandem.telemetry.otlp.protocol',
  exportIntervalSeconds: 'tandem.telemetry.otlp.exportIntervalSeconds',
  exportLogs: 'tandem.telemetry.otlp.exportLogs',
  userLabel: 'tandem.telemetry.userLabel',
} as const;

export const ENV = {
  endpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  headers: 'OTEL_EXPORTER_OTLP_HEADERS',
  resourceAttributes: 'OTEL_RESOURCE_ATTRIBUTES',
} as const;

export const DEFAULT_PROTOCOL: OtlpProtocol = 'http/protobuf';
export const DEFAULT_INTERVAL_SECONDS = 60;
/** Below 5 s a team's collector gets a request per developer every few seconds; above an hour a dashboard is stale. */
export const INTERVAL_BOUNDS_SECONDS = { min: 5, max: 3600 } as const;

/** The settings as read (application scope), as plain data. */
export interface OtlpSettingValues {
  readonly endpoint?: string;
  readonly protocol?: string;
  readonly exportIntervalSeconds?: number;
  readonly exportLogs?: boolean;
  readonly userLabel?: string;
}

export interface OtlpInputs {
  readonly settings: OtlpSettingValues;
  /** The process environment (only the OTEL_* variables above are read). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The extension's version, for `service.version`. */
  readonly serviceVersion: string;
  /** This window's random id, for `service.instance.id` (identifies a window, never a person). */
  readonly instanceId: string;
}

export interface OtlpConfig {
  readonly enabled: true;
  /** Where the endpoint came from: an endpoint set by the environment is one the user did not choose in Tandem. */
  readonly source: 'setting' | 'environment';
  readonly endpoint: string;
  readonly metricsUrl: string;
  readonly logsUrl: string;
  readonly protocol: OtlpProtocol;
  readonly intervalMs: number;
  /** Whether a log record (the GenAI event shape, no content) is also sent per call. */
  readonly logs: boolean;
  /** Secrets (tokens): send them, never show or log them; `describeOtlpConfig` names them only. */
  readonly headers: Readonly<Record<string, string>>;
  readonly resource: Readonly<Record<string, string>>;
  /** Entries of the OTEL_* lists that were dropped as malformed (counted; their text may hold a secret). */
  readonly ignoredEntries: number;
}

export type OtlpResolution = OtlpConfig | { readonly enabled: false } | { readonly enabled: false; readonly problem: string };

/**
 * The export configuration. Off unless an endpoint is set. The endpoint setting wins; the OTEL_* endpoint and
 * headers are used only when it is empty, so header tokens set in the environment never go to an endpoint
 * chosen elsewhere. OTEL_RESOURCE_ATTRIBUTES always describes the resource, under Tandem's own keys.
 */
export function resolveOtlpConfig({ settings, env, serviceVersion, instanceId }: OtlpInputs): OtlpResolution {
  const fromSetting = (settings.endpoint ?? '').trim();
  const fromEnv = (env[ENV.endpoint] ?? '').trim();
  const source = fromSetting !== '' ? 'setting' : fromEnv !== '' ? 'environment' : undefined;
  if (!source) return { enabled: false };
  const origin = source === 'setting' ? `The setting ${SETTING.endpoint}` : `The environment variable ${ENV.endpoint}`;

  const endpoint = checkEndpoint(source === 'setting' ? fromSetting : fromEnv, origin);
  if ('problem' in endpoint) return { enabled: false, problem: endpoint.problem };

  const protocol = settings.protocol ?? DEFAULT_PROTOCOL;
  if (!(OTLP_PROTOCOLS as readonly string[]).includes(protocol)) {
    return { enabled: false, problem: `The setting ${SETTING.protocol} must be ${OTLP_PROTOCOLS.join(' or ')}: choose one in Settings.` };
  }

  const seconds = settings.exportIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const { min, max } = INTERVAL_BOUNDS_SECONDS;
  if (!Number.isFinite(seconds) || seconds < min || seconds > max) {
    return { enabled: false, problem: `The setting ${SETTING.exportIntervalSeconds} must be between ${min} and ${max} seconds: set it in Settings (default ${DEFAULT_INTERVAL_SECONDS}).` };
  }

  const headerList = source === 'environment' ? parseKeyValueList(env[ENV.headers]) : { entries: new Map<string, string>(), malformed: 0 };
  const headers: Record<string, string> = {};
  let ignoredEntries = headerList.malformed;
  for (const [name, value] of headerList.entries) {
    // A name that is no header name, or a value with a line break, would fail every request (or split it).
    if (isHeaderName(name) && !/[\r\n\0]/.test(value)) headers[name.toLowerCase()] = value;
    else ignoredEntries++;
  }

  const resourceList = parseKeyValueList(env[ENV.resourceAttributes]);
  ignoredEntries += resourceList.malformed;
  const resource: Record<string, string> = Object.fromEntries(resourceList.entries);
  resource[RESOURCE_ATTR.serviceName] = SERVICE_NAME;
  resource[RESOURCE_ATTR.serviceVersion] = serviceVersion;
  resource[RESOURCE_ATTR.serviceInstanceId] = instanceId;
  const label = (settings.userLabel ?? '').trim();
  if (label !== '') resource[RESOURCE_ATTR.userLabel] = label;

  return {
    enabled: true,
    source,
    endpoint: endpoint.base,
    metricsUrl: signalUrl(endpoint.base, 'metrics'),
    logsUrl: signalUrl(endpoint.base, 'logs'),
    protocol: protocol as OtlpProtocol,
    intervalMs: Math.round(seconds * 1000),
    logs: settings.exportLogs === true,
    headers,
    resource,
    ignoredEntries,
  };
}

function checkEndpoint(text: string, origin: string): { base: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `${origin} is not a valid URL: use the collector's OTLP/HTTP base address, such as http://localhost:4318.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: `${origin} must be an http:// or https:// address (OTLP/HTTP), such as http://localhost:4318.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { problem: `${origin} holds a user name or password: remove it and set the token as a header instead.` };
  }
  return { base: url.href };
}

/**
 * The OTLP exporter spec: a base endpoint (the setting, or OTEL_EXPORTER_OTLP_ENDPOINT) gets `v1/<signal>`
 * appended to its path, after a `/` when the path lacks one.
 */
function signalUrl(base: string, signal: 'metrics' | 'logs'): string {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/${signal}`;
  return url.href;
}

/** An export URL as it may be shown or logged: without its query string (a token is sometimes put there). */
export function urlForDisplay(href: string): string {
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
}

/**
 * One line for the output log or a status tooltip: where, how and how often, and the header names. Never a
 * header value, and never the endpoint's query string (a token is sometimes put there).
 */
export function describeOtlpConfig(config: OtlpConfig): string {
  const where = urlForDisplay(config.metricsUrl);
  const from = config.source === 'setting' ? SETTING.endpoint : ENV.endpoint;
  const names = Object.keys(config.headers);
  const headers = names.length === 0 ? 'no headers' : `headers ${names.join(', ')}`;
  const what = config.logs ? 'metrics and a log record per call' : 'metrics';
  const n = config.ignoredEntries;
  const ignored = n > 0 ? ` ${n} malformed entr${n === 1 ? 'y' : 'ies'} of the OTEL_* variables ignored.` : '';
  return `OpenTelemetry export of ${what} to ${where} (${config.protocol}, every ${config.intervalMs / 1000} s, from ${from}; ${headers}).${ignored}`;
}
