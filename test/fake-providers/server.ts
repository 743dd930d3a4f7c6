// A local server that speaks the OpenAI and Anthropic wire protocols, for tests that drive the real SDKs.
// Routing, the request log, auth, scripted faults, and the /_fake/ control endpoints live here.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleCountTokens, handleMessages } from './anthropic';
import { AnthropicBatchStore } from './anthropicBatch';
import type { BatchOutcomes } from './batchUtil';
import { handleControl } from './control';
import { anthropicError, applyFault, openaiError, requestIdOf, ScriptQueue, sendError } from './faults';
import { asObject, newId, readBody } from './http';
import { handleModels } from './models';
import { OpenAIBatchStore, summarizeUpload } from './openaiBatch';
import { handleChat } from './openaiChat';
import { handleResponses } from './openaiResponses';
import { AnthropicPromptCache, OpenAIPromptCache } from './tokens';
import type { BatchOutcome, Exchange, FakeProviders, Provider, RecordedRequest, ScriptReply, ScriptStep } from './types';

export type { BatchOutcome, Fault, FakeProviders, Outcome, Provider, RecordedRequest, ScriptReply, ScriptStep } from './types';
export { FAKE_IMAGE_TOKENS, REASONING_TOKENS, anthropicCacheMinimum, fakeTokenCount, openaiCachedTokensForPrefix } from './tokens';
export { defaultAnswer } from './answer';
export { sampleFromSchema } from './schemaSample';

const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'cookie']);

/** Everything the server remembers; reset() empties it. */
export class FakeState {
  readonly log: RecordedRequest[] = [];
  readonly scripts = new ScriptQueue();
  readonly openaiCache = new OpenAIPromptCache();
  readonly anthropicCache = new AnthropicPromptCache();
  readonly outcomes: BatchOutcomes = new Map();
  readonly openaiBatches: OpenAIBatchStore;
  readonly anthropicBatches: AnthropicBatchStore;
  nextId = 1;

  constructor(public batchDelayMs: number) {
    this.openaiBatches = new OpenAIBatchStore(this.openaiCache, this.outcomes, () => this.batchDelayMs);
    this.anthropicBatches = new AnthropicBatchStore(this.anthropicCache, this.outcomes, () => this.batchDelayMs);
  }

  batchOutcome(customId: string, outcome: BatchOutcome, reply?: ScriptReply): void {
    this.outcomes.set(customId, { outcome, reply });
  }

  reset(): void {
    this.log.length = 0;
    this.scripts.clear();
    this.openaiCache.clear();
    this.anthropicCache.clear();
    this.outcomes.clear();
    this.openaiBatches.clear();
    this.anthropicBatches.clear();
  }
}

function providerOf(req: IncomingMessage, path: string): Provider {
  if (path.startsWith('/v1/messages')) return 'anthropic';
  // /v1/models exists on both: Anthropic's clients always send anthropic-version.
  if (path.startsWith('/v1/models') && req.headers['anthropic-version']) return 'anthropic';
  return 'openai';
}

function readAuth(req: IncomingMessage, provider: Provider): { style: RecordedRequest['auth']['style']; key?: string } {
  const apiKey = req.headers['x-api-key'];
  if (provider === 'anthropic' && typeof apiKey === 'string' && apiKey) return { style: 'x-api-key', key: apiKey };
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return m ? { style: 'bearer', key: m[1].trim() } : { style: 'none' };
}

function redactHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = REDACTED_HEADERS.has(name) ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** 401 in the provider's shape; the key itself is never echoed. */
function rejectAuth(ex: Exchange, missing: boolean): void {
  if (ex.record.provider === 'anthropic') {
    const message = missing ? 'x-api-key header is required' : 'invalid x-api-key';
    return sendError(ex, 401, anthropicError('authentication_error', message, requestIdOf(ex)));
  }
  const message = missing
    ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
    : 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.';
  sendError(ex, 401, openaiError(message, 'invalid_request_error', null, missing ? null : 'invalid_api_key'));
}

async function parseBody(req: IncomingMessage, raw: Buffer): Promise<{ body: unknown; invalid: boolean }> {
  if (raw.length === 0) return { body: undefined, invalid: false };
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return { body: await summarizeUpload(type, raw), invalid: false };
  try {
    return { body: JSON.parse(raw.toString('utf8')), invalid: false };
  } catch {
    return { body: undefined, invalid: true };
  }
}

