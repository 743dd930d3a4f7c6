import type { ChatMessage } from '../calls/modelClient';
import type { CodeAround } from '../context/codeAround';
import { fenced, fileLine, markedCode, SELECTION_END, SELECTION_START, type FileFacts } from './codeBlocks';

const SYSTEM = `You are Tandem, editing code in the user's editor. Your answer replaces the selected code exactly as you write it, after the user reviews it in a diff.
Rules:
- Answer with only the new version of the selected code. No Markdown fences, no explanation, nothing before or after.
- The file is shown with the selection between ${SELECTION_START} and ${SELECTION_END}; change only what the instruction asks and keep everything else in the selection as it is.
- Keep the selection's first-line indentation and the file's style. Do not add code that belongs outside the selection.`;

export interface EditSelectionInput {
  readonly file: FileFacts;
  readonly around: CodeAround;
  readonly instruction: string;
}

export function editSelectionPrompt(input: EditSelectionInput): { system: string[]; messages: ChatMessage[] } {
  const text = [
    fileLine(input.file),
    '',
    fenced(markedCode(input.around), input.file.languageId),
    '',
    'The selected code:',
    fenced(input.around.selection, input.file.languageId),
    '',
    `Instruction: ${input.instruction}`,
  ].join('\n');
  return { system: [SYSTEM], messages: [{ role: 'user', content: text }] };
}
