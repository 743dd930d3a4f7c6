import { TandemError } from '../../core/calls/errors';
import { providerInfo, type ProviderId } from '../../core/models/providers';
import { createModelClient } from '../../providers';
import type { ModelClient } from '../../providers/types';
import type { KeyStore } from '../keys/keyStore';
import type { TandemSettings } from './settings';

/**
 * SDK clients per provider, built on first use with the current key and endpoint, rebuilt when either
 * changes. Building a client loads its SDK, so nothing is loaded before the first request.
 */
export class ClientPool {
  private readonly cache = new Map<ProviderId, { signature: string; client: ModelClient }>();

  constructor(
    private readonly keys: KeyStore,
    private readonly settings: TandemSettings,
  ) {}

  async hasKey(provider: ProviderId): Promise<boolean> {
    return (await this.keys.resolve(provider)).source !== 'none';
  }

  async client(provider: ProviderId): Promise<ModelClient> {
    const { key } = await this.keys.resolve(provider);
    // Routing asks for a key before it gets here; this only guards a key cleared mid-call.
    if (!key) throw new TandemError(`No ${providerInfo(provider).displayName} API key is set. Run "Tandem: Set API Key…".`);
    const config = this.settings.clientConfig(provider, key);
    const signature = JSON.stringify(config);
    const cached = this.cache.get(provider);
    if (cached?.signature === signature) return cached.client;
    const client = createModelClient(provider, config);
    this.cache.set(provider, { signature, client });
    return client;
  }

  /** Checks a key before it is stored, with the provider's cheapest authenticated call. */
  checkKey(provider: ProviderId, key: string): Promise<void> {
    return createModelClient(provider, { ...this.settings.clientConfig(provider, key), maxRetries: 0 }).checkKey();
  }
}
