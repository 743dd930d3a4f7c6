import type { ChatMessage } from '../calls/modelClient';
import { fenced, fileLine, type FileFacts } from './codeBlocks';

// The instruction is the same for every file of a bulk edit, so it sits in the system text: with the
// rules first and byte-identical, the provider's prompt cache can serve it to every request of the batch.
const SYSTEM = `You are Tandem, applying one instruction to many files of a code base, one file per request. Your answer replaces the whole file after the user reviews every change in a preview.
Rules:
- Answer with only the complete new content of the file. No Markdown fences, no explanation, nothing before or after.
- Change only what the instruction asks for; keep everything else exactly as it is, including formatting, comments and line endings.
- If the instruction does not apply to this file, answer with the file unchanged.`;

export function bulkEditPrompt(instruction: string, file: FileFacts, text: string): { system: string[]; messages: ChatMessage[] } {
  return {
    system: [SYSTEM, `Instruction for every file: ${instruction}`],
    messages: [{ role: 'user', content: [fileLine(file), '', fenced(text, file.languageId)].join('\n') }],
  };
}
