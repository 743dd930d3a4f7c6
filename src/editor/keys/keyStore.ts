import type * as vscode from 'vscode';
import { resolveKey, secretName, type ResolvedKey } from '../../core/keys/apiKey';
import { providerInfo, type ProviderId } from '../../core/models/providers';

/** API keys: VS Code's SecretStorage first, then the provider's environment variable. Nothing else. */
export class KeyStore {
  /** Every key this window has handled, so logs and messages can be scrubbed of them. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async resolve(provider: ProviderId): Promise<ResolvedKey> {
    const stored = await this.secrets.get(secretName(provider));
    const resolved = resolveKey(stored, this.env[providerInfo(provider).keyEnvVar]);
    if (resolved.key) this.seen.add(resolved.key);
    return resolved;
  }

  knownKeys(): Iterable<string> {
    return this.seen;
  }

  /** A key typed by the user, not yet stored: scrub it from anything said about checking it. */
  remember(key: string): void {
    this.seen.add(key.trim());
  }

  async hasStored(provider: ProviderId): Promise<boolean> {
    return (await this.secrets.get(secretName(provider))) !== undefined;
  }

  store(provider: ProviderId, key: string): Thenable<void> {
    return this.secrets.store(secretName(provider), key.trim());
  }

  clear(provider: ProviderId): Thenable<void> {
    return this.secrets.delete(secretName(provider));
  }
}
