import assert from 'node:assert/strict';
import { parseRules, RULES_CONVENTION, STARTER_RULES } from '../../../../src/core/review/rules';

const one = (text: string, path = '.tandem/rules.md') => parseRules([{ path, text }]);
const ids = (text: string) => one(text).rules.map((r) => r.id);

describe('parseRules: explicit ids', () => {
  it('reads heading rules with their title, text, path and 1-based line', () => {
    const set = one('# Team rules\n\nIntro.\n\n## SEC-1: No secrets in source\nKeys come from the environment.\n\n## NAME-2: Booleans start with is/has\nAlso `can`.\n');
    assert.deepEqual(set.rules, [
      { id: 'SEC-1', title: 'No secrets in source', text: 'Keys come from the environment.', path: '.tandem/rules.md', line: 5 },
      { id: 'NAME-2', title: 'Booleans start with is/has', text: 'Also `can`.', path: '.tandem/rules.md', line: 8 },
    ]);
    assert.deepEqual(set.problems, []);
    assert.deepEqual(set.notes, []);
  });

  it('reads top-level list items with -, *, + and numbers, and the separators ":", " -" and " —"', () => {
    const text = '- SEC-1: colon\n* API_2 - dash\n+ Perf.3 — em dash\n1. DB4: numbered\n2) x9y: paren\n';
    assert.deepEqual(ids(text), ['SEC-1', 'API_2', 'Perf.3', 'DB4', 'x9y']);
    assert.deepEqual(one(text).rules.map((r) => r.title), ['colon', 'dash', 'em dash', 'numbered', 'paren']);
  });

  it('accepts an id in bold or code, with the colon inside or outside', () => {
    assert.deepEqual(ids('- **SEC-1**: a\n- **SEC-2:** b\n- `SEC-3`: c\n- __SEC-4__ - d\n'), ['SEC-1', 'SEC-2', 'SEC-3', 'SEC-4']);
    assert.equal(one('- **SEC-2:** No keys\n').rules[0].title, 'No keys');
  });

  it('keeps the case of ids', () => {
    assert.deepEqual(ids('## sec-1: lower\n## Api2: mixed\n'), ['sec-1', 'Api2']);
  });

  it('needs a digit, a letter first and a separator: plain words and numbered items are not ids', () => {
    const set = one('- SEC-1: real\n- Note: nothing\n- Example - nothing\n- 12: nothing\n- SEC 2: nothing\n- SEC-3 is nice\n- SEC-4-: nothing\n');
    assert.deepEqual(set.rules.map((r) => [r.id, r.text]), [['SEC-1', '']], 'the next item ends the rule even without an id');
  });

  it('does not start rules at level-1 headings or nested list items', () => {
    const set = one('# SEC-9: a title, not a rule\n\n- SEC-1: parent\n  - SEC-2: nested detail\n    - SEC-3: deeper\n');
    assert.deepEqual(set.rules.map((r) => r.id), ['SEC-1']);
    assert.equal(set.rules[0].text, '- SEC-2: nested detail\n  - SEC-3: deeper', 'nested items are dedented text of their parent');
  });

  it('a rule runs to the next rule, or to a heading of the same or a higher level', () => {
    const text = [
      '## SEC-1: Secrets', 'Body.', '### Examples', 'deeper heading stays in the text', '- plain item stays too',
      '## Other section', 'not part of SEC-1',
      '### ERR-1: Errors', 'Errors body', '#### Note', 'kept', '### Unrelated', 'dropped',
      '## LOG-1: Logs', 'log body', '# Appendix', 'after a level-1 heading',
    ].join('\n');
    const set = one(text);
    assert.deepEqual(set.rules.map((r) => [r.id, r.text]), [
      ['SEC-1', 'Body.\n### Examples\ndeeper heading stays in the text\n- plain item stays too'],
      ['ERR-1', 'Errors body\n#### Note\nkept'],
      ['LOG-1', 'log body'],
    ]);
  });

  it('a list-item rule ends at the next top-level item, with an id or not, and at any heading', () => {
    const text = '## Security\n- SEC-1: one\n  more about one\n- an item without an id\n- SEC-2: two\n#### Small heading\nnot two\n';
    assert.deepEqual(one(text).rules.map((r) => [r.id, r.text]), [['SEC-1', 'more about one'], ['SEC-2', '']]);
  });

  it('a rule inside a heading rule ends it', () => {
    const set = one('## SEC: Security\n## SEC-1: Secrets\nIntro.\n- SEC-2: Keys\n  detail\n');
    assert.deepEqual(set.rules.map((r) => [r.id, r.text]), [['SEC-1', 'Intro.'], ['SEC-2', 'detail']]);
  });

  it('ignores rule-like lines inside fenced code blocks, which stay in the rule text', () => {
    const text = [
      '## SEC-1: No secrets', 'Bad:', '```md', '- X1: inside a fence', '## X2: also inside', '```',
      '- SEC-2: After the fence', '~~~', '- X3: tilde fence', '~~~',
      '## SEC-3: Long fence', '````', '```', '- X4: still inside (``` does not close ````)', '````', 'tail',
    ].join('\n');
    const set = one(text);
    assert.deepEqual(set.rules.map((r) => r.id), ['SEC-1', 'SEC-2', 'SEC-3']);
    assert.equal(set.rules[0].text, 'Bad:\n```md\n- X1: inside a fence\n## X2: also inside\n```');
    assert.equal(set.rules[1].text, '~~~\n- X3: tilde fence\n~~~');
    assert.equal(set.rules[2].text, '````\n```\n- X4: still inside (``` does not close ````)\n````\ntail');
  });

  it('an unclosed fence runs to the end of the file', () => {
    assert.deepEqual(ids('- SEC-1: a\n```\n- SEC-2: b\n'), ['SEC-1']);
  });

  it('strips closing hashes and shows an empty title as the id alone', () => {
    const set = one('## SEC-1: Secrets ##\n## SEC-2:\nJust text.\n');
    assert.equal(set.rules[0].title, 'Secrets');
    assert.equal(set.promptText, 'Rules from .tandem/rules.md:\n\n[SEC-1] Secrets\n\n[SEC-2]\nJust text.');
  });
});

