import type { ChatMessage } from '../calls/modelClient';
import { fenced, fileLine } from '../prompts/codeBlocks';
import type { ReviewChunk } from './chunks';
import { FINDINGS_SCHEMA } from './findings';
import type { RuleSet } from './rules';

/** The first system block. Nothing per call goes in the system blocks: they are the cached prefix. */
export const REVIEW_INSTRUCTIONS = `You are Tandem, reviewing code against a team's written rules. Your findings become diagnostics with quick fixes in the developer's editor.
The rules follow, grouped by the file they come from, each as "[ID] title" and its text.
- Report only real violations of the listed rules: code that clearly breaks a rule as written. Nothing else: no general advice, style preferences or bugs that no rule covers. When in doubt, leave it out.
- If nothing violates a rule, answer with an empty findings array.
- ruleId: the rule's id exactly as listed, without the brackets.
- startLine, endLine: the line numbers shown before each line ("12| …"), inclusive. Cover the whole violating code, even where it runs into context lines.
- Only the lines the request names are yours to review; the other lines shown are context only. Report nothing that lies entirely in context lines.
- severity: "error" for a security problem, data loss or broken behaviour; "warning" for a clear violation that does no harm yet; "info" for a minor deviation.
- message: one or two sentences on what breaks the rule and why, naming the code. No preamble.
- replacement: the complete new text for every line from startLine to endLine, with the original indentation and without line numbers or Markdown fences; an empty string removes those lines; null when there is no safe, local fix.
- One finding per violation; never report the same violation twice.`;

export interface ReviewCode {
  /** Workspace-relative path, or the untitled name. */
  readonly path: string;
  readonly languageId: string;
  /** The whole document's lines. */
  readonly lines: readonly string[];
  readonly chunk: ReviewChunk;
}

/** The cached prefix: byte-identical for the same rules, whatever the code. */
export function reviewSystem(rules: RuleSet): string[] {
  return [REVIEW_INSTRUCTIONS, rules.promptText];
}

export function buildReviewRequest(rules: RuleSet, code: ReviewCode): { system: string[]; messages: ChatMessage[]; jsonSchema: typeof FINDINGS_SCHEMA } {
  // An empty system block is a 400 at Anthropic; the editor says "no rules" before it gets here.
  if (rules.rules.length === 0) throw new Error('There are no rules to review against.');
  const { chunk, lines } = code;
  if (chunk.contextLastLine > lines.length) throw new RangeError(`Line ${chunk.contextLastLine} is past the end of ${code.path} (${lines.length} lines).`);
  const text = [fileLine(code), scopeLine(chunk), '', fenced(numbered(lines, chunk), code.languageId)].join('\n');
  return { system: reviewSystem(rules), messages: [{ role: 'user', content: text }], jsonSchema: FINDINGS_SCHEMA };
}

/** The one repair round trip: the model sees its own answer and why it was refused. */
export function buildRepairMessages(previous: { readonly messages: readonly ChatMessage[]; readonly answer: string; readonly problem: string }): ChatMessage[] {
  return [
    ...previous.messages,
    // Anthropic refuses an empty assistant message; an empty answer still has to be shown as one.
    { role: 'assistant', content: previous.answer.trim() === '' ? '(no answer)' : previous.answer },
    {
      role: 'user',
      content: `That answer was refused: ${previous.problem}\nAnswer again with only JSON matching the schema: {"findings": [...]}, each finding with ruleId, severity, startLine, endLine, message and replacement (a string or null).`,
    },
  ];
}

/** "Review lines 401–800; lines 381–400 and 801–820 are context only." */
function scopeLine(chunk: ReviewChunk): string {
  const context: [number, number][] = [];
  if (chunk.contextFirstLine < chunk.firstLine) context.push([chunk.contextFirstLine, chunk.firstLine - 1]);
  if (chunk.contextLastLine > chunk.lastLine) context.push([chunk.lastLine + 1, chunk.contextLastLine]);
  const review = `Review ${lineList([[chunk.firstLine, chunk.lastLine]])}`;
  if (context.length === 0) return `${review}.`;
  return `${review}; ${lineList(context)} ${isPlural(context) ? 'are' : 'is'} context only.`;
}

/** "line 5", "lines 4 and 6", "lines 381–400 and 801–820". */
function lineList(ranges: readonly [number, number][]): string {
  return `${isPlural(ranges) ? 'lines' : 'line'} ${ranges.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(' and ')}`;
}

function isPlural(ranges: readonly [number, number][]): boolean {
  return ranges.length > 1 || ranges[0][0] < ranges[0][1];
}

/** The shown lines, each after its right-aligned document line number: the numbers the model cites. */
function numbered(lines: readonly string[], chunk: ReviewChunk): string {
  const width = String(chunk.contextLastLine).length;
  return lines
    .slice(chunk.contextFirstLine - 1, chunk.contextLastLine)
    .map((line, i) => `${String(chunk.contextFirstLine + i).padStart(width)}| ${line}`)
    .join('\n');
}
