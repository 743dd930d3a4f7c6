// Checks generated SQL with node-sql-parser's grammar for the chosen dialect, and words a failure so that
// both the user and the model (in the repair prompt) can act on it.
import { sqlDialectInfo, type SqlDialect } from './dialects';
import { errorText } from '../format/errorText';

/** The part of node-sql-parser's Parser this uses. */
export interface SqlParser {
  astify(sql: string, opt?: { database?: string; trimQuery?: boolean }): unknown;
}

/** One dialect's parser module (node-sql-parser/build/<dialect>.js, or the extension's copy in dist/sql). */
export interface SqlParserModule {
  readonly Parser: new () => SqlParser;
}

export type SqlParserLoader = (dialect: SqlDialect) => Promise<SqlParserModule>;

export type SqlValidation =
  | { readonly ok: true; readonly statements: number }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly column?: number };

export const NO_STATEMENT_MESSAGE = 'the answer holds no SQL statement';

/** More expectations than this say nothing useful: the message then names only what was found. */
const MAX_EXPECTATIONS = 4;
const MAX_FOUND_CHARS = 40;
const MAX_OTHER_ERROR_CHARS = 200;

export class SqlValidator {
  private readonly parsers = new Map<SqlDialect, Promise<SqlParser>>();

  constructor(private readonly load: SqlParserLoader) {}

  /** Rejects only when the dialect's parser cannot be loaded: that is no fault of the SQL. */
  async validate(sql: string, dialect: SqlDialect): Promise<SqlValidation> {
    if (!holdsCode(sql)) return { ok: false, message: NO_STATEMENT_MESSAGE };
    const parser = await this.parser(dialect);
    let ast: unknown;
    try {
      // Untrimmed, so that line and column point into the text as given.
      ast = parser.astify(sql, { database: sqlDialectInfo(dialect).parserDatabase, trimQuery: false });
    } catch (error) {
      return describeParseError(error, sql);
    }
    const statements = (Array.isArray(ast) ? ast : [ast]).filter((statement) => statement != null).length;
    return statements > 0 ? { ok: true, statements } : { ok: false, message: NO_STATEMENT_MESSAGE };
  }

  /** Each dialect's parser is loaded once; a failed load is forgotten so that the next check tries again. */
  private parser(dialect: SqlDialect): Promise<SqlParser> {
    const cached = this.parsers.get(dialect);
    if (cached) return cached;
    const loading = this.load(dialect).then((module) => new module.Parser());
    this.parsers.set(dialect, loading);
    loading.catch(() => {
      if (this.parsers.get(dialect) === loading) this.parsers.delete(dialect);
    });
    return loading;
  }
}

/**
 * Whether anything but whitespace, `;` and comments is left. Checked before parsing because dialects differ
 * here (T-SQL's grammar rejects an empty script, PostgreSQL's returns no statements). A `--` inside a string
 * can only make this answer yes, never a wrong no: the opening quote stays.
 */
function holdsCode(sql: string): boolean {
  return /[^\s;]/.test(sql.replace(/\/\*[\s\S]*?(?:\*\/|$)|--[^\n]*/g, ''));
}

/** What a peggy SyntaxError carries (node-sql-parser's grammars are peggy parsers). */
interface PeggySyntaxError {
  readonly expected: readonly PeggyExpectation[] | null;
  readonly location: { readonly start: { readonly offset: number; readonly line: number; readonly column: number } };
}

interface PeggyExpectation {
  readonly type: string;
  readonly text?: string;
  readonly description?: string;
}

function isPeggySyntaxError(error: unknown): error is PeggySyntaxError {
  const start = (error as Partial<PeggySyntaxError> | null)?.location?.start;
  return typeof start?.line === 'number' && typeof start.column === 'number' && typeof start.offset === 'number';
}

function describeParseError(error: unknown, sql: string): SqlValidation {
  if (!isPeggySyntaxError(error)) {
    // The grammar's own checks throw plain errors (e.g. an unsupported construct): their first line is enough.
    const text = errorText(error);
    return { ok: false, message: text.split('\n')[0].slice(0, MAX_OTHER_ERROR_CHARS) };
  }
  const { line, column, offset } = error.location.start;
  const word = foundWord(sql, offset);
  const found = word === undefined ? 'end of input' : JSON.stringify(word);
  const expected = readableExpectations(error.expected ?? [], word);
  const what = expected.length > 0 ? `expected ${listWithOr(expected)} but ${found} found` : `unexpected ${found}`;
  return { ok: false, message: `line ${line}, column ${column}: ${what}`, line, column };
}

/** The word (or the one character) where parsing stopped; peggy itself reports only one character. */
function foundWord(sql: string, offset: number): string | undefined {
  const match = /[A-Za-z_][\w$]*|\d+|[\s\S]/y;
  match.lastIndex = offset;
  return match.exec(sql)?.[0].slice(0, MAX_FOUND_CHARS);
}

/** Comment openers and whitespace are expected almost everywhere: listing them only hides the real choices. */
const NOISE_LITERALS = new Set(['--', '/*', '#', '//']);

function readableExpectations(expected: readonly PeggyExpectation[], word: string | undefined): string[] {
  const names = [...new Set(expected.flatMap(describeExpectation))];
  // A keyword one or two typing slips from what was found is almost surely the fix: name it alone.
  const nearMisses = word === undefined ? [] : names.filter((name) => isNearMiss(name, word));
  if (nearMisses.length > 0) return nearMisses.slice(0, MAX_EXPECTATIONS);
  return names.length <= MAX_EXPECTATIONS ? names : [];
}

function describeExpectation(expectation: PeggyExpectation): string[] {
  switch (expectation.type) {
    case 'literal': {
      const text = expectation.text ?? '';
      if (NOISE_LITERALS.has(text)) return [];
      return /^[A-Za-z_]+$/.test(text) ? [text.toUpperCase()] : [JSON.stringify(text)];
    }
    case 'end':
      return ['end of input'];
    case 'other':
      return expectation.description ? [expectation.description] : [];
    default: // character classes: whitespace, identifier characters
      return [];
  }
}

function isNearMiss(keyword: string, word: string): boolean {
  if (!/^[A-Z_]+$/.test(keyword) || word.length < 3) return false;
  return editDistance(keyword, word.toUpperCase()) <= (word.length <= 5 ? 1 : 2);
}

/** Insertions, deletions, substitutions and swaps of neighbours that turn a into b ("FORM" is one from "FROM"). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function listWithOr(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
