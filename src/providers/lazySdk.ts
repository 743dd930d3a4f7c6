import { secretHeaderValues } from '../core/keys/gatewayHeaders';
import type { ProviderId } from '../core/models/providers';
import { sdkLoadError } from './errors';
import { sameOriginFetch } from './sameOriginFetch';
import type { ClientConfig } from '../core/calls/modelClient';

/**
 * The constructor options both SDKs take, from Tandem's client config. Everything that decides where the
 * key goes is passed explicitly, so the SDK reads none of it from the environment: the base URL (else
 * OPENAI_BASE_URL / ANTHROPIC_BASE_URL), and the log level (else OPENAI_LOG / ANTHROPIC_LOG=debug, whose
 * request dumps print gateway header values to the extension host's console).
 */
export function sdkClientOptions(config: ClientConfig) {
  const { apiKey, baseURL, headers, timeoutMs, maxRetries } = config;
  if (!baseURL) throw new Error('Tandem passes every SDK client its base URL: the SDK must not pick one itself.');
  return {
    apiKey,
    baseURL,
    ...(headers ? { defaultHeaders: { ...headers } } : {}),
    ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
    maxRetries: maxRetries ?? 2,
    fetch: sameOriginFetch,
    logLevel: 'warn' as const,
  };
}

/** What a client's errors must never contain: its key and its gateway header values. */
export function clientSecrets(config: ClientConfig): string[] {
  return [config.apiKey, ...secretHeaderValues(config.headers)];
}

/**
 * An SDK imported on first use (so activating the extension never loads it) and its client built once.
 * A failed import is forgotten, so the next call tries again.
 */
export function lazySdk<M, C>(provider: ProviderId, importSdk: () => Promise<M>, makeClient: (module: M) => C): () => Promise<{ module: M; client: C }> {
  let loading: Promise<{ module: M; client: C }> | undefined;
  return () => {
    loading ??= importSdk().then(
      (module) => ({ module, client: makeClient(module) }),
      (err: unknown) => {
        loading = undefined;
        throw sdkLoadError(provider, err);
      },
    );
    return loading;
  };
}
