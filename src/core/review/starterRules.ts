// Text for people: how to write a rules file (for the README), and the file Tandem offers to create.

/** The rules-file convention in one paragraph of Markdown, as parseRules reads it. */
export const RULES_CONVENTION = `Each rule starts with a heading (\`##\` or deeper) or a top-level list item (\`-\`, \`*\`, \`1.\`) \
whose text begins with a rule id and a colon: \`## SEC-1: No secrets in source\` or \`- NAME-2: Booleans start with is/has\`. \
An id starts with a letter and contains at least one digit (\`SEC-1\`, \`API_3\`, \`R12\`), so \`Note:\` never starts a rule. \
A rule's text runs until the next rule or the next heading of the same or a higher level; \
examples inside fenced code blocks are part of the text. A file without ids still works: \
each \`##\` heading (or, if there are none, each top-level list item) becomes a rule numbered R1, R2, …`;

/** A useful `.tandem/rules.md` to start from; it follows the convention it explains. */
export const STARTER_RULES = `# Team rules

Tandem reviews code against this file (\`Tandem: Review Selection/File for Compliance\`).
Each rule is a \`##\` heading or a top-level list item that starts with an id and a colon, like \`SEC-1:\`.
Findings cite that id, so keep ids stable once the team uses them; everything up to the next rule is the
rule's text, and examples in code blocks help the reviewer see what you mean.

## Security

- SEC-1: No secrets in source.
  API keys, passwords, tokens and private keys come from the environment or a secret store, never from
  literals in code, tests or committed config.
- SEC-2: No SQL, shell commands or HTML built from user input by concatenation.
  Use parameterised queries, argument arrays and the framework's escaping.

  \`\`\`ts
  db.query('SELECT * FROM users WHERE id = $1', [userId]); // not \`... WHERE id = \${userId}\`
  \`\`\`

## Naming

- NAME-1: Booleans read as yes/no questions.
  \`isReady\`, \`hasAccess\`, \`canRetry\`; not \`ready\`, \`flag\` or \`status\`.
- NAME-2: Names use the domain's words.
  No abbreviations beyond well-known ones (\`id\`, \`url\`, \`db\`), no single letters outside short loops
  and lambdas.

## Error handling

- ERR-1: Never swallow an error.
  An empty \`catch\`, or one that only logs, says in a comment why carrying on is correct; otherwise
  rethrow, or return the failure to the caller.
- ERR-2: Error messages say what failed and with which input.
  Name the id or path involved, never a bare "Something went wrong", and never include secrets or
  personal data.

## Tests

- TEST-1: Every behaviour change and bug fix comes with a test.
  The test fails without the change, and does not depend on the clock, the network or test order.

## Comments

- DOC-1: Comments explain why, not what.
  A reason, a constraint, a link to the issue. Commented-out code is deleted, not committed.
`;
