/**
 * Class "indentation style": the answer's lines land in the file's style — tabs in a tab-indented file,
 * spaces of the file's width otherwise (a 2-space answer in a 4-space Python file would be a new block
 * level, a space in a tab file a TabError) — and at the cursor's level when the model wrote them relative
 * to column 0. The style is read from the prefix and suffix only.
 */
import { type Cursor, indentWidth, isBlank, leadingWhitespace, opensBlock } from './cursor';
import { depthAtLineStarts } from './scan';

const TAB_COLUMNS = 4;
/** Lines of the document looked at to tell its indentation. */
const STYLE_SAMPLE_LINES = 400;

export interface IndentStyle {
  readonly tabs: boolean;
  /** Columns per level; undefined when the text shows no indentation step. */
  readonly unit: number | undefined;
}

/** The indentation style of some lines: tabs or spaces by majority, the width by the most common step. */
export function indentStyle(lines: readonly string[]): IndentStyle | undefined {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const lead = leadingWhitespace(line);
    if (lead.startsWith('\t')) tabs++;
    else if (lead.length > 0 && !/^\s*\*/.test(line)) spaces++; // ` * ` block-comment lines are aligned, not indented
    const width = indentWidth(lead);
    if (width > previous && !lead.startsWith('\t')) steps.set(width - previous, (steps.get(width - previous) ?? 0) + 1);
    previous = width;
  }
  if (tabs === 0 && spaces === 0) return undefined;
  if (tabs > spaces) return { tabs: true, unit: TAB_COLUMNS };
  let unit: number | undefined;
  let best = 0;
  for (const [step, count] of steps) if (step <= 8 && (count > best || (count === best && step < (unit ?? 99)))) [unit, best] = [step, count];
  return { tabs: false, unit };
}

/** Whitespace of `columns` in a style. */
function render(columns: number, style: IndentStyle | undefined): string {
  const width = Math.max(0, Math.round(columns));
  if (style?.tabs !== true) return ' '.repeat(width);
  return '\t'.repeat(Math.floor(width / TAB_COLUMNS)) + ' '.repeat(width % TAB_COLUMNS);
}

const CLOSER_START = /^\s*[)\]}]/;
const PYTHON_CONTINUATION = /^\s*(?:else|elif|except|finally)\b/;

/**
 * The answer with its lines after the first re-indented: relative to the cursor's statement level when the
 * model wrote them from another base, and in the file's indentation style and width.
 * `firstIndent` is the model's column for its first line when it wrote it as a whole line.
 */
export function fitIndentation(code: string, cursor: Cursor, firstIndent: number | undefined): string {
  const lines = code.split('\n');
  if (lines.length < 2) return code;
  const file = indentStyle(documentSample(cursor));
  const answer = indentStyle(lines.slice(1));
  const target = statementColumn(cursor, lines);
  const answerUnit = answer?.unit ?? file?.unit;
  const base = target === undefined ? undefined : modelBase(lines, cursor, firstIndent, target, answerUnit);
  const fileUnit = file?.unit ?? answerUnit;
  const convert = answerUnit !== undefined && fileUnit !== undefined && answerUnit !== fileUnit;
  const restyle = file !== undefined && answer !== undefined && file.tabs !== answer.tabs;
  const shift = target !== undefined && base !== undefined && base !== target;
  if (!convert && !restyle && !shift) return code;
  const from = base ?? target ?? 0;
  const to = target ?? from;
  return [lines[0], ...lines.slice(1).map((line) => {
    if (isBlank(line)) return line;
    const lead = leadingWhitespace(line);
    const offset = indentWidth(lead) - from;
    const scaled = convert && answerUnit !== undefined && fileUnit !== undefined ? levelsTo(offset, answerUnit, fileUnit) : offset;
    return render(to + scaled, file) + line.slice(lead.length);
  })].join('\n');
}

/** Columns measured in one unit re-expressed in another; a remainder (alignment) is kept as it is. */
function levelsTo(columns: number, from: number, to: number): number {
  const sign = columns < 0 ? -1 : 1;
  const abs = Math.abs(columns);
  return sign * (Math.floor(abs / from) * to + (abs % from));
}

function documentSample(cursor: Cursor): string[] {
  const before = cursor.previousLines.slice(-STYLE_SAMPLE_LINES);
  const after = cursor.suffix.split('\n').slice(1, STYLE_SAMPLE_LINES / 4);
  return [...before, cursor.lineBefore + cursor.lineAfter, ...after];
}

/** The column of the statement the answer's first line belongs to, in the file; undefined when unknown. */
function statementColumn(cursor: Cursor, lines: readonly string[]): number | undefined {
  const { lineBefore } = cursor;
  if (isBlank(lineBefore)) return indentWidth(lineBefore);
  if (!isBlank(lines[0])) return indentWidth(leadingWhitespace(lineBefore));
  return undefined;
}

/**
 * The column the model wrote the cursor's statement at, when it differs from the file's. Known outright when
 * the model wrote its first line as a whole line (`firstIndent`). Otherwise, a first line that opens a block
 * whose body is no deeper than the cursor's statement says the model counted from column 0: the line that
 * closes or continues that block (`}`, `} else {`, `else:`) then sits at the statement's column, or the
 * body one level in. Closers at odd columns alone prove nothing: models misplace them.
 */
function modelBase(lines: readonly string[], cursor: Cursor, firstIndent: number | undefined, target: number, unit: number | undefined): number | undefined {
  if (firstIndent !== undefined) return firstIndent;
  const depths = depthAtLineStarts(lines.join('\n'), cursor.style, cursor.state);
  const python = cursor.languageId === 'python';
  const opens = depths[1] > 0 || (python && opensBlock(cursor.lineBefore + lines[0], cursor.languageId));
  const body = lines.slice(1).find((line) => !isBlank(line));
  if (!opens || body === undefined || indentWidth(leadingWhitespace(body)) > target) return undefined;
  const closing = lines
    .map((line, i) => ({ line, i }))
    .filter(({ line, i }) => i > 0 && ((depths[i] === 1 && CLOSER_START.test(line)) || (python && depths[i] === 0 && PYTHON_CONTINUATION.test(line))))
    .map(({ line }) => indentWidth(leadingWhitespace(line)));
  if (closing.length > 0) return Math.min(...closing);
  return unit === undefined ? undefined : Math.max(0, indentWidth(leadingWhitespace(body)) - unit);
}
