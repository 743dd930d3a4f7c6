/** How a text is indented: tabs or spaces, and how wide a level is. Read from the text alone. */
import { type Cursor, indentWidth, isBlank, leadingWhitespace } from './cursor';

export const TAB_COLUMNS = 4;
/** Lines of the document looked at to tell its indentation. */
const STYLE_SAMPLE_LINES = 400;

export interface IndentStyle {
  readonly tabs: boolean;
  /** Columns per level; undefined when the text shows no indentation step. */
  readonly unit: number | undefined;
}

/**
 * The indentation style of some lines: tabs or spaces by majority, the width by the most common change of
 * indentation between neighbouring lines (VS Code guesses the same way). ` * ` block-comment lines are
 * aligned, not indented, and are left out.
 */
export function indentStyle(lines: readonly string[]): IndentStyle | undefined {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous: number | undefined;
  for (const line of lines) {
    if (isBlank(line) || /^\s+\*/.test(line)) continue;
    const lead = leadingWhitespace(line);
    if (lead.startsWith('\t')) tabs++;
    else if (lead.length > 0) spaces++;
    const width = indentWidth(lead);
    const step = previous === undefined ? 0 : Math.abs(width - previous);
    if (step > 0 && step <= 8 && !lead.includes('\t')) steps.set(step, (steps.get(step) ?? 0) + 1);
    previous = width;
  }
  if (tabs === 0 && spaces === 0) return undefined;
  if (tabs > spaces) return { tabs: true, unit: TAB_COLUMNS };
  let unit: number | undefined;
  let best = 0;
  for (const [step, count] of steps) if (count > best || (count === best && step < (unit ?? Infinity))) [unit, best] = [step, count];
  return { tabs: false, unit };
}

/** Where a document shows no indentation yet, its language's convention (gofmt: tabs; PEP 8: 4 spaces). */
export const LANGUAGE_STYLE: Readonly<Record<string, IndentStyle>> = {
  go: { tabs: true, unit: TAB_COLUMNS },
  makefile: { tabs: true, unit: TAB_COLUMNS },
  python: { tabs: false, unit: 4 },
};

/** Whitespace of `columns` in a style. */
export function render(columns: number, style: IndentStyle | undefined): string {
  const width = Math.max(0, Math.round(columns));
  if (style?.tabs !== true) return ' '.repeat(width);
  return '\t'.repeat(Math.floor(width / TAB_COLUMNS)) + ' '.repeat(width % TAB_COLUMNS);
}

/** The document's lines around the cursor, to tell its style. */
function documentSample(cursor: Cursor): string[] {
  const before = cursor.previousLines.slice(-STYLE_SAMPLE_LINES);
  const after = cursor.suffix.split('\n').slice(1, STYLE_SAMPLE_LINES / 4);
  // The cursor line's indentation counts even on a blank line: the editor put it there.
  return [...before, `${cursor.lineBefore}${cursor.lineAfter}·`, ...after];
}

/** The document's indentation as its text shows it (undefined when it shows none), worked out once per cursor. */
const shownStyles = new WeakMap<Cursor, IndentStyle | null>();

export function documentIndent(cursor: Cursor): IndentStyle | undefined {
  let style = shownStyles.get(cursor);
  if (style === undefined) {
    style = indentStyle(documentSample(cursor)) ?? null;
    shownStyles.set(cursor, style);
  }
  return style ?? undefined;
}
