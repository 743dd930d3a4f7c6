import assert from 'node:assert/strict';
import { buildSchemaContext, splitSqlStatements, type SchemaFile } from '../../../../src/core/sql/schemaContext';
import { estimateTokens } from '../../../../src/core/tokens/estimate';

const build = (files: SchemaFile[], budgetTokens = 10_000, schemaFile?: string) =>
  buildSchemaContext(files, { budgetTokens, provider: 'openai', schemaFile });

describe('splitSqlStatements', () => {
  it('splits on ; and drops the comments before each statement', () => {
    const sql = '-- header; not a statement\nCREATE TABLE a (id int);\n/* b; */\nCREATE TABLE b (id int) -- trailing\n;\n';
    assert.deepEqual(splitSqlStatements(sql), ['CREATE TABLE a (id int)', 'CREATE TABLE b (id int)']);
  });

  it('keeps a ; inside strings, quoted identifiers and comments within a statement', () => {
    const sql = [
      `INSERT INTO notes VALUES ('it''s; fine', 'C:\\'; still a string', "semi;colon", \`back;tick\`);`,
      `CREATE TABLE t ( -- a comment; with CREATE TABLE in it\n  x int /* ; */ DEFAULT 1\n);`,
    ].join('\n');
    assert.deepEqual(splitSqlStatements(sql), [
      `INSERT INTO notes VALUES ('it''s; fine', 'C:\\'; still a string', "semi;colon", \`back;tick\`)`,
      `CREATE TABLE t ( -- a comment; with CREATE TABLE in it\n  x int /* ; */ DEFAULT 1\n)`,
    ]);
  });

  it('keeps PostgreSQL dollar-quoted bodies whole, with or without a tag, and leaves $1 alone', () => {
    const sql = [
      'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;',
      "CREATE FUNCTION g() RETURNS text AS $body$ BEGIN RETURN $$;$$ || ';'; END $body$ LANGUAGE plpgsql;",
      'PREPARE q AS SELECT $1; SELECT price$ FROM t;',
    ].join('\n');
    assert.deepEqual(splitSqlStatements(sql), [
      'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql',
      "CREATE FUNCTION g() RETURNS text AS $body$ BEGIN RETURN $$;$$ || ';'; END $body$ LANGUAGE plpgsql",
      'PREPARE q AS SELECT $1',
      'SELECT price$ FROM t',
    ]);
  });

  it("ends a statement at T-SQL's GO lines", () => {
    const sql = 'SET ANSI_NULLS ON\nGO\nCREATE TABLE [dbo].[a] ([id] int)\n  go  \nCREATE INDEX ix ON a (id)\nGO 2\n';
    assert.deepEqual(splitSqlStatements(sql), ['SET ANSI_NULLS ON', 'CREATE TABLE [dbo].[a] ([id] int)', 'CREATE INDEX ix ON a (id)']);
  });

  it('runs an unclosed string or comment to the end of the text', () => {
    assert.deepEqual(splitSqlStatements("CREATE TABLE a (x int); SELECT 'open; CREATE TABLE b (y int);"), [
      'CREATE TABLE a (x int)',
      "SELECT 'open; CREATE TABLE b (y int);",
    ]);
    assert.deepEqual(splitSqlStatements('CREATE TABLE a (x int); /* open; CREATE TABLE b (y int);'), ['CREATE TABLE a (x int)']);
  });
});

