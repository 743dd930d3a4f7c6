// What the fake model says: a scripted reply, a schema sample, or a fixed sentence derived from the request.
import { sampleFromSchema } from './schemaSample';
import type { ScriptReply } from './types';

/** The default answer: `Fake answer from <model> to: <first 40 chars of the last user text>`. */
export function defaultAnswer(model: string, lastUserText: string): string {
  return `Fake answer from ${model} to: ${lastUserText.slice(0, 40)}`;
}

/**
 * The answer text. Order: reply.text, reply.json (stringified), reply.toolInput (stringified, when no tool
 * is forced), a sample of the JSON schema when one was requested, the default sentence.
 */
export function answerText(
  reply: ScriptReply | undefined,
  model: string,
  lastUserText: string,
  schema: unknown | undefined,
): string {
  if (reply?.text !== undefined) return reply.text;
  if (reply?.json !== undefined) return JSON.stringify(reply.json);
  if (reply?.toolInput !== undefined) return JSON.stringify(reply.toolInput);
  if (schema !== undefined) return JSON.stringify(sampleFromSchema(schema));
  return defaultAnswer(model, lastUserText);
}

/** Cuts text to at most `maxTokens` fake tokens (4 chars each). */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  const limit = Math.max(0, maxTokens) * 4;
  return text.length > limit ? { text: text.slice(0, limit), truncated: true } : { text, truncated: false };
}

/** True for the GPT-5 family, which rejects sampling parameters. */
export function isGpt5(model: string): boolean {
  return /^gpt-5/.test(model);
}

/** Models the fake OpenAI knows: gpt-*, o<digit>*, chatgpt-*; anything else is model_not_found. */
export function isKnownOpenAIModel(model: string): boolean {
  return /^(gpt-|o\d|chatgpt-)/.test(model);
}

/** Models the fake Anthropic knows: claude-*. */
export function isKnownAnthropicModel(model: string): boolean {
  return /^claude-/.test(model);
}
