/** One pattern line of a `.tandemignore` file. */
export interface IgnoreLine {
  /** 1-based, for messages. */
  readonly line: number;
  /** The pattern as written (without a leading `!`), for messages. */
  readonly pattern: string;
  /** `!pattern`: takes back a match of an earlier `.tandemignore` line, and nothing else. */
  readonly negated: boolean;
  /** `pattern/`: matches folders only (and so everything in them). */
  readonly dirOnly: boolean;
  /** A glob relative to the folder the file is in. */
  readonly glob: string;
}

/**
 * Reads a `.tandemignore` the way git reads a `.gitignore`: `#` comments and blank lines are skipped,
 * trailing spaces dropped (unless escaped), `\#` and `\!` are literal; a pattern with a slash before its end
 * is anchored to the file's folder, one without matches at any depth; a trailing slash means a folder.
 */
export function parseIgnoreFile(text: string): IgnoreLine[] {
  const lines: IgnoreLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    let pattern = raw.replace(/(?<!\\)\s+$/, '').replace(/\\(\s)$/, '$1');
    if (pattern === '' || pattern.startsWith('#')) return;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1);
    else if (pattern.startsWith('\\!') || pattern.startsWith('\\#')) pattern = pattern.slice(1);
    const shown = pattern;
    const dirOnly = pattern.endsWith('/');
    if (dirOnly) pattern = pattern.replace(/\/+$/, '');
    if (pattern === '') return;
    const anchored = pattern.includes('/');
    pattern = pattern.replace(/^\/+/, '');
    lines.push({ line: index + 1, pattern: shown, negated, dirOnly, glob: anchored ? pattern : `**/${pattern}` });
  });
  return lines;
}