describe('parseRules: files without ids', () => {
  it('each level-2 heading is a rule R1, R2, …, with a note naming them', () => {
    const set = one('# Rules\nIntro, not a rule.\n## Errors\nNever swallow them.\n### Detail\nkept\n## Names\n- short\n- clear\n');
    assert.deepEqual(set.rules.map((r) => [r.id, r.title, r.text, r.line]), [
      ['R1', 'Errors', 'Never swallow them.\n### Detail\nkept', 3],
      ['R2', 'Names', '- short\n- clear', 7],
    ]);
    assert.deepEqual(set.notes, ['.tandem/rules.md has no rule ids, so its 2 level-2 headings are rules R1, R2.']);
    assert.deepEqual(set.problems, []);
  });

  it('without level-2 headings, each top-level list item is a rule; horizontal rules are not items', () => {
    const set = one('# Rules\n\n- Never log secrets.\n  Not even in debug.\n- Prefer const.\n\n* * *\n');
    assert.deepEqual(set.rules.map((r) => [r.id, r.title, r.text]), [['R1', 'Never log secrets.', 'Not even in debug.'], ['R2', 'Prefer const.', '* * *']]);
    assert.match(set.notes[0], /its 2 top-level list items are rules R1, R2\.$/);
  });

  it('numbers across files in path order and skips ids that files already use', () => {
    const set = parseRules([
      { path: 'rules/b.md', text: '- first in b\n- second in b\n' },
      { path: 'rules/a.md', text: '## Only in a\n' },
      { path: 'rules/c.md', text: '- r2: explicit, in another case\n' },
    ]);
    assert.deepEqual(set.rules.map((r) => `${r.path}:${r.id}`), ['rules/a.md:R1', 'rules/b.md:R3', 'rules/b.md:R4', 'rules/c.md:r2']);
    assert.equal(set.notes.length, 2);
  });
});

