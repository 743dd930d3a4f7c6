// Request checks and prompt reading shared by the fake OpenAI endpoints (Responses, Chat Completions, batch).
import { isGpt5, isKnownOpenAIModel } from './answer';
import { openaiError } from './faults';
import { asObject } from './http';
import type { Piece } from './tokens';

export type Failure = { ok: false; status: number; body: unknown };

export function badRequest(message: string, param: string | null, code: string | null): Failure {
  return { ok: false, status: 400, body: openaiError(message, 'invalid_request_error', param, code) };
}

/** model present and known; GPT-5 sampling parameters refused, as the real API does. */
export function checkModel(body: Record<string, unknown>): Failure | undefined {
  const model = body.model;
  if (typeof model !== 'string' || model === '') {
    return badRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  }
  if (!isKnownOpenAIModel(model)) {
    const message = `The model \`${model}\` does not exist or you do not have access to it.`;
    return { ok: false, status: 404, body: openaiError(message, 'invalid_request_error', null, 'model_not_found') };
  }
  if (isGpt5(model)) {
    for (const param of ['temperature', 'top_p']) {
      const v = body[param];
      if (v != null && v !== 1) {
        return badRequest(
          `Unsupported value: '${param}' does not support ${JSON.stringify(v)} with this model. Only the default (1) value is supported.`,
          param,
          'unsupported_value',
        );
      }
    }
  }
  return undefined;
}

function imageRef(url: unknown, where: string): Piece | Failure {
  if (typeof url !== 'string' || !/^(data:image\/(png|jpeg|gif|webp);base64,|https?:\/\/)/.test(url)) {
    return badRequest(`Invalid image URL in ${where}: expected a data:image/...;base64, URL or an http(s) URL.`, where, 'invalid_image_url');
  }
  return { kind: 'image', ref: url };
}

function isFailure(v: Piece | Failure): v is Failure {
  return 'ok' in v;
}

export interface Prompt {
  pieces: Piece[];
  lastUserText: string;
}

/** Pieces of a Responses request, in order: instructions, then every input item (see tokens.ts). */
export function responsesPrompt(body: Record<string, unknown>): Prompt | Failure {
  const pieces: Piece[] = [];
  let lastUserText = '';
  if (typeof body.instructions === 'string') pieces.push({ kind: 'text', text: body.instructions });
  const input = body.input;
  if (typeof input === 'string') return { pieces: [...pieces, { kind: 'text', text: input }], lastUserText: input };
  if (!Array.isArray(input)) return badRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  for (const [i, raw] of input.entries()) {
    const item = asObject(raw);
    const texts: string[] = [];
    if (item.type === 'function_call' && typeof item.arguments === 'string') texts.push(item.arguments);
    else if (item.type === 'function_call_output') texts.push(typeof item.output === 'string' ? item.output : JSON.stringify(item.output));
    else if (typeof item.content === 'string') texts.push(item.content);
    else if (Array.isArray(item.content)) {
      for (const [j, rawPart] of item.content.entries()) {
        const part = asObject(rawPart);
        if ((part.type === 'input_text' || part.type === 'output_text') && typeof part.text === 'string') {
          texts.push(part.text);
          pieces.push({ kind: 'text', text: part.text });
        } else if (part.type === 'input_image') {
          const img = imageRef(part.image_url ?? (typeof part.file_id === 'string' ? 'https://file/' + part.file_id : undefined), `input[${i}].content[${j}].image_url`);
          if (isFailure(img)) return img;
          pieces.push(img);
        }
      }
      if (item.role === 'user' && texts.length) lastUserText = texts.join('\n');
      continue;
    }
    for (const t of texts) pieces.push({ kind: 'text', text: t });
    if (item.role === 'user' && texts.length) lastUserText = texts.join('\n');
  }
  return { pieces, lastUserText };
}

/** Pieces of a Chat Completions request: each message's text content and image parts, in order. */
export function chatPrompt(body: Record<string, unknown>): Prompt | Failure {
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return badRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  }
  const pieces: Piece[] = [];
  let lastUserText = '';
  for (const [i, raw] of body.messages.entries()) {
    const msg = asObject(raw);
    const texts: string[] = [];
    if (typeof msg.content === 'string') texts.push(msg.content);
    else if (Array.isArray(msg.content)) {
      for (const [j, rawPart] of msg.content.entries()) {
        const part = asObject(rawPart);
        if (part.type === 'text' && typeof part.text === 'string') {
          texts.push(part.text);
          pieces.push({ kind: 'text', text: part.text });
        } else if (part.type === 'image_url') {
          const img = imageRef(asObject(part.image_url).url, `messages[${i}].content[${j}].image_url`);
          if (isFailure(img)) return img;
          pieces.push(img);
        }
      }
      if (msg.role === 'user' && texts.length) lastUserText = texts.join('\n');
      continue;
    }
    for (const t of texts) pieces.push({ kind: 'text', text: t });
    if (msg.role === 'user' && texts.length) lastUserText = texts.join('\n');
  }
  return { pieces, lastUserText };
}

export function isPromptFailure(p: Prompt | Failure): p is Failure {
  return 'ok' in p;
}
