import type * as vscode from 'vscode';
import { headersSecretName, mergeHeaders, parseStoredHeaders, secretHeaderValues, type HeaderMap } from '../../core/keys/gatewayHeaders';
import type { ProviderId } from '../../core/models/providers';

/**
 * Gateway headers kept in SecretStorage (one JSON object per provider), read once and kept until the secret
 * changes, like the keys. Remembers every header value it hands out, from SecretStorage or the settings, so
 * the log and messages can be scrubbed of them.
 */
export class GatewayHeaderStore implements vscode.Disposable {
  private readonly seen = new Set<string>();
  private readonly stored = new Map<ProviderId, Promise<Record<string, string>>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(() => this.stored.clear());
  }

  /** The stored headers merged over the settings' ones (a stored header wins): what a request carries. */
  async headersFor(provider: ProviderId, fromSettings: HeaderMap): Promise<Record<string, string>> {
    const headers = mergeHeaders(fromSettings, await this.read(provider));
    for (const value of secretHeaderValues(headers)) this.seen.add(value);
    return headers;
  }

  async names(provider: ProviderId): Promise<string[]> {
    return Object.keys(await this.read(provider));
  }

  async set(provider: ProviderId, name: string, value: string): Promise<void> {
    const headers = { ...(await this.read(provider)) };
    // One entry per name whatever its case: HTTP header names are case-insensitive.
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value;
    this.seen.add(value);
    await this.write(provider, headers);
  }

  async remove(provider: ProviderId, name: string): Promise<void> {
    const headers = { ...(await this.read(provider)) };
    delete headers[name];
    await this.write(provider, headers);
  }

  /** Header values this window has handled: never to appear in the log, messages or the ledger. */
  knownValues(): Iterable<string> {
    return this.seen;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private read(provider: ProviderId): Promise<Record<string, string>> {
    let pending = this.stored.get(provider);
    if (!pending) {
      pending = Promise.resolve(this.secrets.get(headersSecretName(provider))).then((text) => {
        const headers = parseStoredHeaders(text);
        for (const value of secretHeaderValues(headers)) this.seen.add(value);
        return headers;
      });
      this.stored.set(provider, pending);
      pending.catch(() => this.stored.delete(provider));
    }
    return pending;
  }

  private async write(provider: ProviderId, headers: Record<string, string>): Promise<void> {
    if (Object.keys(headers).length === 0) await this.secrets.delete(headersSecretName(provider));
    else await this.secrets.store(headersSecretName(provider), JSON.stringify(headers));
    this.stored.delete(provider);
  }
}
