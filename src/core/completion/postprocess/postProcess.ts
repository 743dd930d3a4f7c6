/**
 * Post-processing of an inline completion. The model is a chat model without fill-in-the-middle, so its
 * answer is cleaned into the text to insert at the cursor: fence and prose stripped, restated prefix and
 * duplicated suffix dropped, cut to one line in the middle of a line or to the cursor's block otherwise,
 * surplus closing brackets dropped. Pure: no editor API.
 */
import { makeCursor, normalizeLineEnds } from './cursor';
import { dropPrefixRepeat, stripFenceAndProse } from './prefixStages';
import { balanceBrackets, cutAtBlockEnd, dropSuffixOverlap, finish, isMidLine, limitLines } from './shapeStages';

export interface CompletionContext {
  /** Document text before the cursor (may be cut to a budget). */
  readonly prefix: string;
  /** Document text after the cursor. */
  readonly suffix: string;
  readonly languageId: string;
}

export interface PostProcessOptions {
  /** Cap for multi-line completions. */
  readonly maxLines: number;
}

/**
 * The text to insert at the cursor for a raw model answer, or undefined when nothing useful is left.
 * Line ends follow the document's: CRLF when the prefix or suffix uses CRLF.
 */
export function postProcessCompletion(raw: string, context: CompletionContext, options: PostProcessOptions): string | undefined {
  const cursor = makeCursor(normalizeLineEnds(context.prefix), normalizeLineEnds(context.suffix), context.languageId);
  const singleLine = isMidLine(cursor);
  let code = stripFenceAndProse(normalizeLineEnds(raw));
  code = dropPrefixRepeat(code, cursor);
  const deduplicated = dropSuffixOverlap(code, cursor, singleLine);
  if (deduplicated === undefined) return undefined;
  code = limitLines(deduplicated, singleLine, options.maxLines);
  if (!singleLine) code = cutAtBlockEnd(code, cursor);
  code = balanceBrackets(code, cursor);
  const text = finish(code);
  const crlf = context.prefix.includes('\r\n') || context.suffix.includes('\r\n');
  return text !== undefined && crlf ? text.replace(/\n/g, '\r\n') : text;
}
