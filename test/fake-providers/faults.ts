// Scripted behaviour (the ScriptStep queue) and the providers' error shapes.
import { sendJson, sleep } from './http';
import type { Exchange, Provider, ScriptStep } from './types';

/** OpenAI's error body: {"error":{"message","type","param","code"}}. */
export function openaiError(message: string, type: string, param: string | null = null, code: string | null = null) {
  return { error: { message, type, param, code } };
}

/** Anthropic's error body: {"type":"error","error":{"type","message"},"request_id"}. */
export function anthropicError(type: string, message: string, requestId: string) {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

const ANTHROPIC_TYPES: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  402: ['billing_error', 'Your credit balance is too low.'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'The requested resource could not be found.'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit.'],
  500: ['api_error', 'Internal server error'],
  504: ['timeout_error', 'Request timed out.'],
  529: ['overloaded_error', 'Overloaded'],
};

const OPENAI_TYPES: Record<number, [string, string, string | null]> = {
  400: ['invalid_request_error', 'Invalid request.', null],
  401: ['invalid_request_error', 'Incorrect API key provided.', 'invalid_api_key'],
  403: ['invalid_request_error', 'You are not allowed to perform this request.', null],
  404: ['invalid_request_error', 'Not found.', null],
  429: ['requests', 'Rate limit reached for requests. Please try again later.', 'rate_limit_exceeded'],
  500: ['server_error', 'The server had an error while processing your request. Sorry about that!', null],
  503: ['server_error', 'The engine is currently overloaded, please try again later.', null],
};

/** The body a real provider would send with this status. */
export function defaultErrorBody(provider: Provider, status: number, requestId: string): unknown {
  if (provider === 'anthropic') {
    const [type, message] = ANTHROPIC_TYPES[status] ?? (status >= 500 ? ANTHROPIC_TYPES[500] : ANTHROPIC_TYPES[400]);
    return anthropicError(type, message, requestId);
  }
  const [type, message, code] = OPENAI_TYPES[status] ?? (status >= 500 ? OPENAI_TYPES[500] : OPENAI_TYPES[400]);
  return openaiError(message, type, null, code);
}

export function requestIdOf(ex: Exchange): string {
  const h = ex.res.getHeader(ex.record.provider === 'openai' ? 'x-request-id' : 'request-id');
  return typeof h === 'string' ? h : '';
}

/** Sends a provider-shaped error (default body for the status unless one is given). */
export function sendError(ex: Exchange, status: number, body?: unknown, headers?: Record<string, string>): void {
  sendJson(ex, status, body ?? defaultErrorBody(ex.record.provider, status, requestIdOf(ex)), headers);
}

const MODEL_CALLS = new Set(['/v1/responses', '/v1/chat/completions', '/v1/messages']);

interface Queued {
  step: ScriptStep;
  left: number;
}

/** FIFO of script steps; each request takes the first step that matches it. */
export class ScriptQueue {
  private queue: Queued[] = [];

  push(steps: ScriptStep[]): void {
    for (const step of steps) this.queue.push({ step, left: step.times ?? 1 });
  }

  take(provider: Provider, method: string, path: string, model: unknown): ScriptStep | undefined {
    const i = this.queue.findIndex(({ step: { match } }) => {
      if (match?.provider && match.provider !== provider) return false;
      if (match?.model && match.model !== model) return false;
      if (match?.method && match.method !== method) return false;
      if (match?.path || match?.method) return !match.path || match.path === path;
      return method === 'POST' && MODEL_CALLS.has(path);
    });
    if (i < 0) return undefined;
    const q = this.queue[i];
    if (--q.left <= 0) this.queue.splice(i, 1);
    return q.step;
  }

  pending(): ScriptStep[] {
    return this.queue.map((q) => ({ ...q.step, times: q.left }));
  }

  clear(): void {
    this.queue = [];
  }
}

/**
 * Applies the transport part of a fault before the request is answered.
 * Returns true when the request has been dealt with (answered, dropped or left hanging).
 */
export async function applyFault(ex: Exchange, streamRequested: boolean): Promise<boolean> {
  const fault = ex.step?.fault;
  if (!fault) return false;
  const provider = ex.record.provider;
  switch (fault.kind) {
    case 'status':
      sendError(ex, fault.status, fault.body, fault.headers);
      return true;
    case 'overloaded':
      sendError(ex, provider === 'anthropic' ? 529 : 503);
      return true;
    case 'stream-error':
      if (streamRequested) return false; // the handler breaks the stream itself
      sendError(ex, provider === 'anthropic' ? 529 : 500); // no stream to break: fail the call instead
      return true;
    case 'stall':
      return !streamRequested; // no stream to stall: the answer never comes
    case 'cut':
      if (streamRequested) return false;
      dropConnection(ex);
      return true;
    case 'delay':
      await sleep(fault.ms);
      return ex.isClosed();
    case 'hang':
      return true; // never answer; the socket stays open until the client or close() ends it
    case 'drop':
      dropConnection(ex);
      return true;
  }
}

/** Ends the exchange by destroying the socket: the client sees a connection error, no HTTP answer. */
export function dropConnection(ex: Exchange): void {
  ex.record.outcome = 'dropped';
  ex.record.endedAt = Date.now();
  ex.req.socket.destroy();
}
