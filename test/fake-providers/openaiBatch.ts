// OpenAI Files + Batch API. A batch goes validating → in_progress → completed (or expired / failed /
// cancelling → cancelled), advanced lazily whenever it is read, so no timers outlive the server.
import { deterministicShuffle, type BatchOutcomes } from './batchUtil';
import { openaiError, sendError } from './faults';
import { asObject, newId, nowSeconds, sendBytes, sendJson } from './http';
import { planChat } from './openaiChat';
import { planResponses } from './openaiResponses';
import type { OpenAIPromptCache } from './tokens';
import type { Exchange } from './types';

type Obj = Record<string, unknown>;

interface StoredFile {
  meta: Obj;
  content: Buffer;
}

interface BatchLine {
  custom_id: string;
  body: unknown;
}

interface BatchState {
  obj: Obj;
  createdMs: number;
  lines: BatchLine[];
  invalid: Obj[];
  cancellingMs?: number;
}

const ENDPOINTS = new Set(['/v1/responses', '/v1/chat/completions']);
const PURPOSES = new Set(['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals']);

function notFound(ex: Exchange, what: string, id: string): void {
  sendError(ex, 404, openaiError(`No such ${what} object: ${id}`, 'invalid_request_error', 'id', null));
}

/** Summary stored in the request log for a multipart upload (never the file's content). */
export async function summarizeUpload(contentType: string, raw: Buffer): Promise<Obj> {
  try {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': contentType }, body: Uint8Array.from(raw) }).formData();
    const file = form.get('file');
    return { filename: file instanceof File ? file.name : null, purpose: form.get('purpose'), bytes: file instanceof File ? file.size : 0 };
  } catch {
    return { filename: null, purpose: null, bytes: raw.length };
  }
}

export class OpenAIBatchStore {
  private readonly files = new Map<string, StoredFile>();
  private readonly batches = new Map<string, BatchState>();

  constructor(
    private readonly cache: OpenAIPromptCache,
    private readonly outcomes: BatchOutcomes,
    private readonly delayMs: () => number,
  ) {}

  clear(): void {
    this.files.clear();
    this.batches.clear();
  }

  /** Handles /v1/files* and /v1/batches*; false when the path is not one of them. */
  async handle(ex: Exchange): Promise<boolean> {
    const { method } = ex.req;
    const [, kind, id, action] = ex.url.pathname.split('/').filter(Boolean); // v1 / files|batches / id / action
    const n = ex.url.pathname.split('/').filter(Boolean).length;
    if (kind === 'files') {
      if (n === 2 && method === 'POST') await this.upload(ex);
      else if (n === 2 && method === 'GET') this.list(ex, [...this.files.values()].map((f) => f.meta));
      else if (!this.files.has(id)) notFound(ex, 'File', id);
      else if (n === 3 && method === 'GET') sendJson(ex, 200, this.files.get(id)?.meta);
      else if (n === 3 && method === 'DELETE') {
        this.files.delete(id);
        sendJson(ex, 200, { id, object: 'file', deleted: true });
      } else if (n === 4 && action === 'content' && method === 'GET') {
        sendBytes(ex, 200, this.files.get(id)?.content ?? Buffer.alloc(0), 'application/octet-stream');
      } else return false;
      return true;
    }
    if (kind === 'batches') {
      const batch = this.batches.get(id ?? '');
      if (n === 2 && method === 'POST') this.create(ex);
      else if (n === 2 && method === 'GET') this.list(ex, [...this.batches.values()].reverse().map((b) => this.advance(b).obj));
      else if (!batch) notFound(ex, 'Batch', id);
      else if (n === 3 && method === 'GET') sendJson(ex, 200, this.advance(batch).obj);
      else if (n === 4 && action === 'cancel' && method === 'POST') this.cancel(ex, this.advance(batch));
      else return false;
      return true;
    }
    return false;
  }

