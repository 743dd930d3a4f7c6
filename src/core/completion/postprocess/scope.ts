/**
 * Class "block scope": cut a multi-line answer where the cursor's statement or block ends, Tabby's way — by
 * indentation and by the answer's own brackets (see docs/architecture.md for why not a parser). Three
 * starting points:
 * - on a blank line, the answer is statements of the cursor's block: kept down to the block's end;
 * - after text that opens a block, with the answer on the next lines: the block's body, down to its end;
 * - completing the cursor's line: that statement only — its continuation lines and the block it opens.
 * Leaving the block, an `else`/`elif`/`catch`/`except`/`finally` continuation of the statement that
 * opened it is kept when the suffix does not already go on with that statement, and a closing line is
 * kept for the bracket stage to weigh; anything else ends the answer.
 */
import { PROSE_LANGUAGES } from './answerText';
import { type Cursor, indentWidth, isBlank, isCloserLine, leadingWhitespace, makeCursor, opensBlock, startsDeclaration } from './cursor';
import { type ScanState, bracketBalance, codeOnly, depthAtLineStarts, scanBrackets } from './scan';

/** How far up the prefix the line that opened the cursor's block is looked for. */
const OPENER_LOOKBACK_LINES = 200;
/** Lines that continue a compound statement after its block: `} else {`, `else:`, `} catch (e) {`, `except X:`. */
const CONTINUATION = /^\s*(?:[)\]}]\s*)?(?:else|elif|except|catch|finally)\b/;
/** Opener lines such a continuation may follow. */
/** Openers of blocks whose members are declarations: classes, structs, traits, namespaces… */
const DECLARATION_OPENER = /\b(?:class|struct|impl|interface|trait|enum|namespace|module|object|record|protocol|extension)\b/;
const ALLMAN_OPEN = /^\s*\{\s*$/;
const CONTINUABLE = /(?:^|[\s;{}])(?:if|elif|else|for|while|try|catch|except|with|unless|switch|case|do)\b/;

interface Block {
  /** Lines at this indentation or deeper belong to the cursor's block. */
  readonly indent: number;
  /** The line that opened the block (its indentation and text), when seen. */
  readonly opener: { readonly indent: number; readonly text: string } | undefined;
}

export function limitScope(code: string, cursor: Cursor): string {
  const lines = code.split('\n');
  if (lines.length < 2 || (PROSE_LANGUAGES.has(cursor.languageId) && !cursor.inMarkdownCode)) return code;
  // In a multi-line string or comment the answer is text up to its closing delimiter; the rules apply after it.
  const delimiter = cursor.textDelimiter;
  if (delimiter !== undefined) {
    const end = lines.findIndex((line) => line.includes(delimiter));
    if (end < 0) return code;
    if (end > 0) return [...lines.slice(0, end), limitScope(lines.slice(end).join('\n'), afterText(cursor, lines.slice(0, end), lines[end]))].join('\n');
  }
  const depths = depthAtLineStarts(code, cursor.style, cursor.state);
  const inText = textAtLineStarts(code, cursor);
  // A separator alone (`,` after a JSON value) finishes the line: the answer goes on with new lines.
  const completingLine = !isBlank(cursor.lineBefore) && !isBlank(lines[0]) && !/^\s*[,;]\s*$/.test(lines[0]);
  const block = completingLine ? undefined : cursorBlock(lines, cursor);
  const statementIndent = indentWidth(leadingWhitespace(cursor.lineBefore));
  const opensOwnBlock = completingLine && opensBlock(cursor.lineBefore + lines[0], cursor.languageId);
  const next = nextSuffixLine(cursor);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line) || depths[i] > 0 || inText[i]) continue; // inside brackets, a string or a comment the answer opened
    const indent = indentWidth(leadingWhitespace(line));
    if (completingLine) {
      if (indent > statementIndent || statementOpen(cursor, lines, i) || allmanBrace(lines, i, cursor)) continue;
      if (opensOwnBlock && indent === statementIndent && CONTINUATION.test(line) && continues(cursor.lineBefore + lines[0], next, statementIndent)) continue;
      return lines.slice(0, i).join('\n');
    }
    if (block === undefined || indent > block.indent) continue;
    if (indent === block.indent) {
      // Among declarations — the file's top level, a class body — a block the answer opened and closed is
      // the answer; the next function or member after it is not.
      if (declarationLevel(block) && startsDeclaration(line, cursor.languageId)
        && (closedBlockBefore(lines, depths, i, block.indent, cursor) || memberBefore(lines, depths, i, block, cursor))) return lines.slice(0, i).join('\n');
      continue;
    }
    if (next !== undefined && next.indent >= block.indent) return lines.slice(0, i).join('\n'); // the suffix goes on in the block
    const opener = block.opener;
    if (opener !== undefined && indent === opener.indent && continuesAt(lines, i, opener, next, cursor)) continue;
    if (!/^\s*[)\]}]/.test(line)) return lines.slice(0, i).join('\n');
    return lines.slice(0, closingCascade(lines, i)).join('\n');
  }
  return code;
}

