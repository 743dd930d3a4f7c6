import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SQL_DIALECTS, sqlDialectInfo, type SqlDialect } from '../../../../src/core/sql/dialects';
import { NO_STATEMENT_MESSAGE, SqlValidator, type SqlParserModule, type SqlValidation } from '../../../../src/core/sql/sqlValidator';

// The real per-dialect builds, as the extension loads its bundled copies of them from dist/sql.
const requireBuild = createRequire(__filename);
const buildPath = (dialect: SqlDialect) => requireBuild.resolve(`node-sql-parser/build/${sqlDialectInfo(dialect).buildFile}`);
const loadBuild = async (dialect: SqlDialect) => requireBuild(buildPath(dialect)) as SqlParserModule;

/** A loader that records what it was asked for. */
function countingLoader(load = loadBuild) {
  const loads: SqlDialect[] = [];
  return {
    loads,
    load: async (dialect: SqlDialect) => {
      loads.push(dialect);
      return load(dialect);
    },
  };
}

const validator = new SqlValidator(loadBuild);
const check = (sql: string, dialect: SqlDialect = 'postgresql') => validator.validate(sql, dialect);
const failure = (message: string, line: number, column: number): SqlValidation => ({ ok: false, message, line, column });

describe('SqlValidator', () => {
  it('accepts PostgreSQL with CTEs: a SELECT, an INSERT … SELECT, and several statements at once', async () => {
    const select = `
      WITH recent AS (
        SELECT user_id, sum(total) AS spent FROM orders WHERE created_at > now() - interval '30 days' GROUP BY user_id
      )
      SELECT u.email, r.spent FROM users u JOIN recent r ON r.user_id = u.id ORDER BY r.spent DESC LIMIT 10;`;
    assert.deepEqual(await check(select), { ok: true, statements: 1 });
    const insert = `INSERT INTO vip (user_id) WITH big AS (SELECT user_id FROM orders WHERE total > 1000) SELECT user_id FROM big`;
    assert.deepEqual(await check(insert), { ok: true, statements: 1 });
    const script = `INSERT INTO users (email) VALUES ('a;b@example.com') RETURNING id; -- a ; in a string and a comment
      UPDATE users SET email = lower(email);`;
    assert.deepEqual(await check(script), { ok: true, statements: 2 });
  });

  it('points at a typo with its line and column and names the keyword it stands for', async () => {
    const sql = 'SELECT id,\n  email\nFROM users\nWHERE id > 1 GROPU BY id';
    assert.deepEqual(await check(sql), failure('line 4, column 14: expected GROUP but "GROPU" found', 4, 14));
    assert.deepEqual(await check('SELECT * FORM users'), failure('line 1, column 10: expected FROM but "FORM" found', 1, 10));
  });

  it('drops the parser\'s long lists of expectations, keeping what was found', async () => {
    // The parser expects some 360 things after "SELECT TOP": none of them helps.
    assert.deepEqual(await check('SELECT TOP 5 * FROM users'), failure('line 1, column 12: unexpected "5"', 1, 12));
    assert.deepEqual(await check('SELECT * FROM users WHERE'), failure('line 1, column 26: unexpected end of input', 1, 26));
    // A short list is worth naming.
    assert.deepEqual(
      await check('WITH x AS (SELECT 1) DELETE FROM users'),
      failure('line 1, column 22: expected ",", SELECT or UPDATE but "DELETE" found', 1, 22),
    );
  });

  it('counts lines and columns in the text as given, leading blank lines included', async () => {
    assert.deepEqual(await check('\n\n  SELECT * FORM users\n'), failure('line 3, column 12: expected FROM but "FORM" found', 3, 12));
  });

  it('checks each dialect by its own grammar', async () => {
    assert.deepEqual(await check('SELECT TOP 5 [name] FROM [dbo].[users]', 'transactsql'), { ok: true, statements: 1 });
    assert.equal((await check('SELECT TOP 5 name FROM users', 'postgresql')).ok, false);
    assert.equal((await check('SELECT TOP 5 name FROM users', 'mysql')).ok, false);
    assert.equal((await check('SELECT [name] FROM users', 'postgresql')).ok, false);
    assert.equal((await check('SELECT [name] FROM users', 'mysql')).ok, false);
    assert.deepEqual(await check('SELECT `name` FROM `users` LIMIT 5', 'mysql'), { ok: true, statements: 1 });
    assert.deepEqual(await check('SELECT `name` FROM `project.dataset.users`', 'bigquery'), { ok: true, statements: 1 });
  });

  it('loads every dialect in the table from its build and parses with its database option', async () => {
    for (const { id } of SQL_DIALECTS) {
      assert.ok(existsSync(buildPath(id)), id);
      assert.deepEqual(await check('SELECT a FROM t WHERE b = 1', id), { ok: true, statements: 1 }, id);
    }
  });

  it('says there is no statement in empty, blank or comment-only text, without loading a parser', async () => {
    const { loads, load } = countingLoader();
    const empty = new SqlValidator(load);
    for (const sql of ['', '  \n\t', ';', ' ; ;', '-- just a comment; really', '/* a\n block; */ -- and more', '/* never closed'])
      for (const dialect of ['postgresql', 'transactsql'] as const)
        assert.deepEqual(await empty.validate(sql, dialect), { ok: false, message: NO_STATEMENT_MESSAGE }, JSON.stringify(sql));
    assert.deepEqual(loads, []);
  });

  it('says there is no statement when the grammar finds none (a MySQL # comment)', async () => {
    assert.deepEqual(await check('# only a comment', 'mysql'), { ok: false, message: NO_STATEMENT_MESSAGE });
  });

  it('loads each dialect once, concurrent checks included', async () => {
    const { loads, load } = countingLoader();
    const once = new SqlValidator(load);
    await Promise.all([once.validate('SELECT 1', 'postgresql'), once.validate('SELECT 2', 'postgresql'), once.validate('SELECT 3', 'mysql')]);
    await once.validate('SELECT 4', 'postgresql');
    assert.deepEqual(loads, ['postgresql', 'mysql']);
  });

  it('rejects when the parser cannot be loaded, and loads again on the next check', async () => {
    let fail = true;
    const { loads, load } = countingLoader(async (dialect) => {
      if (fail) throw new Error('dist/sql/postgresql.js is missing');
      return loadBuild(dialect);
    });
    const retrying = new SqlValidator(load);
    await assert.rejects(retrying.validate('SELECT 1', 'postgresql'), /dist\/sql\/postgresql\.js is missing/);
    fail = false;
    assert.deepEqual(await retrying.validate('SELECT 1', 'postgresql'), { ok: true, statements: 1 });
    assert.deepEqual(await retrying.validate('SELECT 2', 'postgresql'), { ok: true, statements: 1 });
    assert.deepEqual(loads, ['postgresql', 'postgresql']);
  });

  it('reports an error that is not a syntax error by the first line of its message', async () => {
    const throwing = new SqlValidator(async () => ({
      Parser: class {
        astify(): unknown {
          throw new Error('postgresql is not supported currently\n    at parse (parser.js:1:1)');
        }
      },
    }));
    assert.deepEqual(await throwing.validate('SELECT 1', 'postgresql'), { ok: false, message: 'postgresql is not supported currently' });
  });
});
