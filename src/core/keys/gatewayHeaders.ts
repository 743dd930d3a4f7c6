import type { ProviderId } from '../models/providers';

/**
 * Gateway headers (a gateway's own token, a virtual key): kept in SecretStorage per provider as one JSON
 * object of name → value, merged over the plain-text `tandem.<provider>.headers` setting (for non-secret
 * headers). Every value long enough to be a credential is redacted wherever a key is.
 */
export type HeaderMap = Readonly<Record<string, string>>;

/** Values shorter than this are not taken for credentials: redacting `true` or `eu` would garble every log line. */
export const MIN_SECRET_HEADER_LENGTH = 8;

/** Who a set of stored headers is sent to: a provider's gateway, or the OpenTelemetry collector. */
export type HeaderTarget = ProviderId | 'telemetry';

/** The name under which a target's headers live in SecretStorage. */
export function headersSecretName(target: HeaderTarget): string {
  return `tandem.headers.${target}`;
}

/** An HTTP field name is a token (RFC 9110 §5.1). Returns a message for the input box, or undefined. */
export function validateHeaderName(text: string): string | undefined {
  const name = text.trim();
  if (!name) return 'Type the header name (for example x-litellm-api-key), or press Escape to cancel.';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return 'A header name has only letters, digits and - _ . ! # $ % & \' * + ^ ` | ~ (no spaces or colons).';
  return undefined;
}

export function validateHeaderValue(text: string): string | undefined {
  const value = text.trim();
  if (!value) return 'Paste the value, or press Escape to cancel.';
  if (/[\r\n\0]/.test(value)) return 'A header value is one line.';
  if (value.length < MIN_SECRET_HEADER_LENGTH) {
    return `A token is at least ${MIN_SECRET_HEADER_LENGTH} characters; put a short, non-secret value in the headers setting instead.`;
  }
  return undefined;
}

/** What SecretStorage holds, read leniently: anything that is not an object of strings counts as nothing. */
export function parseStoredHeaders(text: string | undefined): Record<string, string> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Header names are case-insensitive: a stored header replaces a setting's of the same name, whatever its case. */
export function mergeHeaders(fromSettings: HeaderMap, fromSecrets: HeaderMap): Record<string, string> {
  const stored = new Set(Object.keys(fromSecrets).map((name) => name.toLowerCase()));
  const kept = Object.entries(fromSettings).filter(([name]) => !stored.has(name.toLowerCase()));
  return { ...Object.fromEntries(kept), ...fromSecrets };
}

/**
 * The header values to keep out of logs, messages and the ledger: each value, and each word of it (a token
 * after a scheme, `Bearer hl-…`, shows up on its own in a gateway's error).
 */
export function secretHeaderValues(headers: HeaderMap | undefined): string[] {
  const values = Object.values(headers ?? {}).map((v) => v.trim());
  const words = values.flatMap((v) => (/\s/.test(v) ? v.split(/\s+/) : []));
  return [...new Set([...values, ...words])].filter((v) => v.length >= MIN_SECRET_HEADER_LENGTH);
}
