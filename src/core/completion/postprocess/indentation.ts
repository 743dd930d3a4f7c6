/**
 * Class "indentation style": the answer's lines land in the file's style — tabs in a tab-indented file,
 * spaces of the file's width otherwise (a 2-space answer in a 4-space Python file would be a new block
 * level, a space in a tab file a TabError) — and at the cursor's level when the model counted its columns
 * from 0. Which reading of the model's columns is right is decided on evidence: the lines that close or
 * continue a block the first line opens sit at the statement's column.
 */
import { type Cursor, indentWidth, isBlank, leadingWhitespace, opensBlock, startsDeclaration } from './cursor';
import { LANGUAGE_STYLE, TAB_COLUMNS, documentIndent, indentStyle, render } from './indentStyle';
import { depthAtLineStarts } from './scan';

const CLOSER_START = /^\s*[)\]}]/;
/** Lines that may stand left of the cursor's statement in a well-placed answer: closers and continuations. */
const LEAVING_LINE = /^\s*(?:[)\]}]|(?:else|elif|except|catch|finally|end|fi|done|esac|case|default)\b)/;
const INDENT_SCOPED = new Set(['python', 'yaml']);
/** A control header whose body is the next line, without braces: `if (x)`, `for (…)`, `else`. */
const BRACELESS_HEADER = /^\s*(?:(?:if|for|foreach|while|using|lock)\s*\(.*\)|else)\s*$/;

/** How the model's columns map to the file's: its column for the cursor's statement and its unit. */
interface Reading { readonly base: number; readonly unit: number }

/**
 * The answer re-indented: its lines after the first (and the first when the cursor is at column 0) moved
 * from the model's columns to the file's — same level relative to the cursor's statement, the file's unit
 * per level, its tabs or spaces. `firstIndent` is the model's column for its first line when it wrote
 * that line whole.
 */
export function fitIndentation(code: string, cursor: Cursor, firstIndent: number | undefined): string {
  const lines = code.split('\n');
  const firstHasIndent = cursor.lineBefore === '' && /^[ \t]+\S/.test(lines[0]);
  if (lines.length < 2 && !firstHasIndent) return code;
  const file = documentIndent(cursor) ?? LANGUAGE_STYLE[cursor.languageId];
  const answer = indentStyle(firstHasIndent ? lines : lines.slice(1));
  const fileUnit = file?.unit ?? answer?.unit ?? TAB_COLUMNS;
  const columns = lines.map((line, i) => (i === 0 && !firstHasIndent) || isBlank(line) ? undefined : indentWidth(leadingWhitespace(line)));
  const anchor = statementAnchor(cursor, lines, columns, fileUnit);
  if (anchor === undefined) return code;
  const known = anchor.firstIndent ?? firstIndent;
  // A first line written whole fixes the base; its own measured unit then reads the rest best.
  const measured = answer?.unit ?? fileUnit;
  const units = [...new Set(known === undefined ? [fileUnit, measured] : [measured, fileUnit])];
  const restyle = file !== undefined && answer !== undefined && (file.tabs ? lines.some((l, i) => columns[i] !== undefined && / {2}/.test(leadingWhitespace(l))) : answer.tabs);
  const reading = siblingReading(lines, columns, cursor, { known, target: anchor.target, restyle, fileUnit }) ?? readColumns(lines, columns, cursor, { target: anchor.target, fileUnit, units, firstIndent: known, firstCertain: anchor.firstIndent !== undefined });
  if (reading.unit === fileUnit && reading.base === anchor.target && !restyle) return code;
  return lines.map((line, i) => {
    const column = columns[i];
    if (column === undefined) return line;
    return render(anchor.target + levelsTo(column - reading.base, reading.unit, fileUnit), file) + line.slice(leadingWhitespace(line).length);
  }).join('\n');
}

