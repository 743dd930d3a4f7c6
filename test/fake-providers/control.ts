// The /_fake/ control endpoints: the same features as the in-process API, for a test in another process.
//   GET  /_fake/health          → { ok, url, openaiBaseURL, anthropicBaseURL }
//   GET  /_fake/requests        → RecordedRequest[]
//   GET  /_fake/script          → the steps still queued (with the times left)
//   POST /_fake/script          ← ScriptStep[] (or one step)
//   POST /_fake/reset
//   POST /_fake/batch-outcome   ← { customId, outcome: 'succeeded'|'errored'|'expired', reply? }
//   POST /_fake/config          ← { batchDelayMs }
import type { IncomingMessage, ServerResponse } from 'node:http';
import { asObject, readBody } from './http';
import type { FakeState } from './server';
import type { ScriptStep } from './types';

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const OUTCOMES = new Set(['succeeded', 'errored', 'expired']);

export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, state: FakeState): Promise<void> {
  const raw = await readBody(req);
  let body: unknown;
  try {
    body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    return reply(res, 400, { error: 'body is not JSON' });
  }
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case 'GET /_fake/health': {
      const base = `${url.protocol}//${url.host}`;
      return reply(res, 200, { ok: true, url: base, openaiBaseURL: `${base}/v1`, anthropicBaseURL: base });
    }
    case 'GET /_fake/requests':
      return reply(res, 200, state.log);
    case 'GET /_fake/script':
      return reply(res, 200, state.scripts.pending());
    case 'POST /_fake/script': {
      const steps = Array.isArray(body) ? body : [body];
      if (!steps.every((s) => typeof s === 'object' && s !== null)) return reply(res, 400, { error: 'expected ScriptStep[]' });
      state.scripts.push(steps as ScriptStep[]);
      return reply(res, 204);
    }
    case 'POST /_fake/reset':
      state.reset();
      return reply(res, 204);
    case 'POST /_fake/batch-outcome': {
      const b = asObject(body);
      if (typeof b.customId !== 'string' || typeof b.outcome !== 'string' || !OUTCOMES.has(b.outcome)) {
        return reply(res, 400, { error: "expected { customId, outcome: 'succeeded'|'errored'|'expired', reply? }" });
      }
      state.batchOutcome(b.customId, b.outcome as 'succeeded' | 'errored' | 'expired', b.reply === undefined ? undefined : asObject(b.reply));
      return reply(res, 204);
    }
    case 'POST /_fake/config': {
      const ms = asObject(body).batchDelayMs;
      if (typeof ms !== 'number' || ms < 0) return reply(res, 400, { error: 'expected { batchDelayMs: number }' });
      state.batchDelayMs = ms;
      return reply(res, 204);
    }
    default:
      return reply(res, 404, { error: `unknown control endpoint ${route}` });
  }
}
