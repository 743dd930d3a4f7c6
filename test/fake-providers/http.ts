// Small HTTP helpers shared by the route handlers.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Exchange } from './types';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An id in the provider's style, e.g. newId('resp_') → resp_3f9a…; random like the real ones. */
export function newId(prefix: string, bytes = 12): string {
  return prefix + randomBytes(bytes).toString('hex');
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(ex: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (ex.isClosed() || ex.res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  ex.res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  ex.res.end(text);
}

export function sendBytes(ex: Exchange, status: number, data: Buffer | string, contentType: string): void {
  if (ex.isClosed() || ex.res.headersSent) return;
  ex.res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(data)) });
  ex.res.end(data);
}

/** A JSON object view of an unknown body (never null), so handlers can read fields without casts everywhere. */
export function asObject(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
