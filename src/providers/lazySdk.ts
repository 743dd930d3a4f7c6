import type { ProviderId } from '../core/models/providers';
import { sdkLoadError } from './errors';
import type { ClientConfig } from './types';

/** The constructor options both SDKs take, from Tandem's client config. */
export function sdkClientOptions(config: ClientConfig) {
  const { apiKey, baseURL, headers, timeoutMs, maxRetries } = config;
  return {
    apiKey,
    // Empty means the SDK default, which honours OPENAI_BASE_URL / ANTHROPIC_BASE_URL.
    ...(baseURL ? { baseURL } : {}),
    ...(headers ? { defaultHeaders: { ...headers } } : {}),
    ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
    maxRetries: maxRetries ?? 2,
  };
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
