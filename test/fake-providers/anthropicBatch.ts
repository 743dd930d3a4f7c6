// Anthropic Message Batches: in_progress → ended after the batch delay (canceling → ended on cancel).
// Advanced lazily when read, so no timers outlive the server.
import { planMessage } from './anthropic';
import { NO_SAMPLING_FROM_VERSION } from './anthropicPrompt';
import { deterministicShuffle, type BatchOutcomes } from './batchUtil';
import { anthropicError, requestIdOf, sendError } from './faults';
import { asObject, newId, sendBytes, sendJson } from './http';
import type { AnthropicPromptCache } from './tokens';
import type { Exchange } from './types';

type Obj = Record<string, unknown>;

interface BatchRequest {
  custom_id: string;
  params: unknown;
}

interface MessageBatch {
  obj: Obj;
  createdMs: number;
  requests: BatchRequest[];
  version: string;
  cancelMs?: number;
  results?: Obj[];
}

const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

export class AnthropicBatchStore {
  private readonly batches = new Map<string, MessageBatch>();

  constructor(
    private readonly cache: AnthropicPromptCache,
    private readonly outcomes: BatchOutcomes,
    private readonly delayMs: () => number,
  ) {}

  clear(): void {
    this.batches.clear();
  }

  /** Handles /v1/messages/batches*; false when the path is not one of them. */
  handle(ex: Exchange): boolean {
    const parts = ex.url.pathname.split('/').filter(Boolean); // v1 / messages / batches / id / action
    if (parts[1] !== 'messages' || parts[2] !== 'batches') return false;
    const { method } = ex.req;
    const batch = this.batches.get(parts[3] ?? '');
    const n = parts.length;
    if (n === 3 && method === 'POST') this.create(ex);
    else if (n === 3 && method === 'GET') {
      const data = [...this.batches.values()].reverse().map((b) => this.advance(b, ex.origin).obj);
      sendJson(ex, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    } else if (!batch) {
      sendError(ex, 404, anthropicError('not_found_error', `message_batch: ${parts[3]} not found`, requestIdOf(ex)));
    } else if (n === 4 && method === 'GET') sendJson(ex, 200, this.advance(batch, ex.origin).obj);
    else if (n === 4 && method === 'DELETE') {
      if (this.advance(batch, ex.origin).obj.processing_status !== 'ended') {
        sendError(ex, 400, anthropicError('invalid_request_error', 'Cannot delete a batch that is still processing.', requestIdOf(ex)));
      } else {
        this.batches.delete(parts[3]);
        sendJson(ex, 200, { id: parts[3], type: 'message_batch_deleted' });
      }
    } else if (n === 5 && parts[4] === 'cancel' && method === 'POST') this.cancel(ex, this.advance(batch, ex.origin));
    else if (n === 5 && parts[4] === 'results' && method === 'GET') this.results(ex, this.advance(batch, ex.origin));
    else return false;
    return true;
  }

  private create(ex: Exchange): void {
    const bad = (message: string) => sendError(ex, 400, anthropicError('invalid_request_error', message, requestIdOf(ex)));
    const requests = asObject(ex.body).requests;
    if (!Array.isArray(requests) || requests.length === 0) return bad('requests: List should have at least 1 item');
    const seen = new Set<string>();
    const list: BatchRequest[] = [];
    for (const [i, raw] of requests.entries()) {
      const r = asObject(raw);
      if (typeof r.custom_id !== 'string' || !CUSTOM_ID.test(r.custom_id)) {
        return bad(`requests.${i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
      }
      if (seen.has(r.custom_id)) return bad(`requests.${i}.custom_id: Duplicate custom_id '${r.custom_id}'`);
      if (typeof r.params !== 'object' || r.params === null) return bad(`requests.${i}.params: Field required`);
      seen.add(r.custom_id);
      list.push({ custom_id: r.custom_id, params: r.params });
    }
    const created = new Date();
    const obj: Obj = {
      id: newId('msgbatch_'),
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: list.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      ended_at: null,
      created_at: created.toISOString(),
      expires_at: new Date(created.getTime() + 86_400_000).toISOString(),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
    };
    const header = ex.req.headers['anthropic-version'];
    const version = typeof header === 'string' && header ? header : NO_SAMPLING_FROM_VERSION;
    this.batches.set(obj.id as string, { obj, createdMs: Date.now(), requests: list, version });
    sendJson(ex, 200, obj);
  }

  private cancel(ex: Exchange, batch: MessageBatch): void {
    if (batch.obj.processing_status === 'in_progress') {
      batch.cancelMs = Date.now();
      Object.assign(batch.obj, { processing_status: 'canceling', cancel_initiated_at: new Date().toISOString() });
    }
    sendJson(ex, 200, batch.obj);
  }

  private results(ex: Exchange, batch: MessageBatch): void {
    if (!batch.results) {
      return sendError(ex, 400, anthropicError('invalid_request_error', `Batch ${String(batch.obj.id)} has not ended yet.`, requestIdOf(ex)));
    }
    sendBytes(ex, 200, batch.results.map((r) => JSON.stringify(r) + '\n').join(''), 'application/x-jsonl');
  }

  private advance(batch: MessageBatch, origin: string): MessageBatch {
    const delay = this.delayMs();
    const now = Date.now();
    const status = batch.obj.processing_status;
    if (status === 'canceling' && now - (batch.cancelMs ?? now) >= delay / 3) this.end(batch, origin, true);
    else if (status === 'in_progress' && now - batch.createdMs >= delay) this.end(batch, origin, false);
    return batch;
  }

  /** Runs (or cancels) every request and fixes the results, in a shuffled order. */
  private end(batch: MessageBatch, origin: string, canceled: boolean): void {
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    const results = batch.requests.map(({ custom_id, params }): Obj => {
      const wanted = this.outcomes.get(custom_id);
      const requestId = newId('req_', 12);
      let result: Obj;
      if (canceled) result = { type: 'canceled' };
      else if (wanted?.outcome === 'expired') result = { type: 'expired' };
      else if (wanted?.outcome === 'errored') result = { type: 'errored', error: anthropicError('api_error', 'Internal server error', requestId) };
      else {
        const run = planMessage(params, wanted?.reply, this.cache, batch.version, requestId, 'batch');
        result = run.ok ? { type: 'succeeded', message: run.value.message } : { type: 'errored', error: run.body };
      }
      counts[result.type as keyof typeof counts]++;
      return { custom_id, result };
    });
    batch.results = deterministicShuffle(results, (r) => String(r.custom_id));
    const id = String(batch.obj.id);
    Object.assign(batch.obj, {
      processing_status: 'ended',
      ended_at: new Date().toISOString(),
      request_counts: counts,
      results_url: `${origin}/v1/messages/batches/${id}/results`,
    });
  }
}
