// Server-sent events writer. Every event carries an `event:` line: the Anthropic SDK drops events without one.
import { sleep } from './http';
import type { Exchange } from './types';

export class SseWriter {
  private sent = 0;

  constructor(
    private readonly ex: Exchange,
    private readonly delayMs = 0,
  ) {}

  /** Sends the 200 + headers at once, so the client sees the response before the first event. */
  start(): void {
    if (this.ex.isClosed()) return;
    this.ex.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    this.ex.res.flushHeaders();
  }

  /** Writes one event (after the configured pause); false once the client has gone away. */
  async event(name: string | undefined, data: unknown): Promise<boolean> {
    if (this.sent > 0 && this.delayMs > 0) await sleep(this.delayMs);
    if (this.ex.isClosed()) return false;
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    this.ex.res.write(`${name ? `event: ${name}\n` : ''}data: ${payload}\n\n`);
    this.sent++;
    return true;
  }

  end(): void {
    if (!this.ex.isClosed()) this.ex.res.end();
  }
}

/** Splits an answer into the deltas a stream sends: 8-character pieces (none for an empty answer). */
export function splitDeltas(text: string, size = 8): string[] {
  if (text.length === 0) return [];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
