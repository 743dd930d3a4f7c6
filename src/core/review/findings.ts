import type { FindingOrigin } from '../quality/findingSettlement';

// What the review model answers, and the check that stands between its answer and the user's document:
// nothing the model says about lines is trusted until it fits the document and the reviewed range.

export type FindingSeverity = 'error' | 'warning' | 'info';

export const FINDING_SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info'];

export interface Finding {
  readonly ruleId: string;
  readonly severity: FindingSeverity;
  /** 1-based, inclusive, in document line numbers. */
  readonly startLine: number;
  readonly endLine: number;
  readonly message: string;
  /** New text for the whole lines startLine..endLine, without a final line break; '' removes the lines. */
  readonly replacement?: string;
  /** The answer it came from, when that call is in the ledger: the quality signals about it name both. */
  readonly origin?: FindingOrigin;
}

/**
 * Structured output for both providers: every property required and every object closed (OpenAI strict
 * mode), no keywords Anthropic would move into descriptions (no minimum, pattern or length bounds), and the
 * optional replacement as a nullable string.
 */
export const FINDINGS_SCHEMA: { name: string; schema: Record<string, unknown> } = {
  name: 'review_findings',
  schema: {
    type: 'object',
    properties: {
      findings: {
        type: 'array',
        description: 'One entry per violation; empty when the code follows every rule.',
        items: {
          type: 'object',
          properties: {
            ruleId: { type: 'string', description: 'The id of the violated rule, exactly as listed, without brackets.' },
            severity: { type: 'string', enum: [...FINDING_SEVERITIES] },
            startLine: { type: 'integer', description: 'First line of the violation, as numbered in the code shown.' },
            endLine: { type: 'integer', description: 'Last line of the violation (inclusive), as numbered in the code shown.' },
            message: { type: 'string', description: 'What breaks the rule and why, in one or two sentences.' },
            replacement: {
              type: ['string', 'null'],
              description: 'The complete new text for lines startLine..endLine, original indentation kept, no line numbers; null when there is no safe local fix.',
            },
          },
          required: ['ruleId', 'severity', 'startLine', 'endLine', 'message', 'replacement'],
          additionalProperties: false,
        },
      },
    },
    required: ['findings'],
    additionalProperties: false,
  },
};

export interface FindingScope {
  /** The reviewed range (a chunk's responsibility); findings entirely outside it are dropped. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly lineCount: number;
  readonly ruleIds: ReadonlySet<string>;
  /** The document's line n (1-based), to drop replacements that change nothing. */
  readonly lines?: (n: number) => string;
}

export type CheckedAnswer =
  /** `indexes[k]`: the index in the answer's list of `findings[k]` (quality signals name a finding by it). */
  | { ok: true; findings: Finding[]; indexes: number[]; dropped: { finding: unknown; reason: string }[] }
  | { ok: false; problem: string };

type RawFinding = { ruleId: string; severity: FindingSeverity; startLine: number; endLine: number; message: string; replacement?: string | null };

/**
 * `ok: false` when the answer does not have the schema's shape (worth one repair round trip); otherwise each
 * finding is kept or dropped with a reason for the log. A finding that overlaps the reviewed range is kept
 * whole, even where it runs into context lines: the same violation seen from the next chunk merges with it.
 */
export function checkFindings(answer: unknown, scope: FindingScope): CheckedAnswer {
  if (!isRecord(answer)) return { ok: false, problem: `The answer is ${describe(answer)}, not a JSON object {"findings": [...]}.` };
  if (!Array.isArray(answer.findings)) return { ok: false, problem: `The answer's "findings" is ${describe(answer.findings)}, not an array.` };
  const findings: Finding[] = [];
  const indexes: number[] = [];
  const dropped: { finding: unknown; reason: string }[] = [];
  for (const [i, item] of answer.findings.entries()) {
    const problem = shapeProblem(item);
    if (problem !== undefined) return { ok: false, problem: `findings[${i}]${problem}` };
    const checked = checkOne(item as RawFinding, scope);
    if (typeof checked === 'string') dropped.push({ finding: item, reason: checked });
    else {
      findings.push(checked);
      indexes.push(i);
    }
  }
  return { ok: true, findings, indexes, dropped };
}

function shapeProblem(item: unknown): string | undefined {
  if (!isRecord(item)) return ` is ${describe(item)}, not an object.`;
  for (const key of ['ruleId', 'message'] as const) {
    if (typeof item[key] !== 'string') return `.${key} must be a string; it is ${describe(item[key])}.`;
  }
  if (!FINDING_SEVERITIES.includes(item.severity as FindingSeverity)) {
    return `.severity must be "error", "warning" or "info"; it is ${describe(item.severity)}.`;
  }
  for (const key of ['startLine', 'endLine'] as const) {
    if (typeof item[key] !== 'number') return `.${key} must be a line number; it is ${describe(item[key])}.`;
  }
  // A missing replacement is read as null: nothing is lost, so it is not worth a repair round trip.
  if (item.replacement !== undefined && item.replacement !== null && typeof item.replacement !== 'string') {
    return `.replacement must be a string or null; it is ${describe(item.replacement)}.`;
  }
  return undefined;
}

function checkOne(raw: RawFinding, scope: FindingScope): Finding | string {
  const { startLine: start, endLine: end } = raw;
  const { lineCount } = scope;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `startLine ${start} and endLine ${end} must be whole numbers`;
  if (start > end) return `startLine ${start} is after endLine ${end}`;
  for (const line of [start, end]) {
    if (line < 1 || line > lineCount) return `line ${line} does not exist: the document has ${lineCount} line${lineCount === 1 ? '' : 's'}`;
  }
  if (end < scope.firstLine || start > scope.lastLine) {
    return `${lineText(start, end)} ${start === end ? 'is' : 'are'} outside the reviewed ${lineText(scope.firstLine, scope.lastLine)}`;
  }
  // The prompt shows rules as "[ID] title": a model that copies the brackets still means the rule.
  const ruleId = raw.ruleId.trim().replace(/^\[(.*)\]$/, '$1');
  if (!scope.ruleIds.has(ruleId)) return `rule ${JSON.stringify(raw.ruleId)} is not one of the rules`;
  const message = raw.message.trim();
  if (message === '') return 'the message is empty';
  const replacement = usefulReplacement(raw.replacement, start, end, scope.lines);
  return { ruleId, severity: raw.severity, startLine: start, endLine: end, message, ...(replacement === undefined ? {} : { replacement }) };
}

/** Without a final line break (it replaces the lines' text, not their ends), and only when it changes them. */
function usefulReplacement(raw: string | null | undefined, start: number, end: number, lines: FindingScope['lines']): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const replacement = raw.replace(/\r?\n$/, '');
  if (!lines) return replacement;
  const original = Array.from({ length: end - start + 1 }, (_, k) => lines(start + k)).join('\n');
  return replacement === original ? undefined : replacement;
}

function lineText(first: number, last: number): string {
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value quoted for a one-line message, cut short so a huge answer cannot flood the repair prompt. */
function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = String(JSON.stringify(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
