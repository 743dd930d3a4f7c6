// Server-sent events writer. Every event carries an `event:` line: the Anthropic SDK drops events without one.
import { sleep } from './http';
import type { Exchange, Fault } from './types';

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

/** After how many deltas a scripted fault breaks a stream (Infinity: it does not). */
export function breakPoint(fault: Fault | undefined): number {
  return fault?.kind === 'stream-error' || fault?.kind === 'stall' || fault?.kind === 'cut' ? (fault.afterDeltas ?? 1) : Infinity;
}

/**
 * Breaks a stream the way a stall or a cut connection does: silence with the socket left open, or the socket
 * destroyed with no error event. False for a stream-error, which each protocol ends with its own error event.
 */
export function breakWithoutError(ex: Exchange): boolean {
  const kind = ex.step?.fault?.kind;
  if (kind === 'stall') return true;
  if (kind !== 'cut') return false;
  // end(), not destroy(): the events already written reach the client before the connection closes,
  // without the chunked body's last chunk, as when a proxy or the network cuts a stream.
  ex.record.outcome = 'dropped';
  ex.record.endedAt = Date.now();
  ex.req.socket.end();
  return true;
}
