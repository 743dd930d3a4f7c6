import type { ChatMessage } from '../../calls/modelClient';
import { CURSOR_MARK } from '../../prompts/codeBlocks';
import type { ContextSnippet } from '../context/types';
import { prefixWindow, suffixWindow } from './windows';

/**
 * The instructions: the stable first part of every completion prompt. GPT-5.4 Mini is a chat model
 * with no fill-in-the-middle mode, so it is told exactly what shape of answer is wanted; the
 * post-processing stage still cleans whatever comes back.
 */
export const COMPLETION_INSTRUCTIONS = [
  'You are a code completion engine inside a code editor. You are shown a file with the marker '
  + `${CURSOR_MARK} where the cursor is, and sometimes other code from the project for reference.`,
  'Reply with only the text to insert at the marker, exactly as it should appear in the file:',
  '- no Markdown fences, no explanations, no comments about what you did;',
  '- do not repeat the text before the marker, and do not write the text that already follows it;',
  '- in the middle of a line, finish that line only; at the start of an empty line or block, write the next '
  + 'few lines at the indentation of the surrounding code and stop at the end of the current block;',
  '- keep it short: what the developer would most likely type next.',
  'If nothing useful fits at the marker, reply with nothing at all.',
].join('\n');

export interface PromptInput {
  /** Workspace-relative path of the file. */
  readonly path: string;
  readonly languageId: string;
  /** Text before the cursor, starting at the beginning of document line `prefixFirstLine`. */
  readonly prefix: string;
  readonly prefixFirstLine: number;
  readonly suffix: string;
}

export interface PromptBudget {
  readonly prefixTokens: number;
  readonly suffixTokens: number;
}

export interface CompletionPrompt {
  readonly system: readonly string[];
  readonly messages: readonly ChatMessage[];
  /** Sent as OpenAI's prompt_cache_key: requests for one file land where its prompt prefix is cached. */
  readonly promptCacheKey: string;
  /** The windows of the document the model saw; post-processing compares the answer with them. */
  readonly prefix: string;
  readonly suffix: string;
}

/**
 * One user message, most stable part first: reference code from other files (changes rarely), then the
 * file itself from a line-aligned start, the cursor marker, and what follows it.
 */
export function buildCompletionPrompt(input: PromptInput, snippets: readonly ContextSnippet[], budget: PromptBudget): CompletionPrompt {
  const prefix = prefixWindow(input.prefix, input.prefixFirstLine, budget.prefixTokens);
  const suffix = suffixWindow(input.suffix, budget.suffixTokens);
  const parts: string[] = [];
  if (snippets.length) {
    parts.push('Reference code from other files of the project:');
    for (const snippet of snippets) {
      const what = snippet.kind === 'signatures' ? 'declarations' : 'excerpt';
      parts.push(`<file path="${snippet.path}" content="${what}">\n${snippet.text}\n</file>`);
    }
    parts.push('');
  }
  parts.push(`The file being edited (${input.languageId}):`);
  parts.push(`<file path="${input.path}">\n${prefix}${CURSOR_MARK}${suffix}\n</file>`);
  return {
    system: [COMPLETION_INSTRUCTIONS],
    messages: [{ role: 'user', content: parts.join('\n') }],
    promptCacheKey: `tandem-completion-${shortHash(input.path)}`,
    prefix,
    suffix,
  };
}

/** FNV-1a, 32 bits, hex: a short stable key that does not spell out the path. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
