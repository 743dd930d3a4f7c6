/**
 * What lands in the file from a model's answer: the code, never a Markdown fence or the prose around it.
 * The prompts ask for bare code, but models still fence it ("```ts … ```") or introduce it ("Here is…"),
 * so every answer is cleaned here, both as it streams (CodeStreamFilter) and once whole (extractCode).
 */

/**
 * A fence line: three or more backticks (or tildes), optionally an info string such as `ts` or `c++`, maybe
 * with attributes after it (`ts title="a.ts"`, `typescript:src/a.ts`).
 */
const FENCE_LINE = /^\s*(`{3,}|~{3,})[\w+#.-]*(?:[:\s][^`\n]*)?$/;
/** A partial line that could still turn into a fence line once more characters arrive. */
const MAYBE_FENCE = /^\s*(?:(`+|~+)?[\w+#.-]*\s*|(`{3,}|~{3,})[\w+#.-]*[:\s][^`\n]*)$/;
/**
 * Lines held back at the start while it is unclear whether they are prose before a fence. A code answer
 * longer than this without a fence is taken as bare code; a fence after it ends the code instead.
 */
const LEAD_LINES = 3;
/** An unfenced answer's first line that introduces the code rather than being code: "Here is the query:". */
const INTRO_LINE = /^\s*(here|sure|certainly|okay|ok|below|the following|this)\b[^`;{}()=]*:\s*$/i;

export function isFenceLine(line: string): boolean {
  return FENCE_LINE.test(line);
}

/**
 * The code in a whole answer: the first fenced block's body if there is a fence near the start (prose
 * before it and after it dropped), otherwise the answer itself up to a stray fence. Leading blank lines
 * and trailing whitespace go.
 */
export function extractCode(answer: string): string {
  const filter = new CodeStreamFilter();
  return filter.push(answer) + filter.end();
}

/**
 * Cleans an answer while it streams: `push` each delta and insert what it returns; `end` returns the rest.
 * The pieces joined equal extractCode() of the whole answer. Text is released as soon as it cannot be part
 * of a fence or of prose before a fence; newlines are released only when more code follows, so nothing
 * trailing has to be taken back.
 */
export class CodeStreamFilter {
  private state: 'lead' | 'fenced' | 'bare' | 'done' = 'lead';
  /** The current, unfinished line, less what of it was already released. */
  private partial = '';
  /** True when the start of the current line was already released (so it is code, not a fence). */
  private lineStarted = false;
  /** Complete lines held in the 'lead' state. */
  private held: string[] = [];
  /** Newlines and blank lines waiting for more code before they are released. */
  private pendingBreaks = '';
  private started = false;

  push(delta: string): string {
    let out = '';
    let text = this.partial + delta;
    this.partial = '';
    for (let nl = text.indexOf('\n'); nl >= 0 && this.state !== 'done'; nl = text.indexOf('\n')) {
      out += this.line(text.slice(0, nl).replace(/\r$/, ''));
      text = text.slice(nl + 1);
    }
    if (this.state === 'done') return out;
    // Release a partial line early once it can no longer become a fence: long lines stream smoothly.
    const inCode = this.state === 'fenced' || this.state === 'bare';
    if (inCode && text.length > 0 && (this.lineStarted || !MAYBE_FENCE.test(text))) {
      out += this.release(text);
      this.lineStarted = true;
      text = '';
    }
    this.partial = text;
    return out;
  }

  end(): string {
    let out = this.partial.length > 0 || this.lineStarted ? this.line(this.partial) : '';
    this.partial = '';
    if (this.state === 'lead') out += this.toBare();
    this.state = 'done';
    return out;
  }

  /** One complete line of the answer (or the rest of one whose start was released). */
  private line(line: string): string {
    const continued = this.lineStarted;
    this.lineStarted = false;
    switch (this.state) {
      case 'lead':
        if (isFenceLine(line)) {
          this.held = []; // whatever came before the fence was prose
          this.state = 'fenced';
          return '';
        }
        this.held.push(line);
        return this.held.filter((l) => l.trim() !== '').length > LEAD_LINES ? this.toBare() : '';
      case 'fenced':
      case 'bare':
        if (!continued && isFenceLine(line)) {
          this.state = 'done'; // the closing fence (or a stray one): what follows is prose
          return '';
        }
        return this.releaseLine(line);
      case 'done':
        return '';
    }
  }

  private toBare(): string {
    this.state = 'bare';
    if (this.held.length > 0 && INTRO_LINE.test(this.held[0])) this.held.shift();
    return this.flushHeld();
  }

  private flushHeld(): string {
    const out = this.held.map((l) => this.releaseLine(l)).join('');
    this.held = [];
    return out;
  }

  /** A line's text now, its newline once more code follows. */
  private releaseLine(line: string): string {
    const out = this.release(line);
    if (this.started) this.pendingBreaks += '\n';
    return out;
  }

  private release(text: string): string {
    if (text.trim() === '') {
      // Blank and whitespace-only lines wait: at the start they never land, at the end neither.
      if (this.started) this.pendingBreaks += text;
      return '';
    }
    this.started = true;
    const out = this.pendingBreaks + text;
    this.pendingBreaks = '';
    return out;
  }
}