  private list(ex: Exchange, data: Obj[]): void {
    sendJson(ex, 200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
  }

  private addFile(filename: string, purpose: string, content: Buffer): Obj {
    const meta = {
      id: newId('file-', 11),
      object: 'file',
      bytes: content.length,
      created_at: nowSeconds(),
      expires_at: null,
      filename,
      purpose,
      status: 'processed',
      status_details: null,
    };
    this.files.set(meta.id, { meta, content });
    return meta;
  }

  private async upload(ex: Exchange): Promise<void> {
    let form: FormData;
    try {
      form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': ex.req.headers['content-type'] ?? '' }, body: Uint8Array.from(ex.rawBody) }).formData();
    } catch {
      return sendError(ex, 400, openaiError('Expected a multipart/form-data body.', 'invalid_request_error'));
    }
    const file = form.get('file');
    const purpose = form.get('purpose');
    if (!(file instanceof File)) return sendError(ex, 400, openaiError("Missing required parameter: 'file'.", 'invalid_request_error', 'file', 'missing_required_parameter'));
    if (typeof purpose !== 'string' || !PURPOSES.has(purpose)) {
      return sendError(ex, 400, openaiError(`Invalid value for 'purpose': ${JSON.stringify(purpose)}.`, 'invalid_request_error', 'purpose', 'invalid_value'));
    }
    if (purpose === 'batch' && !file.name.endsWith('.jsonl')) {
      return sendError(ex, 400, openaiError('Invalid file format for Batch API. Must be .jsonl', 'invalid_request_error', 'file', null));
    }
    sendJson(ex, 200, this.addFile(file.name, purpose, Buffer.from(await file.arrayBuffer())));
  }

  private create(ex: Exchange): void {
    const body = asObject(ex.body);
    const input = typeof body.input_file_id === 'string' ? this.files.get(body.input_file_id) : undefined;
    if (!input) return notFound(ex, 'File', String(body.input_file_id));
    if (typeof body.endpoint !== 'string' || !ENDPOINTS.has(body.endpoint)) {
      return sendError(ex, 400, openaiError(`Invalid value for 'endpoint': ${JSON.stringify(body.endpoint)}. The fake supports /v1/responses and /v1/chat/completions.`, 'invalid_request_error', 'endpoint', 'invalid_value'));
    }
    if (body.completion_window !== '24h') {
      return sendError(ex, 400, openaiError("Invalid value for 'completion_window': only '24h' is supported.", 'invalid_request_error', 'completion_window', 'invalid_value'));
    }
    const lines: BatchLine[] = [];
    const invalid: Obj[] = [];
    const seen = new Set<string>();
    input.content.toString('utf8').split('\n').forEach((text, i) => {
      if (!text.trim()) return;
      const fail = (code: string, message: string) => invalid.push({ code, message, param: null, line: i + 1 });
      let line: Obj;
      try {
        line = asObject(JSON.parse(text));
      } catch {
        return fail('invalid_json_line', 'This line is not parseable as valid JSON.');
      }
      if (typeof line.custom_id !== 'string') return fail('missing_custom_id', 'Each line must have a custom_id.');
      if (seen.has(line.custom_id)) return fail('duplicate_custom_id', `The custom_id '${line.custom_id}' is duplicated.`);
      if (line.url !== body.endpoint) return fail('mismatched_url', `The url must match the batch endpoint ${body.endpoint}.`);
      if (line.method !== 'POST') return fail('invalid_method', 'The method must be POST.');
      seen.add(line.custom_id);
      lines.push({ custom_id: line.custom_id, body: line.body });
    });
    if (lines.length === 0 && invalid.length === 0) invalid.push({ code: 'empty_file', message: 'The input file is empty.', param: null, line: null });
    const created = nowSeconds();
    const obj: Obj = {
      id: newId('batch_'),
      object: 'batch',
      endpoint: body.endpoint,
      model: (asObject(lines[0]?.body).model as string | undefined) ?? null,
      errors: null,
      input_file_id: body.input_file_id,
      completion_window: '24h',
      status: 'validating',
      output_file_id: null,
      error_file_id: null,
      created_at: created,
      in_progress_at: null,
      expires_at: created + 86_400,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: 0, completed: 0, failed: 0 },
      usage: { input_tokens: 0, input_tokens_details: { cached_tokens: 0 }, output_tokens: 0, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 0 },
      metadata: body.metadata ?? null,
    };
    this.batches.set(obj.id as string, { obj, createdMs: Date.now(), lines, invalid });
    sendJson(ex, 200, obj);
  }

  private cancel(ex: Exchange, batch: BatchState): void {
    const status = batch.obj.status;
    if (status !== 'validating' && status !== 'in_progress' && status !== 'cancelling') {
      return sendError(ex, 400, openaiError(`Cannot cancel a batch with status '${String(status)}'.`, 'invalid_request_error'));
    }
    if (status !== 'cancelling') {
      batch.cancellingMs = Date.now();
      Object.assign(batch.obj, { status: 'cancelling', cancelling_at: nowSeconds() });
    }
    sendJson(ex, 200, batch.obj);
  }

