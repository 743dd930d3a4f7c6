/** The SQL dialects Generate SQL can check, as data: the setting value, its name in the UI, and its parser. */
interface SqlDialectRow {
  /** The value of the dialect setting. */
  readonly id: string;
  readonly displayName: string;
  /** node-sql-parser's `database` option; a per-dialect build accepts only its own (compared lowercased). */
  readonly parserDatabase: string;
  /** The file in node-sql-parser/build/ and, bundled on its own, in dist/sql/ (esbuild.js reads this table). */
  readonly buildFile: string;
}

export const SQL_DIALECTS = [
  { id: 'postgresql', displayName: 'PostgreSQL', parserDatabase: 'PostgresQL', buildFile: 'postgresql.js' },
  { id: 'mysql', displayName: 'MySQL', parserDatabase: 'MySQL', buildFile: 'mysql.js' },
  { id: 'mariadb', displayName: 'MariaDB', parserDatabase: 'MariaDB', buildFile: 'mariadb.js' },
  { id: 'sqlite', displayName: 'SQLite', parserDatabase: 'SQLite', buildFile: 'sqlite.js' },
  { id: 'transactsql', displayName: 'SQL Server (T-SQL)', parserDatabase: 'TransactSQL', buildFile: 'transactsql.js' },
  { id: 'bigquery', displayName: 'BigQuery', parserDatabase: 'BigQuery', buildFile: 'bigquery.js' },
  { id: 'snowflake', displayName: 'Snowflake', parserDatabase: 'Snowflake', buildFile: 'snowflake.js' },
] as const satisfies readonly SqlDialectRow[];

export type SqlDialect = (typeof SQL_DIALECTS)[number]['id'];

export type SqlDialectInfo = SqlDialectRow & { readonly id: SqlDialect };

export const DEFAULT_SQL_DIALECT: SqlDialect = 'postgresql';

export function isSqlDialect(value: unknown): value is SqlDialect {
  return SQL_DIALECTS.some((d) => d.id === value);
}

export function sqlDialectInfo(id: SqlDialect): SqlDialectInfo {
  const info = SQL_DIALECTS.find((d) => d.id === id);
  if (!info) throw new Error(`Unknown SQL dialect: ${String(id)}`);
  return info;
}
