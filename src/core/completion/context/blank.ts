/**
 * Blanks comments (and, if asked, string contents) with spaces, keeping every newline and every offset, so
 * that line-based regex scans neither see `// import x` nor count a brace inside a string. Deliberately
 * simple: Python has `#` comments and '', "", ''' and """ strings; every other language is treated as
 * C-like (`//` and block comments; '', "" and `` strings). '' and "" strings end at a newline, which limits
 * the damage of a quote that is not a string (a Rust lifetime, a regex literal). Template literals are
 * blanked whole, `${}` included.
 */
export function blankCode(text: string, languageId: string, options: { readonly strings: boolean }): string {
  const python = languageId === 'python';
  const special = python ? /[#'"]/g : /[/'"`]/g; // the characters that may start a comment or a string
  const out: string[] = [];
  let i = 0;
  const keep = (end: number): void => {
    out.push(text.slice(i, end));
    i = end;
  };
  const blank = (end: number): void => {
    out.push(text.slice(i, end).replace(/[^\n]/g, ' '));
    i = end;
  };
  while (i < text.length) {
    const ch = text[i];
    const lineComment = python ? ch === '#' : ch === '/' && text[i + 1] === '/';
    if (lineComment) {
      blank(endOf(text, '\n', i, 0));
    } else if (!python && ch === '/' && text[i + 1] === '*') {
      blank(endOf(text, '*/', i + 2, 2));
    } else if (ch === "'" || ch === '"' || (ch === '`' && !python)) {
      const quote = python && text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      const end = quote.length === 3 ? endOf(text, quote, i + 3, 3) : stringEnd(text, i + 1, ch, ch === '`');
      keep(i + quote.length);
      const close = Math.max(i, text.endsWith(quote, end) ? end - quote.length : end); // an unterminated string has no closing quote
      if (options.strings) blank(close);
      else keep(close);
      keep(end);
    } else {
      special.lastIndex = i + 1;
      keep(special.exec(text)?.index ?? text.length);
    }
  }
  return out.join('');
}

/** Index just past the first `marker` at or after `from` (plus its length), or the end of the text. */
function endOf(text: string, marker: string, from: number, markerLength: number): number {
  const at = text.indexOf(marker, from);
  return at < 0 ? text.length : at + markerLength;
}

/** Index just past the closing quote of a string whose contents start at `from`; a newline ends it unless `multiline`. */
function stringEnd(text: string, from: number, quote: string, multiline: boolean): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
    else if (ch === '\n' && !multiline) return i;
  }
  return text.length;
}
