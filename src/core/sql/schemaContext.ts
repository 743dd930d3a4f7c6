// The workspace's schema as prompt context for Generate SQL: the DDL statements of its *.sql files (or of
// the schema file named in settings), tables first, cut to a token budget a whole statement at a time.
import type { ProviderId } from '../models/providers';
import { estimateTokens } from '../tokens/estimate';

export interface SchemaFile {
  /** Workspace-relative; shown to the model in each block's `-- file:` header. */
  readonly path: string;
  readonly text: string;
}

export interface SchemaContextOptions {
  readonly budgetTokens: number;
  /** Whose token estimate to apply: the provider of the model that will read the prompt. */
  readonly provider: ProviderId;
  /** The schema file named in settings: its statements come first. */
  readonly schemaFile?: string;
}

export interface SchemaContext {
  /** '' when the files hold no DDL at all. */
  readonly text: string;
  /** DDL statements in `text`. */
  readonly statements: number;
  /** DDL statements left out for the budget. */
  readonly omitted: number;
  /** The files whose statements are in `text`, in the order shown. */
  readonly files: readonly string[];
}

type DdlKind = 'table' | 'other';

interface DdlStatement {
  readonly kind: DdlKind;
  readonly text: string;
  /** Index into the ordered files. */
  readonly file: number;
}

// Words that may stand between CREATE and the kind of object. ENUMs are CREATE TYPE … AS ENUM (PostgreSQL)
// or a column type inside CREATE TABLE (MySQL): no statement of its own.
const TABLE_MODIFIERS = 'OR\\s+REPLACE|GLOBAL|LOCAL|TEMP|TEMPORARY|UNLOGGED|VIRTUAL|EXTERNAL|TRANSIENT';
const OTHER_MODIFIERS = 'OR\\s+REPLACE|OR\\s+ALTER|TEMP|TEMPORARY|MATERIALIZED|RECURSIVE|SECURE|UNIQUE|CLUSTERED|NONCLUSTERED|FULLTEXT|SPATIAL';
const CREATE_TABLE = new RegExp(`^CREATE\\s+(?:(?:${TABLE_MODIFIERS})\\s+)*TABLE\\b`, 'i');
const CREATE_OTHER = new RegExp(`^CREATE\\s+(?:(?:${OTHER_MODIFIERS})\\s+)*(?:VIEW|TYPE|INDEX|SCHEMA|SEQUENCE|DOMAIN)\\b`, 'i');
/** Constraints and columns added after the fact, as pg_dump and migrations write them. */
const ALTER_TABLE_ADD = /^ALTER\s+TABLE\b[\s\S]*?\bADD\b/i;

export function buildSchemaContext(files: readonly SchemaFile[], options: SchemaContextOptions): SchemaContext {
  const ordered = [...files].sort(schemaFileFirstThenByPath(options.schemaFile));
  const ddl = ordered.flatMap((f, file) =>
    splitSqlStatements(f.text).flatMap((text): DdlStatement[] => {
      const kind = ddlKind(text);
      return kind ? [{ kind, text, file }] : [];
    }),
  );
  if (ddl.length === 0) return { text: '', statements: 0, omitted: 0, files: [] };

  // Tables say the most about a schema, so they are the last to give way to the budget.
  const byPriority = [...ddl.filter((s) => s.kind === 'table'), ...ddl.filter((s) => s.kind !== 'table')];
  const shown = withinBudget(byPriority, ordered, options);
  const omitted = ddl.length - shown.size;

  // One block per file, in file order; within it tables first, then the rest, each in the file's order.
  const byFile = new Map<number, DdlStatement[]>();
  for (const statement of byPriority.filter((s) => shown.has(s))) {
    const group = byFile.get(statement.file);
    if (group) group.push(statement);
    else byFile.set(statement.file, [statement]);
  }
  const fileIndexes = [...byFile.keys()].sort((a, b) => a - b);
  const blocks = fileIndexes.map((file) => fileHeader(ordered[file].path) + (byFile.get(file) ?? []).map(statementLine).join(''));
  const note = omitted > 0 ? omissionNote(omitted) : '';
  return {
    text: (blocks.join('\n') + note).trimEnd(),
    statements: shown.size,
    omitted,
    files: fileIndexes.map((file) => ordered[file].path),
  };
}

