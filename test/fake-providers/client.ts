// A fetch-based client for the /_fake/ control endpoints, for a test running in another process
// (e.g. inside the VS Code extension host) than the one that started the server.
import type { BatchOutcome, RecordedRequest, ScriptReply, ScriptStep } from './types';

export class FakeProvidersClient {
  readonly url: string;

  /** `url` is the server's root (what startFakeProviders() returned as `url`, or main.ts printed). */
  constructor(url: string) {
    this.url = url.replace(/\/+$/, '');
  }

  get openaiBaseURL(): string {
    return `${this.url}/v1`;
  }

  get anthropicBaseURL(): string {
    return this.url;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}/_fake/${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`fake providers: ${method} /_fake/${path} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  async requests(): Promise<RecordedRequest[]> {
    return (await this.call('GET', 'requests')) as RecordedRequest[];
  }

  async script(...steps: ScriptStep[]): Promise<void> {
    await this.call('POST', 'script', steps);
  }

  /** The script steps not yet used up. */
  async pendingScript(): Promise<ScriptStep[]> {
    return (await this.call('GET', 'script')) as ScriptStep[];
  }

  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  async batchOutcome(customId: string, outcome: BatchOutcome, reply?: ScriptReply): Promise<void> {
    await this.call('POST', 'batch-outcome', { customId, outcome, reply });
  }

  async setBatchDelay(ms: number): Promise<void> {
    await this.call('POST', 'config', { batchDelayMs: ms });
  }

  async health(): Promise<{ ok: boolean; url: string; openaiBaseURL: string; anthropicBaseURL: string }> {
    return (await this.call('GET', 'health')) as { ok: boolean; url: string; openaiBaseURL: string; anthropicBaseURL: string };
  }
}
