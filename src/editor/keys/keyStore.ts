import type * as vscode from 'vscode';
import { resolveKey, secretName, type ResolvedKey } from '../../core/keys/apiKey';
import { providerInfo, type ProviderId } from '../../core/models/providers';

/**
 * API keys: VS Code's SecretStorage first, then the provider's environment variable. Nothing else.
 * Resolved keys are kept in memory until the secret changes (in this window or another), because inline
 * completions ask on every pause in typing and each SecretStorage read is a round trip to the main process.
 */
export class KeyStore implements vscode.Disposable {
  /** Every key this window has handled, so logs and messages can be scrubbed of them. */
  private readonly seen = new Set<string>();
  private readonly resolved = new Map<ProviderId, Promise<ResolvedKey>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange(() => this.resolved.clear());
  }

  resolve(provider: ProviderId): Promise<ResolvedKey> {
    let pending = this.resolved.get(provider);
    if (!pending) {
      pending = this.read(provider);
      this.resolved.set(provider, pending);
      pending.catch(() => this.resolved.delete(provider));
    }
    return pending;
  }

  private async read(provider: ProviderId): Promise<ResolvedKey> {
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

  async store(provider: ProviderId, key: string): Promise<void> {
    await this.secrets.store(secretName(provider), key.trim());
    this.resolved.delete(provider);
  }

  async clear(provider: ProviderId): Promise<void> {
    await this.secrets.delete(secretName(provider));
    this.resolved.delete(provider);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