/**
 * Whether line `i` of a block-leaving answer continues the statement that opened the block: `} else {`,
 * `else:`, and in Allman style a closer line followed by `catch (…)`, or the `{` line under such a header.
 */
function continuesAt(lines: readonly string[], i: number, opener: NonNullable<Block['opener']>, next: SuffixLine | undefined, cursor: Cursor): boolean {
  const line = lines[i];
  if (CONTINUATION.test(line)) return continues(opener.text, next, opener.indent);
  if (allmanBrace(lines, i, cursor)) return true;
  const following = lines.slice(i + 1).find((l) => !isBlank(l));
  return isCloserLine(line) && following !== undefined && indentWidth(leadingWhitespace(following)) === opener.indent
    && CONTINUATION.test(following) && continues(opener.text, next, opener.indent);
}

/** An Allman-style `{` line under a header that has not ended (`foreach (…)`, `catch (…)`), not after a statement. */
function allmanBrace(lines: readonly string[], i: number, cursor: Cursor): boolean {
  if (!ALLMAN_OPEN.test(lines[i])) return false;
  const above = [cursor.lineBefore + lines[0], ...lines.slice(1, i)].reverse().find((l) => !isBlank(l));
  return above !== undefined && !/[;,{}]\s*$/.test(codeOnly(above, cursor.style).trimEnd());
}

/**
 * The end of a run of closing lines from line `i`, each further out than the one before (`  }` then `}`):
 * the blocks the file leaves open at the cursor, closed in turn. The bracket stage keeps only those the
 * suffix does not close.
 */
function closingCascade(lines: readonly string[], i: number): number {
  let end = i + 1;
  let indent = indentWidth(leadingWhitespace(lines[i]));
  for (let j = i + 1; j < lines.length; j++) {
    if (isBlank(lines[j])) continue;
    const next = indentWidth(leadingWhitespace(lines[j]));
    if (!isCloserLine(lines[j]) || next >= indent) break;
    indent = next;
    end = j + 1;
  }
  return end;
}


/** The file's top level or the body of a class-like declaration, where an answer's block is one declaration. */
function declarationLevel(block: Block): boolean {
  return block.opener === undefined || DECLARATION_OPENER.test(block.opener.text);
}

/**
 * Whether, before line `i`, the answer has a line at `indent` that opened a block — by a bracket, or a
 * Python-like `:` — which is closed by line `i`.
 */
function closedBlockBefore(lines: readonly string[], depths: readonly number[], i: number, indent: number, cursor: Cursor): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const line = j === 0 && isBlank(cursor.lineBefore) ? cursor.lineBefore + lines[0] : lines[j];
    if (isBlank(line) || depths[j] > 0 || indentWidth(leadingWhitespace(line)) !== indent) continue;
    return depths[j + 1] > 0 || opensBlock(line, cursor.languageId);
  }
  return false;
}

/** For each line of the answer: whether it starts inside a template literal or block comment the answer opened. */
function textAtLineStarts(code: string, cursor: Cursor): boolean[] {
  const lines = code.split('\n');
  const states: boolean[] = [false];
  let state: ScanState = cursor.state === 'backtick' || cursor.state === 'block' ? cursor.state : 'code';
  for (let i = 0; i < lines.length - 1; i++) {
    state = scanBrackets(`${lines[i]}\n`, cursor.style, () => undefined, state);
    states.push(state === 'backtick' || state === 'block');
  }
  return states;
}

