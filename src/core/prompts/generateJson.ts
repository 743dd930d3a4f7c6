import type { ChatMessage } from '../calls/modelClient';
import { fenced } from './codeBlocks';

const RULES = `You are Tandem, writing JSON in the user's editor. Your answer is parsed, validated and inserted into their file.
Rules:
- Answer with only the JSON value. No Markdown fences, no comments, no text before or after.
- Realistic, internally consistent values; no placeholders such as "string" or "TODO".`;

export interface GenerateJsonInput {
  readonly instruction: string;
  /** The user's JSON Schema, as the file has it (the answer is validated against it). */
  readonly schemaText?: string;
  readonly schemaPath?: string;
}

export function generateJsonPrompt(input: GenerateJsonInput): { system: string[]; messages: ChatMessage[] } {
  const system = [RULES];
  if (input.schemaText !== undefined) {
    system.push(`The JSON must be valid against this JSON Schema${input.schemaPath ? ` (${input.schemaPath})` : ''}:\n${fenced(input.schemaText, 'json')}`);
  }
  return { system, messages: [{ role: 'user', content: input.instruction }] };
}

/** The one repair round-trip: the model sees its own answer and why it was refused. */
export function repairJsonMessages(first: readonly ChatMessage[], answer: string, problem: string): ChatMessage[] {
  return [
    ...first,
    { role: 'assistant', content: answer },
    { role: 'user', content: `That answer was refused: ${problem}\nAnswer with the corrected JSON only.` },
  ];
}
