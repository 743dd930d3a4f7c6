import type { ProviderId } from '../models/providers';

/** `demo`: a demo key for the local fake (core/keys/demoKeys.ts), used only when neither of the others is set. */
export type KeySource = 'secret-storage' | 'environment' | 'demo' | 'none';

export interface ResolvedKey {
  readonly source: KeySource;
  /** Present only when a key was found; never log or display it. */
  readonly key?: string;
}

/** A stored key wins over the environment variable, as product.md says. */
export function resolveKey(stored: string | undefined, fromEnv: string | undefined): ResolvedKey {
  if (stored) return { source: 'secret-storage', key: stored };
  const env = fromEnv?.trim();
  if (env) return { source: 'environment', key: env };
  return { source: 'none' };
}

/** The name under which a provider's key lives in SecretStorage. */
export function secretName(provider: ProviderId): string {
  return `tandem.apiKey.${provider}`;
}

/**
 * Checks what can be checked without a network call. Returns a message for the input box, or
 * undefined when the text can be stored. Prefixes are not enforced: gateways issue their own keys.
 */
export function validateKeyInput(text: string): string | undefined {
  const key = text.trim();
  if (!key) return 'Paste the API key, or press Escape to cancel.';
  if (/\s/.test(key)) return 'An API key has no spaces or line breaks inside it.';
  if (key.length < 8) return 'That is too short to be an API key.';
  if (key.length > 1024) return 'That is too long to be an API key.';
  return undefined;
}
