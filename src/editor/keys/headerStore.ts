import type * as vscode from 'vscode';
import { headersSecretName, mergeHeaders, parseStoredHeaders, secretHeaderValues, type HeaderMap, type HeaderTarget } from '../../core/keys/gatewayHeaders';

/**
 * Header tokens kept in SecretStorage (one JSON object per target: each provider's gateway, and the
 * OpenTelemetry collector), read once and kept until the secret
 * changes, like the keys. Remembers every header value it hands out, from SecretStorage or the settings, so
 * the log and messages can be scrubbed of them.
 */
export class SecretHeaderStore implements vscode.Disposable {
  private readonly seen = new Set<string>();
  private readonly stored = new Map<HeaderTarget, Promise<Record<string, string>>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(() => this.stored.clear());
  }

  /** The stored headers merged over the settings' ones (a stored header wins): what a request carries. */
  async headersFor(target: HeaderTarget, fromSettings: HeaderMap): Promise<Record<string, string>> {
    const headers = mergeHeaders(fromSettings, await this.read(target));
    for (const value of secretHeaderValues(headers)) this.seen.add(value);
    return headers;
  }

  async names(target: HeaderTarget): Promise<string[]> {
    return Object.keys(await this.read(target));
  }

  async set(target: HeaderTarget, name: string, value: string): Promise<void> {
    const headers = { ...(await this.read(target)) };
    // One entry per name whatever its case: HTTP header names are case-insensitive.
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
    headers[name] = value;
    this.seen.add(value);
    await this.write(target, headers);
  }

  async remove(target: HeaderTarget, name: string): Promise<void> {
    const headers = { ...(await this.read(target)) };
    delete headers[name];
    await this.write(target, headers);
  }

  /** Header values this window has handled: never to appear in the log, messages or the ledger. */
  knownValues(): Iterable<string> {
    return this.seen;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private read(target: HeaderTarget): Promise<Record<string, string>> {
    let pending = this.stored.get(target);
    if (!pending) {
      pending = Promise.resolve(this.secrets.get(headersSecretName(target))).then((text) => {
        const headers = parseStoredHeaders(text);
        for (const value of secretHeaderValues(headers)) this.seen.add(value);
        return headers;
      });
      this.stored.set(target, pending);
      pending.catch(() => this.stored.delete(target));
    }
    return pending;
  }

  private async write(target: HeaderTarget, headers: Record<string, string>): Promise<void> {
    if (Object.keys(headers).length === 0) await this.secrets.delete(headersSecretName(target));
    else await this.secrets.store(headersSecretName(target), JSON.stringify(headers));
    this.stored.delete(target);
  }
}
