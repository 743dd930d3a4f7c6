import type { ChatMessage, ContentPart } from '../calls/modelClient';
import type { CodeAround } from '../context/codeAround';
import { CURSOR_MARK, fenced, fileLine, markedCode, SELECTION_END, SELECTION_START, type FileFacts } from './codeBlocks';

/** Stable across calls, so it is the cached prefix. */
const SYSTEM = `You are Tandem, a code generator inside the user's editor. Your answer is inserted into their file as it is.
Rules:
- Answer with only the code to insert. No Markdown fences, no explanation, no greeting, nothing before or after the code.
- The user's code is shown with ${CURSOR_MARK} where your code goes, or with the selected code between ${SELECTION_START} and ${SELECTION_END}, which your code replaces.
- Never repeat the code before or after the insertion point; write only what goes at it.
- Match the file's language, style, naming and indentation. Write complete, working code; no placeholders or TODOs unless asked.
- If the instruction needs something you cannot see (a type, an import), write the most plausible code rather than asking.`;

export interface GenerateCodeInput {
  readonly file: FileFacts;
  readonly around: CodeAround;
  readonly instruction: string;
  /** A screenshot or diagram to work from (Generate Code from Image). */
  readonly image?: Extract<ContentPart, { type: 'image' }>;
}

export function generateCodePrompt(input: GenerateCodeInput): { system: string[]; messages: ChatMessage[] } {
  const where = input.around.selection === '' ? `the code that goes at ${CURSOR_MARK}` : `the code that replaces the selection`;
  const text = [
    fileLine(input.file),
    '',
    fenced(markedCode(input.around), input.file.languageId),
    '',
    input.image ? `Using the attached image, write ${where}.` : `Write ${where}.`,
    `Instruction: ${input.instruction}`,
  ].join('\n');
  const content: ContentPart[] = input.image ? [input.image, { type: 'text', text }] : [{ type: 'text', text }];
  return { system: [SYSTEM], messages: [{ role: 'user', content: input.image ? content : text }] };
}