function schemaFileFirstThenByPath(schemaFile: string | undefined): (a: SchemaFile, b: SchemaFile) => number {
  // Code-unit order, not localeCompare: the same prompt on every machine keeps the provider's cache warm.
  return (a, b) => Number(b.path === schemaFile) - Number(a.path === schemaFile) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

function ddlKind(statement: string): DdlKind | undefined {
  if (CREATE_TABLE.test(statement)) return 'table';
  if (CREATE_OTHER.test(statement) || ALTER_TABLE_ADD.test(statement)) return 'other';
  return undefined;
}

const fileHeader = (path: string) => `-- file: ${path}\n`;
const statementLine = (statement: DdlStatement) => `${statement.text};\n`;
const omissionNote = (omitted: number) =>
  `-- … ${omitted} more DDL ${omitted === 1 ? 'statement' : 'statements'} not shown (token budget)\n`;

/**
 * Takes statements in priority order until the next one does not fit, counting each file's header once and
 * keeping room for the omission note while anything is left over. Estimates of the parts add up to at least
 * the estimate of the whole text, so the text stays within the budget.
 */
function withinBudget(byPriority: readonly DdlStatement[], files: readonly SchemaFile[], options: SchemaContextOptions): Set<DdlStatement> {
  const cost = (text: string) => estimateTokens(text, options.provider);
  const noteCost = cost(omissionNote(byPriority.length));
  const shown = new Set<DdlStatement>();
  const headed = new Set<number>();
  let used = 0;
  for (const statement of byPriority) {
    // The header's cost includes the blank line that separates it from the block before.
    const header = headed.has(statement.file) ? 0 : cost(`\n${fileHeader(files[statement.file].path)}`);
    const next = used + header + cost(statementLine(statement));
    const leftOver = byPriority.length - shown.size - 1;
    if (next + (leftOver > 0 ? noteCost : 0) > options.budgetTokens) break;
    shown.add(statement);
    headed.add(statement.file);
    used = next;
  }
  return shown;
}

/**
 * Splits SQL text into statements on `;` (and on T-SQL's `GO` lines), without the terminator and without the
 * comments before each statement. Not a parser: a lexer that knows where a `;` cannot end a statement —
 * inside '…' strings, "…" and `…` identifiers, -- and /* … *\/ comments, and PostgreSQL's $tag$ … $tag$
 * bodies. Text that never closes runs to the end of the file.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = -1; // where the current statement's first code character is; -1 before it
  let end = 0; // just past its last code character, so trailing comments stay out
  const finish = () => {
    if (start >= 0) statements.push(sql.slice(start, end));
    start = -1;
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      i = indexAfter(sql, '\n', i + 2);
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      i = indexAfter(sql, '*/', i + 2);
      continue;
    }
    if (c === ';') {
      finish();
      i++;
      continue;
    }
    const batchSeparator = (i === 0 || sql[i - 1] === '\n') && matchAt(GO_LINE, sql, i);
    if (batchSeparator) {
      finish();
      i += batchSeparator.length;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (start < 0) start = i;
    i = skipToken(sql, i);
    end = i;
  }
  finish();
  return statements;
}

/** SQL Server scripts (SSMS, sqlcmd) end batches with a line holding only GO, often with no `;` at all. */
const GO_LINE = /[ \t]*GO(?:[ \t]+\d+)?[ \t]*(?=\r?\n|$)/iy;
const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

/** Where the code token at i ends: a whole quoted string, identifier or dollar-quoted body, or one character. */
function skipToken(sql: string, i: number): number {
  const c = sql[i];
  // Backslash escapes, as MySQL, MariaDB, BigQuery and Snowflake strings have them ('it\'s'): in the others
  // a string ending in a backslash is far rarer than an escaped quote in a MySQL dump.
  if (c === "'") return afterQuoted(sql, i, "'", true);
  if (c === '"' || c === '`') return afterQuoted(sql, i, c, false);
  if (c === '$' && !(i > 0 && /[\w$]/.test(sql[i - 1]))) {
    const tag = matchAt(DOLLAR_TAG, sql, i); // not $1: a tag never starts with a digit
    if (tag) return indexAfter(sql, tag, i + tag.length);
  }
  return i + 1;
}

/** Past the closing quote of the run opened at i; a doubled quote is one quote inside the run. */
function afterQuoted(sql: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    if (backslashEscapes && sql[j] === '\\') j += 2;
    else if (sql[j] !== quote) j++;
    else if (sql[j + 1] === quote) j += 2;
    else return j + 1;
  }
  return sql.length;
}

function indexAfter(sql: string, search: string, from: number): number {
  const at = sql.indexOf(search, from);
  return at < 0 ? sql.length : at + search.length;
}

function matchAt(sticky: RegExp, sql: string, i: number): string | undefined {
  sticky.lastIndex = i;
  return sticky.exec(sql)?.[0];
}
