// GET /v1/models[/:id] for both providers: the cheap call a client makes to check a key.
import { isKnownAnthropicModel, isKnownOpenAIModel } from './answer';
import { anthropicError, openaiError, requestIdOf, sendError } from './faults';
import { sendJson } from './http';
import type { Exchange } from './types';

const OPENAI_MODELS = ['gpt-5.4-mini', 'gpt-5.4', 'gpt-5-mini', 'gpt-4o-mini'];
const ANTHROPIC_MODELS = ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-7'];
const CREATED = 1_767_225_600; // 2026-01-01, fixed so answers are stable

function openaiModel(id: string) {
  return { id, object: 'model', created: CREATED, owned_by: 'openai' };
}

function anthropicModel(id: string) {
  return { type: 'model', id, display_name: id, created_at: new Date(CREATED * 1000).toISOString() };
}

/** Handles GET /v1/models and /v1/models/:id; false for any other path. */
export function handleModels(ex: Exchange): boolean {
  const parts = ex.url.pathname.split('/').filter(Boolean);
  if (ex.req.method !== 'GET' || parts[1] !== 'models' || parts.length > 3) return false;
  const id = parts[2] ? decodeURIComponent(parts[2]) : undefined;
  if (ex.record.provider === 'openai') {
    if (!id) sendJson(ex, 200, { object: 'list', data: OPENAI_MODELS.map(openaiModel) });
    else if (isKnownOpenAIModel(id)) sendJson(ex, 200, openaiModel(id));
    else sendError(ex, 404, openaiError(`The model '${id}' does not exist`, 'invalid_request_error', 'model', 'model_not_found'));
    return true;
  }
  if (!id) {
    const data = ANTHROPIC_MODELS.map(anthropicModel);
    sendJson(ex, 200, { data, has_more: false, first_id: data[0].id, last_id: data[data.length - 1].id });
  } else if (isKnownAnthropicModel(id)) sendJson(ex, 200, anthropicModel(id));
  else sendError(ex, 404, anthropicError('not_found_error', `model: ${id}`, requestIdOf(ex)));
  return true;
}