describe('buildSchemaContext', () => {
  const schema: SchemaFile = {
    path: 'db/schema.sql',
    text: `
      -- The app's schema; CREATE TABLE in a comment is not a statement.
      create index users_email on users (email);
      CREATE TABLE users (
        id bigserial PRIMARY KEY,
        email text NOT NULL DEFAULT 'no;body@example.com'
      );
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      INSERT INTO users (email) VALUES ('CREATE TABLE nope (x int);');
      CREATE OR REPLACE FUNCTION touch() RETURNS trigger AS $$ BEGIN CREATE TABLE x (); END; $$ LANGUAGE plpgsql;
      ALTER TABLE users OWNER TO app;
      CREATE UNLOGGED TABLE events (id int, payload jsonb);`,
  };
  const migration: SchemaFile = {
    path: 'db/migrations/002_orders.sql',
    text: `CREATE TABLE orders (id int, user_id bigint);
      ALTER TABLE ONLY orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users (id);
      CREATE MATERIALIZED VIEW totals AS SELECT user_id, count(*) FROM orders GROUP BY user_id;
      CREATE SCHEMA billing; CREATE SEQUENCE billing.seq; CREATE DOMAIN cents AS bigint CHECK (VALUE >= 0);`,
  };
  const queries: SchemaFile = { path: 'queries/report.sql', text: "SELECT * FROM users WHERE email LIKE '%CREATE TABLE%';" };

  it('keeps only the DDL, a block per file, tables first in each block', () => {
    const context = build([queries, schema]);
    assert.equal(
      context.text,
      [
        '-- file: db/schema.sql',
        'CREATE TABLE users (\n        id bigserial PRIMARY KEY,\n        email text NOT NULL DEFAULT \'no;body@example.com\'\n      );',
        'CREATE UNLOGGED TABLE events (id int, payload jsonb);',
        'create index users_email on users (email);',
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');",
      ].join('\n'),
    );
    assert.deepEqual([context.statements, context.omitted, context.files], [4, 0, ['db/schema.sql']]);
  });

  it('orders files by path, the schema file named in settings first', () => {
    const byPath = build([schema, migration]);
    assert.deepEqual(byPath.files, ['db/migrations/002_orders.sql', 'db/schema.sql']);
    assert.match(byPath.text, /^-- file: db\/migrations\/002_orders\.sql\nCREATE TABLE orders/);
    assert.equal(byPath.statements, 10);
    assert.match(byPath.text, /ADD CONSTRAINT orders_user/);
    assert.match(byPath.text, /CREATE MATERIALIZED VIEW totals/);
    assert.match(byPath.text, /;\n\n-- file: db\/schema\.sql\n/);
    assert.deepEqual(build([migration, schema], 10_000, 'db/schema.sql').files, ['db/schema.sql', 'db/migrations/002_orders.sql']);
  });

  it('stops at the budget with whole statements, tables kept longest, and says how many it left out', () => {
    const full = build([schema, migration]);
    const budget = estimateTokens(full.text, 'openai') - 30;
    const cut = build([schema, migration], budget);
    assert.ok(estimateTokens(cut.text, 'openai') <= budget);
    assert.ok(cut.omitted > 0);
    assert.equal(cut.statements + cut.omitted, full.statements);
    assert.match(cut.text, new RegExp(`\\n-- … ${cut.omitted} more DDL statements not shown \\(token budget\\)$`));
    // Every table survives the cut; the statements lost are among the rest.
    for (const table of ['orders', 'users', 'events']) assert.match(cut.text, new RegExp(`TABLE ${table} \\(`));
    for (const line of cut.text.split('\n').filter((l) => l.endsWith(';'))) assert.ok(full.text.includes(line), line);
  });

  it('reserves room for the note, and leaves out every statement if none fits', () => {
    const twoTables: SchemaFile = { path: 'a.sql', text: 'CREATE TABLE a (id int); CREATE TABLE b (id int, name text, email text, born date);' };
    const tight = build([twoTables], estimateTokens('-- file: a.sql\nCREATE TABLE a (id int);\n', 'openai') + 2);
    assert.deepEqual([tight.statements, tight.omitted], [0, 2]);
    assert.equal(tight.text, '-- … 2 more DDL statements not shown (token budget)');
    assert.deepEqual(tight.files, []);
    // a with its header and the note: 11 + 13 = 24 tokens; a and b: 11 + 15 = 26.
    const roomForOne = build([twoTables], 25);
    assert.deepEqual([roomForOne.statements, roomForOne.omitted], [1, 1]);
    assert.equal(roomForOne.text, '-- file: a.sql\nCREATE TABLE a (id int);\n-- … 1 more DDL statement not shown (token budget)');
  });

  it('returns nothing when there is no DDL', () => {
    const none = { text: '', statements: 0, omitted: 0, files: [] };
    assert.deepEqual(build([queries]), none);
    assert.deepEqual(build([]), none);
    assert.deepEqual(build([{ path: 'c.sql', text: '-- CREATE TABLE commented (x int);\n/* CREATE VIEW v AS SELECT 1; */' }]), none);
  });
});
