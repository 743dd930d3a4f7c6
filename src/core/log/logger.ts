/** Where the core reports what it does (the editor layer writes it to the "Tandem" output channel). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Provider key shapes (OpenAI `sk-…`, `sk-proj-…`, Anthropic `sk-ant-…`, masked `sk-…***`), whatever the known keys are. */
const KEY_PATTERN = /\bsk-[A-Za-z0-9_*.-]{3,}[A-Za-z0-9_*]/g;
const BEARER = /\b(Bearer\s+)\S+/gi;

/**
 * Removes secrets from text bound for a log, an error message or the ledger: every known key verbatim,
 * and anything shaped like a provider key.
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted key]');
  }
  return out.replace(KEY_PATTERN, '[redacted key]').replace(BEARER, '$1[redacted]');
}
