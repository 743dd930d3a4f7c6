/**
 * The `key1=value1,key2=value2` lists of OTEL_EXPORTER_OTLP_HEADERS and OTEL_RESOURCE_ATTRIBUTES (OpenTelemetry
 * SDK environment variable spec: the W3C Baggage format without properties; values percent-decoded). A
 * malformed entry is dropped and counted, never fatal, as the spec asks; a later duplicate key wins.
 */
export interface KeyValueList {
  readonly entries: ReadonlyMap<string, string>;
  /** Entries dropped: no `=`, an empty key, or a value that is not valid percent-encoding. */
  readonly malformed: number;
}

export function parseKeyValueList(text: string | undefined): KeyValueList {
  const entries = new Map<string, string>();
  let malformed = 0;
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const key = eq < 0 ? '' : entry.slice(0, eq).trim();
    const value = eq < 0 ? undefined : decode(entry.slice(eq + 1).trim());
    if (key === '' || value === undefined) {
      malformed++;
      continue;
    }
    entries.set(key, value);
  }
  return { entries, malformed };
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** An HTTP header name (RFC 9110 token): what may be sent as one without the request failing. */
export function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name);
}
