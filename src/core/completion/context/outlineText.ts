/*
 * Small helpers the outline builders share. Each works on two copies of a line: `code`, with comments and
 * string contents blanked (for counting brackets), and `shown`, with comments blanked only (for output).
 * Both have the same length, so an index in one is an index in the other.
 */

/** What stands for a body left out of the outline. */
export const BODY = ' { … }';

/** Net count of `opens` minus `closes` characters in a line. */
export function bracketDelta(code: string, opens: string, closes: string): number {
  let delta = 0;
  for (const ch of code) {
    if (opens.includes(ch)) delta++;
    else if (closes.includes(ch)) delta--;
  }
  return delta;
}

/**
 * The header's last line with its body cut off: the body is the last `{` opened outside parentheses at the
 * header's own brace level. `function f(a: { x: number }): { y: string } {` keeps both type literals and
 * loses only the body. A line with no such brace on it is returned whole.
 */
export function cutBody(code: readonly string[], shown: readonly string[]): string {
  let braces = 0;
  let parens = 0;
  let body = -1;
  code.forEach((line, row) => {
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (ch === '(') parens++;
      else if (ch === ')') parens--;
      else if (ch === '{') {
        if (braces === 0 && parens === 0) body = row === code.length - 1 ? i : -1;
        braces++;
      } else if (ch === '}') braces--;
    }
  });
  const last = shown[shown.length - 1];
  return body < 0 ? last.trimEnd() : last.slice(0, body).trimEnd() + BODY;
}
