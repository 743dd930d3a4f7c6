import type * as vscode from 'vscode';
import { resolveKey, secretName, type ResolvedKey } from '../../core/keys/apiKey';
import { DEMO_KEYS_ENV_VAR, demoKeyFor, parseDemoKeys, type DemoKeys } from '../../core/keys/demoKeys';
import type { Endpoint } from '../../core/endpoints/endpoint';
import { providerInfo, type ProviderId } from '../../core/models/providers';

/**
 * API keys: VS Code's SecretStorage first, then the provider's environment variable; failing both, for a
 * request to the local fake only, the demo key `npm start -- --fake` hands over (core/keys/demoKeys.ts).
 * Resolved keys are kept in memory until the secret changes (in this window or another), because inline
 * completions ask on every pause in typing and each SecretStorage read is a round trip to the main process.
 */
export class KeyStore implements vscode.Disposable {
  /** Every key this window has handled, so logs and messages can be scrubbed of them. */
  private readonly seen = new Set<string>();
  private readonly resolved = new Map<ProviderId, Promise<ResolvedKey>>();
  private readonly subscription: vscode.Disposable;
  private readonly demo: DemoKeys | undefined;
  /** Why the demo keys in the environment are ignored, for the log. */
  readonly demoKeysProblem: string | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange(() => this.resolved.clear());
    ({ demo: this.demo, problem: this.demoKeysProblem } = parseDemoKeys(env[DEMO_KEYS_ENV_VAR]));
  }

  /** The key a request to this endpoint carries: the user's own, else a demo key if the endpoint is the local fake. */
  async resolveFor(provider: ProviderId, endpoint: Endpoint): Promise<ResolvedKey> {
    const own = await this.resolve(provider);
    if (own.source !== 'none') return own;
    const demo = demoKeyFor(this.demo, endpoint);
    if (!demo) return own;
    this.seen.add(demo);
    return { source: 'demo', key: demo };
  }

  /** The user's own key (stored or from the environment), whatever the endpoint. */
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
