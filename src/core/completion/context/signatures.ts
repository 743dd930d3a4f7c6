import { blankCode } from './blank';
import { jsOutline } from './jsOutline';
import { isJsFamily } from './language';
import { bracketDelta, cutBody } from './outlineText';

/**
 * The declaration lines of a file, bodies left out: a short outline from which a model can call the file's
 * API correctly. At most `maxLines` lines. The same text always gives the same outline, because outlines sit
 * in the stable part of the prompt, where a provider's prompt cache can reuse them.
 */
export function signatureOutline(text: string, languageId: string, maxLines: number): string {
  if (maxLines <= 0) return '';
  if (isJsFamily(languageId)) return jsOutline(text, languageId, maxLines).join('\n');
  if (languageId === 'python') return pythonOutline(text, maxLines).join('\n');
  return genericOutline(text, languageId, maxLines).join('\n');
}

const PYTHON_DECLARATION = /^\s*(?:(?:async\s+)?def|class)\s/;

/** `def` and `class` lines at any depth, decorators left out, a parameter list over several lines joined into one. */
function pythonOutline(text: string, limit: number): string[] {
  const code = blankCode(text, 'python', { strings: true }).split('\n');
  const shown = blankCode(text, 'python', { strings: false }).split('\n');
  const out: string[] = [];
  for (let i = 0; i < code.length && out.length < limit; i++) {
    if (!PYTHON_DECLARATION.test(code[i])) continue;
    let end = i;
    let open = bracketDelta(code[i], '([{', ')]}');
    while (open > 0 && end + 1 < code.length) open += bracketDelta(code[++end], '([{', ')]}');
    const lines = shown.slice(i, end + 1);
    const colon = signatureColon(code.slice(i, end + 1));
    if (colon >= 0) lines[lines.length - 1] = lines[lines.length - 1].slice(0, colon + 1); // a one-line body after the colon is left out
    out.push(joinLines(lines));
    i = end;
  }
  return out;
}

/** Index in the header's last line of the `:` that ends a def or class header, outside brackets; -1 if none. */
function signatureColon(code: readonly string[]): number {
  let open = 0;
  for (let row = 0; row < code.length; row++) {
    for (let i = 0; i < code[row].length; i++) {
      const ch = code[row][i];
      if ('([{'.includes(ch)) open++;
      else if (')]}'.includes(ch)) open--;
      else if (ch === ':' && open === 0) return row === code.length - 1 ? i : -1;
    }
  }
  return -1;
}

/** `def f(\n    a: int,\n    b: str,\n) -> None:` → `def f(a: int, b: str) -> None:`. */
function joinLines(lines: readonly string[]): string {
  let joined = lines[0].trimEnd();
  for (const line of lines.slice(1)) {
    const piece = line.trim();
    if (piece === '') continue;
    if (/^[)\]]/.test(piece)) joined = joined.replace(/,$/, '') + piece;
    else joined += (/[([]$/.test(joined) ? '' : ' ') + piece;
  }
  return joined;
}

/**
 * Any other language: single lines that look like declarations by common keywords (Go, Rust, Java, C#,
 * Kotlin, Swift, PHP, Ruby…), private ones left out. Conservative: a missed declaration costs less than noise.
 */
const GENERIC_DECLARATION = new RegExp(
  '^\\s*(?!.*\\bprivate\\b)(?:(?:pub(?:\\([^)]*\\))?|export|public|protected|internal|static|final|abstract|async|unsafe|open|override|sealed|data)\\s+)*' +
    '(?:fn|func|fun|function|def|class|struct|interface|trait|enum|impl|protocol|record|type)(?=[\\s<])|^\\s*public\\b[^;=]*\\(',
);

function genericOutline(text: string, languageId: string, limit: number): string[] {
  // String contents stay: in these languages a quote may be a lifetime or a char (`<'a>`), not a string to blank.
  const lines = blankCode(text, languageId, { strings: false }).split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    if (GENERIC_DECLARATION.test(lines[i])) out.push(cutBody([lines[i]], [lines[i]]));
  }
  return out;
}
