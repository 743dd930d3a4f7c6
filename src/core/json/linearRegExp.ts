// The regular expressions of a workspace's JSON Schema (`pattern`, `patternProperties`), matched in linear
// time. JavaScript's RegExp backtracks: `^(a+)+$` against thirty a's and a "!" runs for minutes and freezes
// the extension host. RE2 (re2js, pure JavaScript) never backtracks. ajv takes it as `code.regExp`: a
// function (pattern, flags) giving an object with `test(string)`, carrying a `code` string (ajv's docs,
// "Security considerations: ReDoS attack"). Only ajvEngines.ts, the lazy file, imports this: re2js loads with ajv.
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types';
import { RE2JS } from 're2js';
import { errorText } from '../format/errorText';

export interface UncheckedPattern {
  readonly pattern: string;
  readonly reason: string;
}

/**
 * ajv's regular expression engine on RE2. A pattern that is not a valid JavaScript regular expression throws,
 * as with ajv's own engine: the schema is refused. A valid one that RE2 cannot run (a lookahead, a
 * backreference, a repeat count over 1,000) is reported through `onUnchecked` and matches every string: the
 * schema stays usable, the rest of it is still checked, and the user is told which pattern is not. Why not
 * refuse the whole schema: a real-world schema with one password lookahead would be unusable, while the model
 * still sees that pattern (OpenAI's strict mode enforces it as it writes).
 */
export function linearRegExp(onUnchecked: (unchecked: UncheckedPattern) => void): RegExpEngine {
  const engine = (pattern: string, flags: string): RegExpLike => {
    new RegExp(pattern, flags); // Only to refuse invalid syntax: compiling never backtracks, only matching does.
    const key = `/${pattern}/${flags}`;
    const reason = backreference(pattern) ? 'it uses a backreference (\\k<name>)' : undefined;
    try {
      if (reason) throw new Error(reason);
      const re2 = RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.LOOKBEHINDS);
      return new Compiled(key, (text) => re2.test(text));
    } catch (error) {
      onUnchecked({ pattern, reason: reason ?? errorText(error) });
      return new Compiled(`${key} (unchecked)`, () => true);
    }
  };
  // ajv writes `code` only into standalone validation code, which Tandem never generates.
  engine.code = 'tandemLinearRegExp';
  return engine;
}

/** ajv keys the patterns it compiled by toString(): each pattern needs its own. */
class Compiled implements RegExpLike {
  constructor(
    private readonly key: string,
    readonly test: (text: string) => boolean,
  ) {}

  toString(): string {
    return this.key;
  }
}

/** A named backreference, which re2js's translation would otherwise turn into the literal text `k<name>`. */
function backreference(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '\\') continue;
    if (pattern[i + 1] === 'k' && pattern[i + 2] === '<') return true;
    i++; // an escaped character: `\\k<` is a backslash and the text k<
  }
  return false;
}
