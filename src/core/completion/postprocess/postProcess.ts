/**
 * Post-processing of an inline completion. The model is a chat model without fill-in-the-middle, so its
 * answer is cleaned into the text to insert at the cursor. The stages, in order, each serving one class of
 * what models get wrong: echoed markers, fences and prose, diff markers, restated prefix, indentation
 * style, repetition, block scope (or one line in the middle of a line), suffix duplicates, surplus closing
 * brackets. Pure: no editor API; a plain scanner, no parser (see docs/architecture.md).
 */
import { cutAtPlaceholder, stripDiffMarkers, stripFenceAndProse } from './answerText';
import { makeCursor, normalizeLineEnds } from './cursor';
import { fitIndentation } from './indentation';
import { stripEchoedMarkers } from './markers';
import { dropPrefixRepeat } from './restatedPrefix';
import { dropRepetition } from './repetition';
import { limitScope } from './scope';
import { balanceBrackets, dropSuffixOverlap, dropSurplusClosingLines, finish, isMidLine, limitLines } from './suffixAndBrackets';

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
  let code = stripEchoedMarkers(normalizeLineEnds(raw), cursor);
  const answer = stripFenceAndProse(code, cursor);
  code = cutAtPlaceholder(stripDiffMarkers(answer.code, cursor), cursor);
  const restated = dropPrefixRepeat(code, cursor, answer.wholeLines);
  code = fitIndentation(restated.code, cursor, restated.firstIndent);
  code = dropRepetition(code, cursor);
  code = limitLines(code, singleLine, options.maxLines);
  if (!singleLine) code = limitScope(code, cursor);
  const deduplicated = dropSuffixOverlap(code, cursor, singleLine);
  if (deduplicated === undefined) return undefined;
  code = dropSurplusClosingLines(deduplicated, cursor);
  code = balanceBrackets(code, cursor);
  const text = finish(code, cursor);
  const crlf = context.prefix.includes('\r\n') || context.suffix.includes('\r\n');
  return text !== undefined && crlf ? text.replace(/\n/g, '\r\n') : text;
}