interface Frame {
  readonly target: number;
  readonly fileUnit: number;
  readonly units: readonly number[];
  readonly firstIndent: number | undefined;
  /** The first line is the statement itself (a body started on the next line), so its column is the base. */
  readonly firstCertain: boolean;
}

/**
 * The reading of the model's columns. A first line written whole gives the base outright. Otherwise the
 * first unit under which the answer sits at the cursor's level is taken (its statement-level lines at the
 * target, every line a whole number of levels from it, a body deeper than it). Failing that, a body no
 * deeper than the target says the model counted from column 0: the statement-level lines give the base.
 * Closers at odd columns alone prove nothing — models misplace them — so the answer is then left as written.
 */
function readColumns(lines: readonly string[], columns: readonly (number | undefined)[], cursor: Cursor, frame: Frame): Reading {
  const { target, fileUnit, units, firstIndent, firstCertain } = frame;
  const present = columns.filter((c): c is number => c !== undefined);
  const fits = (base: number, unit: number) => present.every((c) => Math.abs(c - base) % unit === 0);
  // The first line's own column counts unless the lines read as written at the file's columns anyway.
  const leaves = lines.some((line, i) => i > 0 && columns[i] !== undefined && (columns[i] ?? 0) < target && !LEAVING_LINE.test(line));
  if (firstIndent !== undefined && (firstCertain || firstIndent === target || leaves)) return { base: firstIndent, unit: units.find((u) => fits(firstIndent, u)) ?? units[units.length - 1] };
  const { statement, body } = blockEvidence(lines, columns, cursor);
  for (const unit of units) {
    const base = (target / fileUnit) * unit;
    if (!statement.every((c) => c === base) || !fits(base, unit) || (body !== undefined && body <= base)) continue;
    // A body one step in by the answer's own wider unit (4 spaces in a 2-space file) is one level in.
    const step = body === undefined ? unit : body - base;
    return { base, unit: step > unit && step % unit === 0 && statement.length > 0 ? step : unit };
  }
  if (body !== undefined && body <= target) {
    const base = statement.length > 0 ? Math.min(...statement) : firstIndent ?? Math.max(0, body - fileUnit);
    return { base, unit: units.find((u) => fits(base, u)) ?? fileUnit };
  }
  return { base: target, unit: fileUnit };
}

/**
 * When the first line opens a block: the column of its body's first line, and the columns of lines at the
 * statement's level — the closer of that block (`}`, `} else {`), or in Python a line that dedents from the body.
 */
function blockEvidence(lines: readonly string[], columns: readonly (number | undefined)[], cursor: Cursor): { statement: number[]; body: number | undefined } {
  const depths = depthAtLineStarts(lines.join('\n'), cursor.style, cursor.state);
  const python = cursor.languageId === 'python';
  const opens = depths[1] > 0 || (python && opensBlock(cursor.lineBefore + lines[0], cursor.languageId));
  const bodyAt = columns.findIndex((c, i) => i > 0 && c !== undefined);
  if (bodyAt < 0) return { statement: [], body: undefined };
  if (!opens) {
    // In Python and YAML a line after a simple statement, outside brackets, is its sibling.
    const sibling = INDENT_SCOPED.has(cursor.languageId) && isBlank(cursor.lineBefore) && depths[bodyAt] === 0 && !/[\\,]\s*$/.test(lines[0]);
    return { statement: sibling ? [columns[bodyAt] ?? 0] : [], body: undefined };
  }
  const body = columns[bodyAt];
  const statement: number[] = [];
  for (let i = bodyAt + 1; i < lines.length; i++) {
    const column = columns[i];
    if (column === undefined) continue;
    if (python ? depths[i] === 0 && body !== undefined && column < body : depths[i] === 1 && CLOSER_START.test(lines[i])) statement.push(column);
  }
  return { statement, body };
}

/**
 * The column of the first line after a first line that opens no block, when that line is a statement of its
 * own at the answer's level (not inside brackets, not a closer, `else` or a new declaration leaving the
 * block): a sibling of the first line, so the model's column for the statement.
 */