  /** Moves the batch along its lifecycle according to the time elapsed. */
  private advance(batch: BatchState): BatchState {
    const delay = this.delayMs();
    const now = Date.now();
    const o = batch.obj;
    if (o.status === 'cancelling' && now - (batch.cancellingMs ?? now) >= delay / 3) {
      this.finish(batch, 'cancelled');
      return batch;
    }
    if (o.status === 'validating' && now - batch.createdMs >= delay / 3) {
      if (batch.invalid.length > 0) {
        Object.assign(o, { status: 'failed', failed_at: nowSeconds(), errors: { object: 'list', data: batch.invalid } });
        return batch;
      }
      Object.assign(o, { status: 'in_progress', in_progress_at: nowSeconds(), request_counts: { total: batch.lines.length, completed: 0, failed: 0 } });
    }
    if (o.status === 'in_progress' && now - batch.createdMs >= delay) this.finish(batch, 'completed');
    return batch;
  }

  /** Runs every line (or cancels them) and writes the output and error files in a shuffled order. */
  private finish(batch: BatchState, end: 'completed' | 'cancelled'): void {
    const o = batch.obj;
    const output: Obj[] = [];
    const errors: Obj[] = [];
    const usage = asObject(o.usage);
    let expired = false;
    for (const line of batch.lines) {
      const id = newId('batch_req_', 16);
      const wanted = this.outcomes.get(line.custom_id);
      const requestId = newId('req_', 16);
      if (end === 'cancelled' || wanted?.outcome === 'expired') {
        // UNVERIFIED code for cancelled entries; batch_expired is the documented one.
        const cancelled = end === 'cancelled';
        expired ||= !cancelled;
        const error = cancelled
          ? { code: 'batch_cancelled', message: 'This request was cancelled before it could be executed.' }
          : { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' };
        errors.push({ id, custom_id: line.custom_id, response: null, error });
        continue;
      }
      if (wanted?.outcome === 'errored') {
        const body = openaiError('The server had an error while processing your request. Sorry about that!', 'server_error');
        errors.push({ id, custom_id: line.custom_id, response: { status_code: 500, request_id: requestId, body }, error: null });
        continue;
      }
      const run = o.endpoint === '/v1/chat/completions'
        ? planChat(line.body, wanted?.reply, this.cache)
        : planResponses(line.body, wanted?.reply, this.cache);
      if (!run.ok) {
        errors.push({ id, custom_id: line.custom_id, response: { status_code: run.status, request_id: requestId, body: run.body }, error: null });
        continue;
      }
      const result = 'completion' in run.value ? run.value.completion : run.value.final;
      addUsage(usage, asObject(result.usage));
      output.push({ id, custom_id: line.custom_id, response: { status_code: 200, request_id: requestId, body: result }, error: null });
    }
    const write = (entries: Obj[], kind: string) =>
      entries.length === 0
        ? null
        : this.addFile(`${String(o.id)}_${kind}.jsonl`, 'batch_output', Buffer.from(deterministicShuffle(entries, (e) => String(e.custom_id)).map((e) => JSON.stringify(e) + '\n').join(''))).id;
    const t = nowSeconds();
    Object.assign(o, {
      output_file_id: write(output, 'output'),
      error_file_id: write(errors, 'error'),
      request_counts: { total: batch.lines.length, completed: output.length, failed: errors.length },
      usage,
      ...(end === 'cancelled' ? { status: 'cancelled', cancelled_at: t } : expired ? { status: 'expired', expired_at: t } : { status: 'completed', finalizing_at: t, completed_at: t }),
    });
  }
}

function addUsage(total: Obj, u: Obj): void {
  // Responses usage has input/output_tokens; Chat usage has prompt/completion_tokens.
  const input = Number(u.input_tokens ?? u.prompt_tokens ?? 0);
  const output = Number(u.output_tokens ?? u.completion_tokens ?? 0);
  const cached = Number(asObject(u.input_tokens_details ?? u.prompt_tokens_details).cached_tokens ?? 0);
  const reasoning = Number(asObject(u.output_tokens_details ?? u.completion_tokens_details).reasoning_tokens ?? 0);
  total.input_tokens = Number(total.input_tokens) + input;
  total.output_tokens = Number(total.output_tokens) + output;
  total.total_tokens = Number(total.total_tokens) + input + output;
  const inDetails = asObject(total.input_tokens_details);
  inDetails.cached_tokens = Number(inDetails.cached_tokens) + cached;
  const outDetails = asObject(total.output_tokens_details);
  outDetails.reasoning_tokens = Number(outDetails.reasoning_tokens) + reasoning;
}
