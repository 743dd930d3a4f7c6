import { providerInfo, type ProviderId } from '../models/providers';
import { HAS_CREDENTIALS, originOf, originText, parseHttpUrl, sameOrigin, type Origin } from './origin';

/** Where an endpoint came from: the user's settings, the extension host's environment, or the provider itself. */
export type EndpointSource = 'setting' | 'environment' | 'default';

/** The endpoint a provider's key and requests go to, decided by Tandem (the SDK is always given it). */
export interface Endpoint {
  readonly provider: ProviderId;
  /** The base URL handed to the SDK. */
  readonly url: string;
  readonly origin: Origin;
  readonly source: EndpointSource;
}

/**
 * The user's setting first (read from user settings only), then the environment variable the SDK would
 * have taken by itself (`OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL`), then the provider's own endpoint. A
 * value that is not an http(s) URL is skipped with a message, and the next source applies.
 */
export function resolveEndpoint(
  provider: ProviderId,
  setting: unknown,
  env: Readonly<Record<string, string | undefined>>,
): { endpoint: Endpoint; problems: string[] } {
  const info = providerInfo(provider);
  const problems: string[] = [];
  const candidates: { source: EndpointSource; text: unknown; name: string }[] = [
    { source: 'setting', text: setting, name: `tandem.${provider}.baseUrl` },
    { source: 'environment', text: env[info.baseUrlEnvVar], name: `${info.baseUrlEnvVar} in the environment` },
  ];
  for (const { source, text, name } of candidates) {
    if (typeof text !== 'string' || !text.trim()) {
      if (text !== undefined && typeof text !== 'string') problems.push(`${name} must be a URL; it is ignored.`);
      continue;
    }
    const url = parseHttpUrl(text.trim());
    if (typeof url !== 'string') return { endpoint: { provider, url: text.trim(), origin: originOf(url), source }, problems };
    // A URL with a password in it is not echoed: the message goes to the log.
    problems.push(`${name}${url === HAS_CREDENTIALS ? '' : ` "${text.trim()}"`} ${url}; it is ignored.`);
  }
  const url = new URL(info.defaultBaseUrl);
  return { endpoint: { provider, url: info.defaultBaseUrl, origin: originOf(url), source: 'default' }, problems };
}

/** True when the endpoint is on the provider's own origin (`https://api.openai.com`, `https://api.anthropic.com`). */
export function isProviderOrigin(endpoint: Endpoint): boolean {
  return sameOrigin(endpoint.origin, originOf(new URL(providerInfo(endpoint.provider).defaultBaseUrl)));
}

/** "tandem.openai.baseUrl in your user settings", "OPENAI_BASE_URL in the environment", "OpenAI's own endpoint". */
export function sourceLabel(endpoint: Endpoint): string {
  const info = providerInfo(endpoint.provider);
  switch (endpoint.source) {
    case 'setting':
      return `tandem.${endpoint.provider}.baseUrl in your user settings`;
    case 'environment':
      return `${info.baseUrlEnvVar} in the environment`;
    case 'default':
      return `${info.displayName}'s own endpoint`;
  }
}

/**
 * "https://llm.example.com/v1 (OPENAI_BASE_URL in the environment)". A query string (some gateways take a
 * token there) is shown as "?…": this text goes to the log and the status bar.
 */
export function describeEndpoint(endpoint: Endpoint): string {
  return `${displayUrl(endpoint)} (${sourceLabel(endpoint)})`;
}

export function displayUrl(endpoint: Endpoint): string {
  const url = new URL(endpoint.url);
  return `${originText(endpoint.origin)}${url.pathname === '/' ? '' : url.pathname}${url.search ? '?…' : ''}`;
}

/** The origin as the user reads and lists it in `tandem.trustedEndpoints`. */
export function endpointOrigin(endpoint: Endpoint): string {
  return originText(endpoint.origin);
}