describe('parseRules: problems and the prompt text', () => {
  it('keeps the first of duplicate ids (by path, then line) and names both places, case-insensitively', () => {
    const set = parseRules([
      { path: 'z/team.md', text: '## SEC-1: Later file\n' },
      { path: 'a/base.md', text: '## SEC-1: First\n\n- sec-1: same id, other case\n' },
    ]);
    assert.deepEqual(set.rules.map((r) => [r.path, r.title]), [['a/base.md', 'First']]);
    assert.deepEqual(set.problems, [
      'Rule id sec-1 is used twice, at a/base.md:1 and a/base.md:3; the second is ignored.',
      'Rule id SEC-1 is used twice, at a/base.md:1 and z/team.md:1; the second is ignored.',
    ]);
  });

  it('reports empty files and files without rules, and lists every file read', () => {
    const set = parseRules([
      { path: '.tandem/rules.md', text: '- SEC-1: ok\n' },
      { path: '.tandem/empty.md', text: ' \n\n' },
      { path: '.tandem/prose.md', text: '# Title\nJust a paragraph.\n' },
    ]);
    assert.deepEqual(set.problems, [
      '.tandem/empty.md is empty.',
      '.tandem/prose.md has no rules: start each rule with a "## ID: title" heading or a "- ID: title" list item.',
    ]);
    assert.deepEqual(set.paths, ['.tandem/empty.md', '.tandem/prose.md', '.tandem/rules.md']);
    assert.equal(set.promptText, 'Rules from .tandem/rules.md:\n\n[SEC-1] ok');
  });

  it('no files: no rules, no paths, an empty prompt text', () => {
    assert.deepEqual(parseRules([]), { rules: [], promptText: '', paths: [], problems: [], notes: [] });
  });

  it('prompt text: files sorted by path, each with its rules as "[ID] title" and text', () => {
    const set = parseRules([
      { path: 'b.md', text: '- B1: Bee\n  text b\n' },
      { path: 'a.md', text: '## A1: Ay\n\ntext a  \n\n## A2: Two\n' },
    ]);
    assert.equal(set.promptText, 'Rules from a.md:\n\n[A1] Ay\ntext a\n\n[A2] Two\n\nRules from b.md:\n\n[B1] Bee\ntext b');
  });

  it('prompt text is byte-identical for the same rules in any input order, with CRLF or a byte-order mark', () => {
    const a = { path: 'a.md', text: '## A1: Ay\nline one\nline two\n' };
    const b = { path: 'b.md', text: '- B1: Bee\n' };
    const base = parseRules([a, b]);
    const crlf = parseRules([b, { path: 'a.md', text: `\uFEFF${a.text.replace(/\n/g, '\r\n')}` }]);
    assert.equal(crlf.promptText, base.promptText);
    assert.deepEqual(crlf.rules, base.rules);
    assert.doesNotMatch(base.promptText, /\r|\uFEFF/);
  });
});

describe('starter rules and the convention text', () => {
  it('the starter file parses cleanly into its eight rules', () => {
    const set = one(STARTER_RULES);
    assert.deepEqual(set.rules.map((r) => r.id), ['SEC-1', 'SEC-2', 'NAME-1', 'NAME-2', 'ERR-1', 'ERR-2', 'TEST-1', 'DOC-1']);
    assert.deepEqual([...set.problems, ...set.notes], []);
    assert.ok(set.rules.every((r) => r.title.length > 0 && r.text.length > 0), 'every rule has a title and an explanation');
    assert.match(set.rules[1].text, /```ts\ndb\.query\('SELECT \* FROM users WHERE id = \$1'/, 'the example is kept, dedented');
  });

  it('the examples the convention gives are read the way it says', () => {
    const examples = [...RULES_CONVENTION.matchAll(/`((?:##|-) [^`]+)`/g)].map((m) => m[1]);
    assert.deepEqual(examples, ['## SEC-1: No secrets in source', '- NAME-2: Booleans start with is/has']);
    assert.deepEqual(ids(examples.join('\n')), ['SEC-1', 'NAME-2']);
    assert.deepEqual(ids('- Note: not a rule\n- SEC-1: a rule\n'), ['SEC-1']);
  });
});
