// Reading an Anthropic Messages request: validation and the prompt blocks in cache order (tools → system → messages).
import { isKnownAnthropicModel } from './answer';
import { asObject } from './http';
import type { CacheBlock, Piece } from './tokens';

type Obj = Record<string, unknown>;

/** An error before the model runs: the error's type and message (the caller adds the envelope). */
export interface PromptError {
  status: number;
  type: string;
  message: string;
}

export interface AnthropicPrompt {
  model: string;
  blocks: CacheBlock[];
  lastUserText: string;
}

/** API versions from this date on refuse sampling parameters. */
export const NO_SAMPLING_FROM_VERSION = '2026-10-21';
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

const invalid = (message: string): PromptError => ({ status: 400, type: 'invalid_request_error', message });

function withoutCacheControl(block: Obj): string {
  const rest = { ...block };
  delete rest.cache_control;
  return JSON.stringify(rest);
}

function cacheControlOf(block: Obj): CacheBlock['cacheControl'] {
  const cc = asObject(block.cache_control);
  return typeof cc.type === 'string' ? { type: cc.type, ttl: typeof cc.ttl === 'string' ? cc.ttl : undefined } : undefined;
}

function blockPiece(block: Obj, where: string): Piece | PromptError {
  switch (block.type) {
    case 'text':
      return { kind: 'text', text: typeof block.text === 'string' ? block.text : '' };
    case 'image': {
      const source = asObject(block.source);
      if (source.type === 'base64') {
        if (typeof source.media_type !== 'string' || !IMAGE_TYPES.has(source.media_type)) {
          return invalid(`${where}.source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
        }
        if (typeof source.data !== 'string' || source.data === '' || !/^[A-Za-z0-9+/=\s]+$/.test(source.data)) {
          return invalid(`${where}.source.data: The image data is not valid base64 (send it without a data: prefix).`);
        }
        return { kind: 'image', ref: `${source.media_type}:${source.data.length}:${source.data.slice(0, 64)}` };
      }
      if (source.type === 'url' && typeof source.url === 'string') return { kind: 'image', ref: source.url };
      return invalid(`${where}.source: Input tag '${String(source.type)}' found using 'type' does not match any of the expected tags: 'base64', 'url'`);
    }
    case 'tool_use':
      return { kind: 'text', text: JSON.stringify(block.input ?? {}) };
    case 'tool_result': {
      const c = block.content;
      const text = typeof c === 'string' ? c : Array.isArray(c) ? c.map((p) => String(asObject(p).text ?? '')).join('\n') : '';
      return { kind: 'text', text };
    }
    default:
      return { kind: 'text', text: withoutCacheControl(block) }; // other blocks: their JSON
  }
}

function isError(v: unknown): v is PromptError {
  return typeof v === 'object' && v !== null && 'message' in v && 'status' in v;
}

/** Validates the request and lists its blocks. `version` is the anthropic-version it came with. */
export function readAnthropicPrompt(body: Obj, version: string, opts: { needMaxTokens: boolean }): AnthropicPrompt | PromptError {
  if (typeof body.model !== 'string' || body.model === '') return invalid('model: Field required');
  if (!isKnownAnthropicModel(body.model)) return { status: 404, type: 'not_found_error', message: `model: ${body.model}` };
  if (opts.needMaxTokens) {
    if (body.max_tokens === undefined) return invalid('max_tokens: Field required');
    if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
      return invalid('max_tokens: Input should be greater than or equal to 1');
    }
  }
  if (version >= NO_SAMPLING_FROM_VERSION) {
    for (const p of ['temperature', 'top_p', 'top_k']) {
      if (body[p] !== undefined) return invalid(`${p}: Extra inputs are not permitted`);
    }
  }
  if (!Array.isArray(body.messages)) return invalid('messages: Field required');
  if (body.messages.length === 0) return invalid('messages: at least one message is required');

  const blocks: CacheBlock[] = [];
  const add = (block: Obj, where: string, role = ''): PromptError | undefined => {
    const piece = blockPiece(block, where);
    if (isError(piece)) return piece;
    blocks.push({ piece, identity: role + withoutCacheControl(block), cacheControl: cacheControlOf(block) });
    return undefined;
  };
  const tools = Array.isArray(body.tools) ? body.tools.map(asObject) : [];
  for (const tool of tools) {
    const text = JSON.stringify({ name: tool.name, description: tool.description, input_schema: tool.input_schema });
    blocks.push({ piece: { kind: 'text', text }, identity: withoutCacheControl(tool), cacheControl: cacheControlOf(tool) });
  }
  if (typeof body.system === 'string') blocks.push({ piece: { kind: 'text', text: body.system }, identity: JSON.stringify(body.system) });
  else if (Array.isArray(body.system)) {
    for (const [i, b] of body.system.entries()) {
      const err = add(asObject(b), `system.${i}`);
      if (err) return err;
    }
  }
  let lastUserText = '';
  for (const [i, raw] of body.messages.entries()) {
    const msg = asObject(raw);
    if (msg.role !== 'user' && msg.role !== 'assistant') return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const role = `${msg.role}:`;
    const content = typeof msg.content === 'string' ? [{ type: 'text', text: msg.content }] : Array.isArray(msg.content) ? msg.content.map(asObject) : [];
    const texts: string[] = [];
    for (const [j, block] of content.entries()) {
      const err = add(block, `messages.${i}.content.${j}${block.type === 'image' ? '.image' : ''}`, role);
      if (err) return err;
      if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    }
    if (msg.role === 'user' && texts.length) lastUserText = texts.join('\n');
  }
  return { model: body.model, blocks, lastUserText };
}

export function isPromptError(v: AnthropicPrompt | PromptError): v is PromptError {
  return isError(v);
}
