import { TandemError } from '../../core/calls/errors';
import type { EndpointConsent } from '../../core/endpoints/consent';
import { describeEndpoint } from '../../core/endpoints/endpoint';
import { endpointStatusText, type EndpointStatus } from '../../core/endpoints/endpointStatus';
import type { Logger } from '../../core/log/logger';
import { providerInfo, type ProviderId } from '../../core/models/providers';
import { createModelClient } from '../../providers';
import { createBatchClient } from '../../providers/batch';
import type { BatchClient } from '../../core/batch/batchClient';
import type { ClientConfig, ModelClient } from '../../core/calls/modelClient';
import type { KeySource, ResolvedKey } from '../../core/keys/apiKey';
import type { SecretHeaderStore } from '../keys/headerStore';
import type { KeyStore } from '../keys/keyStore';
import type { TandemSettings } from './settings';

/** Who wants the client: background work (inline completions, batch polling) is never asked about anything. */
export interface ClientPurpose {
  readonly background?: boolean;
}

/**
 * SDK clients per provider, built on first use with the current key, endpoint and headers, rebuilt when
 * any changes. Building a client loads its SDK, so nothing is loaded before the first request. Every way
 * to a provider (calls, batches, the key check) passes the endpoint check here: an endpoint the user has
 * not trusted asks once before the key goes to it (core/endpoints/consent.ts).
 */
export class ClientPool {
  private readonly cache = new Map<ProviderId, { signature: string; client: ModelClient }>();
  private readonly batchCache = new Map<ProviderId, { signature: string; client: BatchClient }>();
  private readonly logged = new Map<ProviderId, string>();

  constructor(
    private readonly keys: KeyStore,
    private readonly headers: SecretHeaderStore,
    private readonly settings: TandemSettings,
    private readonly consent: EndpointConsent,
    private readonly log: Logger,
  ) {}

  async hasKey(provider: ProviderId): Promise<boolean> {
    return (await this.keySource(provider)) !== 'none';
  }

  /** Where the key a request would carry now comes from: a demo key counts only for the endpoint it is for. */
  async keySource(provider: ProviderId): Promise<KeySource> {
    return (await this.key(provider)).source;
  }

  /** Where the provider's requests go now, where that came from, and whether it is trusted; logged once per change. */
  endpointStatus(provider: ProviderId): EndpointStatus {
    return this.resolve(provider).status;
  }

  client(provider: ProviderId, purpose: ClientPurpose = {}): Promise<ModelClient> {
    return this.cached(this.cache, provider, purpose, createModelClient);
  }

  /** The provider's Batch API client, on the same key and endpoint. */
  batchClient(provider: ProviderId, purpose: ClientPurpose = {}): Promise<BatchClient> {
    return this.cached(this.batchCache, provider, purpose, createBatchClient);
  }

  /** Checks a key before it is stored, with the provider's cheapest authenticated call. */
  async checkKey(provider: ProviderId, key: string): Promise<void> {
    return createModelClient(provider, { ...(await this.config(provider, key, {})), maxRetries: 0 }).checkKey();
  }

  private async cached<C>(cache: Map<ProviderId, { signature: string; client: C }>, provider: ProviderId, purpose: ClientPurpose, create: (p: ProviderId, config: ClientConfig) => C): Promise<C> {
    const { key } = await this.key(provider);
    // Routing asks for a key before it gets here; this only guards a key cleared mid-call.
    if (!key) throw new TandemError(`No ${providerInfo(provider).displayName} API key is set. Run "Tandem: Set API Key…".`);
    const config = await this.config(provider, key, purpose);
    const signature = JSON.stringify(config);
    const known = cache.get(provider);
    if (known?.signature === signature) return known.client;
    const client = create(provider, config);
    cache.set(provider, { signature, client });
    return client;
  }

  private key(provider: ProviderId): Promise<ResolvedKey> {
    return this.keys.resolveFor(provider, this.resolve(provider).status.endpoint);
  }

  /** The endpoint Tandem resolved (never one the SDK picks itself), once the user trusts it; else throws. */
  private async config(provider: ProviderId, apiKey: string, purpose: ClientPurpose): Promise<ClientConfig> {
    const { status: { endpoint }, headers } = this.resolve(provider);
    await this.consent.allow(endpoint, purpose);
    return { apiKey, baseURL: endpoint.url, headers: await this.headers.headersFor(provider, headers), ...this.settings.requestLimits() };
  }

  private resolve(provider: ProviderId): { status: EndpointStatus; headers: Readonly<Record<string, string>> } {
    const { endpoint, headers } = this.settings.endpoint(provider);
    const status = { endpoint, state: this.consent.state(endpoint) };
    // A new endpoint (or source) is logged once; answers to the trust question are logged where they are given.
    const where = describeEndpoint(endpoint);
    if (this.logged.get(provider) !== where) {
      this.logged.set(provider, where);
      this.log.info(`endpoint: ${providerInfo(provider).displayName} → ${endpointStatusText(status)}`);
    }
    return { status, headers };
  }
}
