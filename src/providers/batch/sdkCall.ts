// The SDK behind a batch client: imported on first use, and every failure turned into a ProviderError.
import type { ProviderId } from '../../core/models/providers';
import { toProviderError, type SdkErrorClasses } from '../errors';
import { clientSecrets, lazySdk } from '../lazySdk';
import type { ClientConfig } from '../../core/calls/modelClient';

export type SdkCall<M, C> = <T>(call: (client: C, module: M) => Promise<T>) => Promise<T>;

export function batchSdk<M extends SdkErrorClasses, C>(
  provider: ProviderId,
  config: ClientConfig,
  importSdk: () => Promise<M>,
  makeClient: (module: M) => C,
): SdkCall<M, C> {
  const load = lazySdk(provider, importSdk, makeClient);
  return async (call) => {
    const { module, client } = await load();
    try {
      return await call(client, module);
    } catch (err) {
      // toProviderError redacts the key and passes our own ProviderErrors through unchanged.
      throw toProviderError(err, module, { provider, secrets: clientSecrets(config), textStarted: false, timeoutMs: config.timeoutMs });
    }
  };
}

/** A 404 from the provider: what was to be deleted is gone already (another window deleted it first). */
export function isNotFound(err: unknown, module: SdkErrorClasses): boolean {
  return err instanceof module.APIError && (err as { status?: unknown }).status === 404;
}
