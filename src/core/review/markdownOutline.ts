/**
 * The lines of a Markdown file that can start a rule: ATX headings and top-level list items, never inside a
 * fenced code block (a `- X1:` in an example is code, not a rule). Setext headings (`Title` over `---`)
 * are not recognised: rules files are expected to use `#` headings.
 */

/** List items rank below every heading (1–6), so any heading ends a list item's text. */
export const ITEM_LEVEL = 7;

export interface OutlineLine {
  /** 0-based index into the file's lines. */
  readonly index: number;
  readonly kind: 'heading' | 'item';
  /** Heading level 1–6, or ITEM_LEVEL. */
  readonly level: number;
  /** The text after `##` or the list marker, trimmed (a heading's closing `#`s removed). */
  readonly text: string;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const CLOSING_HASHES = /(?:^|[ \t]+)#+$/;
/** Top-level means unindented: nested items are indented under their parent. */
const ITEM = /^(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
/** `* * *` and `- - -` are horizontal rules, not list items. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;

export function outline(lines: readonly string[]): OutlineLine[] {
  const found: OutlineLine[] = [];
  let fence: string | undefined; // the opening run while inside a fenced block
  lines.forEach((line, index) => {
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
      return;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = open[1];
      return;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      found.push({ index, kind: 'heading', level: heading[1].length, text: (heading[2] ?? '').replace(CLOSING_HASHES, '').trim() });
      return;
    }
    const item = ITEM.exec(line);
    if (item && !THEMATIC_BREAK.test(line)) found.push({ index, kind: 'item', level: ITEM_LEVEL, text: item[1].trim() });
  });
  return found;
}

/** A fence closes with a run of the same character at least as long as the one that opened it. */
function closesFence(line: string, open: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= open.length && [...trimmed].every((c) => c === open[0]);
}
