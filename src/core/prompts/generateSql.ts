import type { ChatMessage } from '../calls/modelClient';
import { fenced } from './codeBlocks';

export interface GenerateSqlInput {
  /** The dialect's display name (`PostgreSQL`). */
  readonly dialect: string;
  /** The workspace's DDL ('' when none was found). */
  readonly schema: string;
  readonly instruction: string;
}

/**
 * The dialect and the schema are the stable prefix (they change far less often than the instruction), so
 * a second query against the same schema reads them from the prompt cache.
 */
export function generateSqlPrompt(input: GenerateSqlInput): { system: string[]; messages: ChatMessage[] } {
  const rules = `You are Tandem, writing SQL in the user's editor. Your answer is parsed as ${input.dialect} and inserted into their file.
Rules:
- Answer with only the SQL. No Markdown fences, no explanation, no text before or after.
- Write valid ${input.dialect}: its identifier quoting, functions and syntax. End each statement with a semicolon.
- Use only the tables and columns of the schema below; if the instruction needs one that does not exist, write the most reasonable query and add a SQL comment saying what is assumed.`;
  const schema = input.schema.trim() === ''
    ? 'Schema: none found in the workspace. Infer table and column names from the instruction.'
    : `Schema (DDL from the workspace):\n${fenced(input.schema, 'sql')}`;
  return { system: [rules, schema], messages: [{ role: 'user', content: input.instruction }] };
}

/** The one repair round-trip: the model sees its own answer and the parser's error. */
export function repairSqlMessages(first: readonly ChatMessage[], answer: string, dialect: string, error: string): ChatMessage[] {
  return [
    ...first,
    { role: 'assistant', content: answer },
    { role: 'user', content: `That SQL does not parse as ${dialect}: ${error}\nAnswer with the corrected SQL only.` },
  ];
}
