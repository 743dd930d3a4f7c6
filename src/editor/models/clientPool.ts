import { TandemError } from '../../core/calls/errors';
import { providerInfo, type ProviderId } from '../../core/models/providers';
import { createModelClient } from '../../providers';
import { createBatchClient } from '../../providers/batch';
import type { BatchClient } from '../../providers/batch/types';
import type { ClientConfig, ModelClient } from '../../providers/types';
import type { KeyStore } from '../keys/keyStore';
import type { TandemSettings } from './settings';

/**
 * SDK clients per provider, built on first use with the current key and endpoint, rebuilt when either
 * changes. Building a client loads its SDK, so nothing is loaded before the first request.
 */
export class ClientPool {
  private readonly cache = new Map<ProviderId, { signature: string; client: ModelClient }>();
  private readonly batchCache = new Map<ProviderId, { signature: string; client: BatchClient }>();

  constructor(
    private readonly keys: KeyStore,
    private readonly settings: TandemSettings,
  ) {}

  async hasKey(provider: ProviderId): Promise<boolean> {
    return (await this.keys.resolve(provider)).source !== 'none';
  }

  client(provider: ProviderId): Promise<ModelClient> {
    return this.cached(this.cache, provider, createModelClient);
  }

  /** The provider's Batch API client, on the same key and endpoint. */
  batchClient(provider: ProviderId): Promise<BatchClient> {
    return this.cached(this.batchCache, provider, createBatchClient);
  }

  private async cached<C>(cache: Map<ProviderId, { signature: string; client: C }>, provider: ProviderId, create: (p: ProviderId, config: ClientConfig) => C): Promise<C> {
    const { key } = await this.keys.resolve(provider);
    // Routing asks for a key before it gets here; this only guards a key cleared mid-call.
    if (!key) throw new TandemError(`No ${providerInfo(provider).displayName} API key is set. Run "Tandem: Set API Key…".`);
    const config = this.settings.clientConfig(provider, key);
    const signature = JSON.stringify(config);
    const known = cache.get(provider);
    if (known?.signature === signature) return known.client;
    const client = create(provider, config);
    cache.set(provider, { signature, client });
    return client;
  }

  /** Checks a key before it is stored, with the provider's cheapest authenticated call. */
  checkKey(provider: ProviderId, key: string): Promise<void> {
    return createModelClient(provider, { ...this.settings.clientConfig(provider, key), maxRetries: 0 }).checkKey();
  }
}