async function route(ex: Exchange, state: FakeState): Promise<void> {
  const { method } = ex.req;
  const path = ex.url.pathname;
  if (method === 'POST' && path === '/v1/responses') return handleResponses(ex, state.openaiCache);
  if (method === 'POST' && path === '/v1/chat/completions') return handleChat(ex, state.openaiCache);
  if (method === 'POST' && path === '/v1/messages') return handleMessages(ex, state.anthropicCache);
  if (method === 'POST' && path === '/v1/messages/count_tokens') return handleCountTokens(ex);
  if (handleModels(ex)) return;
  if (state.anthropicBatches.handle(ex)) return;
  if (await state.openaiBatches.handle(ex)) return;
  if (ex.record.provider === 'anthropic') return sendError(ex, 404, anthropicError('not_found_error', 'Not Found', requestIdOf(ex)));
  sendError(ex, 404, openaiError(`Invalid URL (${method} ${path})`, 'invalid_request_error'));
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, state: FakeState): Promise<void> {
  const provider = providerOf(req, url.pathname);
  const auth = readAuth(req, provider);
  const record: RecordedRequest = {
    id: state.nextId++,
    provider,
    method: req.method ?? 'GET',
    path: url.pathname,
    headers: redactHeaders(req),
    auth: { style: auth.style, ...(auth.key ? { keyFingerprint: createHash('sha256').update(auth.key).digest('hex').slice(0, 8) } : {}) },
    body: undefined,
    receivedAt: Date.now(),
    receivedAtHr: performance.now(),
    outcome: 'pending',
  };
  state.log.push(record);
  res.setHeader(provider === 'openai' ? 'x-request-id' : 'request-id', newId('req_', 12));
  let closed = false;
  res.on('close', () => {
    closed = true;
    if (res.headersSent) record.status = res.statusCode;
    if (record.outcome !== 'pending') return;
    record.outcome = !res.writableFinished ? 'client-closed' : res.statusCode >= 400 ? 'error-status' : 'completed';
    record.endedAt = Date.now();
  });
  const raw = await readBody(req);
  const { body, invalid } = await parseBody(req, raw);
  record.body = body;
  const ex: Exchange = { req, res, record, url, body, rawBody: raw, origin, isClosed: () => closed || res.destroyed };

  if (!auth.key || auth.key.startsWith('bad-')) return rejectAuth(ex, !auth.key);
  if (invalid) {
    return provider === 'anthropic'
      ? sendError(ex, 400, anthropicError('invalid_request_error', 'The request body is not valid JSON.', requestIdOf(ex)))
      : sendError(ex, 400, openaiError('We could not parse the JSON body of your request.', 'invalid_request_error'));
  }
  ex.step = state.scripts.take(provider, record.method, record.path, asObject(body).model);
  for (const [name, value] of Object.entries(ex.step?.headers ?? {})) res.setHeader(name, value);
  if (await applyFault(ex, asObject(body).stream === true)) return;
  await route(ex, state);
}

export async function startFakeProviders(opts: { port?: number; host?: string; batchDelayMs?: number } = {}): Promise<FakeProviders> {
  const state = new FakeState(opts.batchDelayMs ?? 300);
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? `${host}:${(server.address() as AddressInfo).port}`}`;
    const url = new URL(req.url ?? '/', origin);
    const work = url.pathname.startsWith('/_fake/') ? handleControl(req, res, url, state) : handleApi(req, res, url, origin, state);
    work.catch((err: unknown) => {
      // A bug in the fake must show up loudly, but as a 500 the client can see, not a hung request.
      console.error('[fake-providers]', err);
      if (res.destroyed || res.writableEnded) return;
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(err), type: 'server_error', param: null, code: null } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests: () => structuredClone(state.log),
    script: (...steps: ScriptStep[]) => state.scripts.push(steps),
    clearScript: () => state.scripts.clear(),
    batchOutcome: (customId, outcome, reply) => state.batchOutcome(customId, outcome, reply),
    setBatchDelay: (ms) => {
      state.batchDelayMs = ms;
    },
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        state.reset();
        server.close(() => resolve());
        server.closeAllConnections(); // hung and keep-alive sockets too, or close() would wait for them
      }),
  };
}
