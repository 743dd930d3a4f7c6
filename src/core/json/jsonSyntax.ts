// Where JSON text first goes wrong, and why. JSON.parse's own messages differ between Node versions and
// often carry no position ("Unexpected token '}', …"), so a small scanner finds it, the same everywhere.
// Iterative, so deep nesting cannot overflow the stack.

export interface JsonSyntaxError {
  /** Offset into the text, in UTF-16 code units. */
  readonly offset: number;
  readonly reason: string;
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  return new JsonScanner(text).scan();
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';

class JsonScanner {
  private pos = 0;
  private readonly open: ('}' | ']')[] = [];

  constructor(private readonly text: string) {}

  scan(): JsonSyntaxError | undefined {
    for (;;) {
      const valueError = this.value();
      if (valueError) return valueError;
      // A value is complete: close what it completes, then expect the next value or the end.
      for (;;) {
        this.skipWhitespace();
        const close = this.open.at(-1);
        if (close === undefined) return this.pos < this.text.length ? this.fail(`unexpected ${this.found()} after the JSON value`) : undefined;
        const c = this.text[this.pos];
        if (c === close) {
          this.pos++;
          this.open.pop();
          continue;
        }
        if (c !== ',') return this.fail(`expected ',' or '${close}' but found ${this.found()}`);
        const comma = this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] === '}' || this.text[this.pos] === ']') return this.fail('a trailing comma (JSON has none before a closing bracket)', comma);
        if (close === '}') {
          const keyError = this.key();
          if (keyError) return keyError;
        }
        break;
      }
    }
  }

  /** One value; an opened container counts as done only when it is empty (`{}`, `[]`). */
  private value(): JsonSyntaxError | undefined {
    for (;;) {
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c !== '{' && c !== '[') return this.scalar();
      const close = c === '{' ? '}' : ']';
      this.pos++;
      this.skipWhitespace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return undefined;
      }
      this.open.push(close);
      if (close === '}') {
        const keyError = this.key();
        if (keyError) return keyError;
      }
    }
  }

  /** A property name and its colon. */
  private key(): JsonSyntaxError | undefined {
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === "'") return this.fail('a single-quoted name (JSON wants double quotes)');
    if (c !== '"') return this.fail(`expected a property name in double quotes but found ${this.found()}`);
    const stringError = this.string();
    if (stringError) return stringError;
    this.skipWhitespace();
    if (this.text[this.pos] !== ':') return this.fail(`expected ':' after the property name but found ${this.found()}`);
    this.pos++;
    return undefined;
  }

  private scalar(): JsonSyntaxError | undefined {
    const c = this.text[this.pos];
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return undefined;
      }
    }
    if (c === "'") return this.fail('a single-quoted string (JSON wants double quotes)');
    const bareWord = /[A-Za-z_$][\w$]*/y;
    bareWord.lastIndex = this.pos;
    const word = bareWord.exec(this.text);
    if (word) return this.fail(`the bare word ${word[0]} (only true, false and null go without quotes)`);
    return this.fail(`expected a value but found ${this.found()}`);
  }

  private string(): JsonSyntaxError | undefined {
    const start = this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"') {
        this.pos++;
        return undefined;
      }
      if (c === '\\') {
        const next = this.text[this.pos + 1] ?? '';
        if (SIMPLE_ESCAPES.includes(next) && next !== '') this.pos += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.pos += 6;
        else return this.fail(`a bad escape \\${next} in a string`);
      } else if (c < ' ') {
        return this.fail(c === '\n' ? 'a line break inside a string (write \\n)' : 'a control character inside a string');
      } else {
        this.pos++;
      }
    }
    return this.fail('a string that is never closed', start);
  }

  private number(): JsonSyntaxError | undefined {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const match = NUMBER.exec(this.text);
    const end = start + (match?.[0].length ?? 0);
    // What the number pattern stops at must not still look like part of a number (01, 1., 1e, --1).
    if (!match || /[\d.eE+-]/.test(this.text[end] ?? '')) return this.fail('a malformed number', start);
    this.pos = end;
    return undefined;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  private found(): string {
    if (this.pos >= this.text.length) return 'the end of the text';
    const c = this.text[this.pos];
    if (c === '/') return 'a comment (JSON has none)';
    return JSON.stringify(c);
  }

  private fail(reason: string, offset = this.pos): JsonSyntaxError {
    return { offset, reason };
  }
}
