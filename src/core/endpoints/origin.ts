/**
 * Origins as Tandem compares them (scheme, host, port in effect), loopback hosts, and the patterns of
 * `tandem.trustedEndpoints` (`https://llm.example.com`, `http://127.0.0.1:*`, where `*` is any port).
 */
export type Scheme = 'http' | 'https';

export interface Origin {
  readonly scheme: Scheme;
  /** Lower case, IPv4 in dotted form, IPv6 in brackets, no trailing dot (the URL parser's form). */
  readonly host: string;
  /** The port in effect: 443 / 80 when the URL names none. */
  readonly port: number;
}

export interface OriginPattern {
  readonly scheme: Scheme;
  readonly host: string;
  readonly port: number | '*';
  /** As written in the setting. */
  readonly text: string;
}

const DEFAULT_PORTS: Readonly<Record<Scheme, number>> = { http: 80, https: 443 };

/** Why a URL with credentials in it is refused; such a value is never echoed in a message. */
export const HAS_CREDENTIALS = 'has a user name or password in it';

/** An http(s) URL, or why the text is not one an endpoint may be. */
export function parseHttpUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'is not an http(s) URL';
  if (url.username || url.password) return HAS_CREDENTIALS;
  return url;
}

export function originOf(url: URL): Origin {
  const scheme = url.protocol === 'http:' ? 'http' : 'https';
  return { scheme, host: normaliseHost(url.hostname), port: url.port ? Number(url.port) : DEFAULT_PORTS[scheme] };
}

/** `https://host` or `http://host:port`: the port only when it is not the scheme's own, as browsers write it. */
export function originText(origin: Origin): string {
  const port = origin.port === DEFAULT_PORTS[origin.scheme] ? '' : `:${origin.port}`;
  return `${origin.scheme}://${origin.host}${port}`;
}

export function sameOrigin(a: Origin, b: Origin): boolean {
  return a.scheme === b.scheme && a.host === b.host && a.port === b.port;
}

/**
 * Hosts that never leave this machine: `localhost`, 127.0.0.0/8, `[::1]` and IPv4-mapped 127.x. Other names
 * (`foo.localhost` included) resolve through DNS or a hosts file and are not taken on trust.
 */
export function isLoopbackHost(host: string): boolean {
  const h = normaliseHost(host);
  return h === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(h);
}

/** One entry of `tandem.trustedEndpoints`, or why it is not an origin. */
export function parseOriginPattern(text: string): OriginPattern | string {
  const trimmed = text.trim().replace(/\/$/, '');
  const anyPort = /:\*$/.test(trimmed);
  const url = parseHttpUrl(anyPort ? trimmed.slice(0, -2) : trimmed);
  if (typeof url === 'string') return url;
  if (url.pathname !== '/' || url.search || url.hash) return 'has a path, query or fragment: only an origin counts (scheme, host and port)';
  if (url.hostname.includes('*')) return 'has a wildcard host: list each host (only the port may be *)';
  // Checked on the text: the parser drops a scheme's own port (http://h:80 has no port).
  if (anyPort && /:\d+:\*$/.test(trimmed)) return 'names a port and * at once';
  const origin = originOf(url);
  return { scheme: origin.scheme, host: origin.host, port: anyPort ? '*' : origin.port, text };
}

export function matchesOrigin(pattern: OriginPattern, origin: Origin): boolean {
  return pattern.scheme === origin.scheme && pattern.host === origin.host && (pattern.port === '*' || pattern.port === origin.port);
}

/** The setting's value as patterns, with a message for each entry that is ignored. */
export function parseTrustedOrigins(value: unknown): { patterns: OriginPattern[]; problems: string[] } {
  if (value === undefined || value === null) return { patterns: [], problems: [] };
  if (!Array.isArray(value)) return { patterns: [], problems: ['tandem.trustedEndpoints must be a list of origins such as "https://llm.example.com"; it is ignored.'] };
  const patterns: OriginPattern[] = [];
  const problems: string[] = [];
  for (const entry of value) {
    const parsed = typeof entry === 'string' ? parseOriginPattern(entry) : 'is not a string';
    if (typeof parsed === 'string') problems.push(`tandem.trustedEndpoints: ${JSON.stringify(entry)} ${parsed}; it is ignored.`);
    else patterns.push(parsed);
  }
  return { patterns, problems };
}

function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}
