/**
 * The team's rules, read from Markdown files. The convention (RULES_CONVENTION says it for the README):
 *
 * - A rule starts at a heading of level 2 or deeper, or at an unindented (top-level) list item (`-`, `*`,
 *   `+`, `1.`), whose text begins with a rule id followed by `:`, ` -` or ` —`:
 *   `## SEC-1: No secrets in source`, `- NAME-2: Booleans start with is/has`. The id may be in bold or code
 *   (`**SEC-1**:`). An id is letters, digits and `-`/`_`/`.` joined parts, starts with a letter and holds
 *   at least one digit, so `Note:` or `Example -` never starts a rule. Ids keep their case.
 * - A rule's text runs until the next rule, or the next heading of the same or a higher level; a list-item
 *   rule also ends at the next top-level list item or at any heading. A paragraph after a list belongs to
 *   its last item: put a heading before it. Lines inside fenced code blocks never start or end a rule.
 * - A file without any id: each level-2 heading, or if it has none each top-level list item, is a rule with
 *   a generated id R1, R2, … counted across all files in path order (skipping ids already used); `notes`
 *   says which. Ids are compared case-insensitively for duplicates: the first (by path, then line) is
 *   kept, and `problems` names both places.
 */
import { commonIndent } from '../text/indent';
import { ITEM_LEVEL, outline, type OutlineLine } from './markdownOutline';

export { RULES_CONVENTION, STARTER_RULES } from './starterRules';

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly path: string;
  /** 1-based line of the heading or list item that starts the rule. */
  readonly line: number;
}

export interface RuleSet {
  readonly rules: readonly Rule[];
  /** What the model sees: stable for the same files, so it can be a cached prompt prefix. */
  readonly promptText: string;
  /** Every file read (with rules or not), sorted: empty means there is no rules file at all. */
  readonly paths: readonly string[];
  /** What the user should fix: empty files, files without rules, duplicate ids. */
  readonly problems: readonly string[];
  /** Worth a line in the log: ids Tandem generated. */
  readonly notes: readonly string[];
}

export interface RulesFile {
  readonly path: string;
  readonly text: string;
}

const ID = String.raw`[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*`;
const EMPHASIS = '(?:\\*\\*|__|`)?';
/** `SEC-1: title`, `SEC-1 - title`, `SEC-1 — title`, optionally `**SEC-1**:` or `**SEC-1:**`. */
const RULE_START = new RegExp(`^${EMPHASIS}(${ID})${EMPHASIS}(?::|[ \\t]+[-—–](?=\\s|$))${EMPHASIS}[ \\t]*(.*)$`);

interface Draft {
  readonly id?: string;
  readonly title: string;
  readonly text: string;
  readonly line: number;
}

export function parseRules(files: readonly RulesFile[]): RuleSet {
  // Plain code-unit order, not localeCompare: the prompt must not depend on the machine's locale.
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const perFile = sorted.map((file) => {
    const lines = splitLines(file.text);
    return { path: file.path, lines, ...draftsOf(lines) };
  });
  const taken = new Set(perFile.flatMap((f) => f.drafts.flatMap((d) => (d.id === undefined ? [] : [d.id.toUpperCase()]))));
  const ids = generatedIds(taken);
  const byId = new Map<string, Rule>();
  const problems: string[] = [];
  const notes: string[] = [];
  for (const file of perFile) {
    if (file.lines.every((line) => line.trim() === '')) {
      problems.push(`${file.path} is empty.`);
      continue;
    }
    if (file.drafts.length === 0) {
      problems.push(`${file.path} has no rules: start each rule with a "## ID: title" heading or a "- ID: title" list item.`);
      continue;
    }
    const rules = file.drafts.map((d) => ({ id: d.id ?? ids.next(), title: d.title, text: d.text, path: file.path, line: d.line }));
    if (file.generatedFrom) notes.push(`${file.path} has no rule ids, so its ${rules.length} ${file.generatedFrom} are rules ${rules.map((r) => r.id).join(', ')}.`);
    for (const rule of rules) {
      const first = byId.get(rule.id.toUpperCase());
      if (first) problems.push(`Rule id ${rule.id} is used twice, at ${first.path}:${first.line} and ${rule.path}:${rule.line}; the second is ignored.`);
      else byId.set(rule.id.toUpperCase(), rule);
    }
  }
  const rules = [...byId.values()];
  return { rules, promptText: promptText(rules), paths: [...new Set(sorted.map((f) => f.path))], problems, notes };
}

/** CRLF and a byte-order mark must not change the prompt: the same rules give the same cached prefix. */
function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

function draftsOf(lines: readonly string[]): { drafts: Draft[]; generatedFrom?: string } {
  const marks = outline(lines);
  const explicit = marks.filter((m) => m.level >= 2 && ruleStart(m.text) !== undefined);
  if (explicit.length > 0) return { drafts: explicit.map((start) => draft(lines, marks, explicit, start, ruleStart(start.text))) };
  const headings = marks.filter((m) => m.kind === 'heading' && m.level === 2);
  const starts = headings.length > 0 ? headings : marks.filter((m) => m.kind === 'item');
  const generatedFrom = headings.length > 0 ? 'level-2 headings' : 'top-level list items';
  return { drafts: starts.map((start) => draft(lines, marks, starts, start, undefined)), ...(starts.length > 0 ? { generatedFrom } : {}) };
}

/** The id and title when `text` begins with a rule id; the digit test keeps words like `Note:` out. */
function ruleStart(text: string): { id: string; title: string } | undefined {
  const match = RULE_START.exec(text);
  return match && /\d/.test(match[1]) ? { id: match[1], title: match[2].trim() } : undefined;
}

function draft(lines: readonly string[], marks: readonly OutlineLine[], starts: readonly OutlineLine[], start: OutlineLine, named: { id: string; title: string } | undefined): Draft {
  const end = marks.find((m) => m.index > start.index && endsRule(start, m, starts))?.index ?? lines.length;
  const text = cleanText(lines.slice(start.index + 1, end));
  return { ...(named ?? { title: start.text }), text, line: start.index + 1 };
}

function endsRule(start: OutlineLine, next: OutlineLine, starts: readonly OutlineLine[]): boolean {
  if (starts.includes(next)) return true;
  if (next.kind === 'heading') return next.level <= start.level;
  return start.level === ITEM_LEVEL;
}

/** Dedented, without trailing spaces or blank lines around it: only what the rule says reaches the model. */
function cleanText(lines: readonly string[]): string {
  const trimmed = lines.map((line) => line.trimEnd());
  while (trimmed.length > 0 && trimmed[0] === '') trimmed.shift();
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  const cut = commonIndent(trimmed.join('\n'));
  return trimmed.map((line) => line.slice(cut)).join('\n');
}

function generatedIds(taken: ReadonlySet<string>): { next(): string } {
  let n = 0;
  return {
    next() {
      do n++;
      while (taken.has(`R${n}`));
      return `R${n}`;
    },
  };
}

function promptText(rules: readonly Rule[]): string {
  return [...new Set(rules.map((r) => r.path))]
    .map((path) => [`Rules from ${path}:`, ...rules.filter((r) => r.path === path).map(ruleBlock)].join('\n\n'))
    .join('\n\n');
}

function ruleBlock(rule: Rule): string {
  const head = rule.title === '' ? `[${rule.id}]` : `[${rule.id}] ${rule.title}`;
  return rule.text === '' ? head : `${head}\n${rule.text}`;
}