function siblingColumn(lines: readonly string[], columns: readonly (number | undefined)[], cursor: Cursor): number | undefined {
  const depths = depthAtLineStarts(lines.join('\n'), cursor.style, cursor.state);
  const next = columns.findIndex((c, i) => i > 0 && c !== undefined);
  if (next < 0 || depths[next] > 0 || opensBlock(cursor.lineBefore + lines[0], cursor.languageId)) return undefined;
  if (LEAVING_LINE.test(lines[next]) || startsDeclaration(lines[next], cursor.languageId) || /[\\,]\s*$/.test(lines[0])) return undefined;
  // After a header without braces (`if (x)` ⏎ `  throw …;`) the next line is its body: the siblings are the outermost.
  if (BRACELESS_HEADER.test(lines[0])) {
    const outer = columns.filter((c, i): c is number => i > 0 && c !== undefined && depths[i] === 0);
    return Math.min(...outer);
  }
  return columns[next];
}

/**
 * A sibling line telling the model's column for the statement, where the first line's column does not:
 * below the cursor with nothing leaving the block (the model wrote from column 0), in the other whitespace
 * style, or — in Python, where a deeper line outside brackets cannot continue a statement — deeper
 * than a first line that was indented relative to the cursor.
 */
function siblingReading(lines: readonly string[], columns: readonly (number | undefined)[], cursor: Cursor, frame: { known: number | undefined; target: number; restyle: boolean; fileUnit: number }): Reading | undefined {
  const sibling = siblingColumn(lines, columns, cursor);
  if (sibling === undefined) return undefined;
  const { known, target, restyle, fileUnit } = frame;
  // Below the cursor, only a block nested under the sibling, still left of the cursor, shows column-0 writing.
  const nested = sibling < target && columns.some((c) => c !== undefined && c > sibling && c < target);
  if (known === undefined && (restyle || nested)) return readingFrom(sibling, columns, restyle ? Math.max(1, sibling) : fileUnit);
  if (known !== undefined && sibling > known && cursor.languageId === 'python') return readingFrom(sibling, columns, fileUnit);
  return undefined;
}

/** A reading with `base` as the model's column of the statement, its unit the smallest step above it. */
function readingFrom(base: number, columns: readonly (number | undefined)[], fallbackUnit: number): Reading {
  const steps = columns.filter((c): c is number => c !== undefined && c > base).map((c) => c - base);
  return { base, unit: steps.length > 0 ? Math.min(...steps) : fallbackUnit };
}

/** Columns measured in one unit re-expressed in another; a remainder (alignment) is kept as it is. */
function levelsTo(columns: number, from: number, to: number): number {
  const sign = columns < 0 ? -1 : 1;
  const abs = Math.abs(columns);
  return sign * (Math.floor(abs / from) * to + (abs % from));
}

/**
 * The file column the answer's first statement belongs at. On a blank line, the cursor's; completing a line,
 * that line's statement's. An answer that starts on the next line after a block opener is a body of whole
 * lines, one level in, and the model's column for its first line is known.
 */
function statementAnchor(cursor: Cursor, lines: readonly string[], columns: readonly (number | undefined)[], fileUnit: number): { target: number; firstIndent?: number } | undefined {
  const { lineBefore } = cursor;
  if (isBlank(lineBefore)) return { target: indentWidth(lineBefore) };
  const lineIndent = indentWidth(leadingWhitespace(lineBefore));
  if (!isBlank(lines[0])) return { target: lineIndent };
  // Only a body after a block opener has a known place, one level in, and only in a file that shows its unit.
  const first = columns.find((c) => c !== undefined);
  if (first === undefined || first <= lineIndent || !opensBlock(lineBefore, cursor.languageId) || documentIndent(cursor) === undefined) return undefined;
  return { target: lineIndent + fileUnit, firstIndent: first };
}
