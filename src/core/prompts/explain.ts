import type { ChatMessage } from '../calls/modelClient';
import type { CodeAround } from '../context/codeAround';
import { fenced, fileLine, markedCode, type FileFacts } from './codeBlocks';

const SYSTEM = `You are Tandem, explaining code to a developer in their editor. Your answer is shown as rendered Markdown beside the code.
Be concise:
- Start with one sentence that says what the selected code does.
- Then only what is not obvious from reading it: the why, edge cases, pitfalls, complexity. Short bullets.
- Refer to names in \`backticks\`; quote code only when it helps, in fenced blocks.
- Stay under 200 words unless the code truly needs more. No preamble, no closing summary.`;

export interface ExplainInput {
  readonly file: FileFacts;
  /** The selection and a little code around it, for context. */
  readonly around: CodeAround;
}

export function explainPrompt(input: ExplainInput): { system: string[]; messages: ChatMessage[] } {
  const text = [
    fileLine(input.file),
    '',
    'The code around the selection (the selection is marked):',
    fenced(markedCode(input.around), input.file.languageId),
    '',
    'Explain the selected code:',
    fenced(input.around.selection, input.file.languageId),
  ].join('\n');
  return { system: [SYSTEM], messages: [{ role: 'user', content: text }] };
}
