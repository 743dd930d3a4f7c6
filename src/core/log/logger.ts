/** Where the core reports what it does (the editor layer writes it to the "Tandem" output channel). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

import { redactShapes, replaceVerbatim } from '../privacy/redaction';

/** Provider key shapes (OpenAI `sk-…`, `sk-proj-…`, Anthropic `sk-ant-…`, masked `sk-…***`), whatever the known keys are. */
const KEY_PATTERN = /\bsk-[A-Za-z0-9_*.-]{3,}[A-Za-z0-9_*]/g;
const BEARER = /\b(Bearer\s+)\S+/gi;

/**
 * Removes secrets from text bound for a log, an error message or the ledger: every known key verbatim,
 * anything shaped like a provider key (masked ones too), and the other secret shapes outgoing prompts are
 * redacted for (core/privacy/secretShapes.ts).
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const out = replaceVerbatim(text, secrets, 4, () => '[redacted key]');
  return redactShapes(out.replace(KEY_PATTERN, '[redacted key]').replace(BEARER, '$1[redacted]'));
}