/** In a class-like body, whether the answer already declared a member at the block's level before line `i`. */
function memberBefore(lines: readonly string[], depths: readonly number[], i: number, block: Block, cursor: Cursor): boolean {
  if (block.opener === undefined) return false;
  for (let j = i - 1; j >= 0; j--) {
    const line = j === 0 && isBlank(cursor.lineBefore) ? cursor.lineBefore + lines[0] : lines[j];
    if (isBlank(line) || depths[j] > 0 || indentWidth(leadingWhitespace(line)) !== block.indent) continue;
    // A decorator or attribute (`@property`, `#[test]`) belongs to the declaration under it.
    if (startsDeclaration(line, cursor.languageId) && !/^\s*(?:@|#\[)/.test(line)) return true;
  }
  return false;
}

/** Whether the statement being completed still has brackets open before line `i` (`foo(a,` ⏎ `b)`). */
function statementOpen(cursor: Cursor, lines: readonly string[], i: number): boolean {
  return bracketBalance(cursor.lineBefore + lines.slice(0, i).join('\n'), cursor.style).open.length > 0;
}

/**
 * Whether a continuation after the block opened by `openerText` fits: the opener can take one and the suffix
 * does not already go on with the statement (its next line is further out, is the block's closing line, or
 * there is none).
 */
function continues(openerText: string, next: SuffixLine | undefined, openerIndent: number): boolean {
  if (!CONTINUABLE.test(openerText)) return false;
  if (next === undefined || next.indent < openerIndent) return true;
  return next.indent === openerIndent && isCloserLine(next.text) && !CONTINUATION.test(next.text);
}

/** The cursor's block: on a blank line, or for an answer that starts on the next line. */
function cursorBlock(lines: readonly string[], cursor: Cursor): Block {
  const { lineBefore } = cursor;
  const lineIndent = indentWidth(leadingWhitespace(lineBefore));
  if (isBlank(lineBefore)) return { indent: indentWidth(lineBefore), opener: openerAbove(cursor, indentWidth(lineBefore)) };
  const first = lines.find((line) => !isBlank(line)) ?? '';
  const firstIndent = indentWidth(leadingWhitespace(first));
  if (opensBlock(lineBefore, cursor.languageId) && firstIndent > lineIndent) return { indent: lineIndent + 1, opener: { indent: lineIndent, text: lineBefore } };
  // After a statement, the next lines are in that statement's block: one that comes out of it leaves it.
  const indent = Math.max(firstIndent, lineIndent);
  return { indent, opener: openerAbove(cursor, indent) };
}

/** The nearest line above the cursor indented less than `indent`: the line that opened the block. */
function openerAbove(cursor: Cursor, indent: number): Block['opener'] {
  const previous = cursor.previousLines;
  const stop = Math.max(0, previous.length - OPENER_LOOKBACK_LINES);
  for (let i = previous.length - 1; i >= stop; i--) {
    if (isBlank(previous[i])) continue;
    const lineIndent = indentWidth(leadingWhitespace(previous[i]));
    if (lineIndent >= indent) continue;
    // Allman style: the block's `{` stands alone under its header (`try`, `foreach (…)`).
    const header = ALLMAN_OPEN.test(previous[i]) ? previous.slice(stop, i).reverse().find((l) => !isBlank(l)) : undefined;
    return { indent: lineIndent, text: header ?? previous[i] };
  }
  return undefined;
}

interface SuffixLine { readonly indent: number; readonly text: string }

/** The suffix's first non-blank line after the cursor's line. */
function nextSuffixLine(cursor: Cursor): SuffixLine | undefined {
  const lines = cursor.suffix.split('\n');
  for (let i = 1; i < lines.length && i < 200; i++) {
    if (!isBlank(lines[i])) return { indent: indentWidth(leadingWhitespace(lines[i])), text: lines[i] };
  }
  return undefined;
}

/** The cursor as it stands at the answer's line that closes the text: that line's indentation, back in code. */
function afterText(cursor: Cursor, before: readonly string[], closing: string): Cursor {
  const prefix = `${cursor.prefix}${before.join('\n')}\n${leadingWhitespace(closing)}`;
  return makeCursor(prefix, cursor.suffix, cursor.languageId);
}
