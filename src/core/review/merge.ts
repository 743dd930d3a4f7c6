import type { Finding, FindingSeverity } from './findings';

const RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Findings of several chunks (or answers) as one list without duplicates. Two findings of the same rule
 * whose line ranges share a line are one violation seen twice (overlapping chunks both see it): the one
 * kept is the most severe, then the widest, then one with a replacement, then the first given. It keeps its
 * own range, message and replacement, so a replacement always matches the lines it replaces; ranges are
 * never widened, because the document text to widen a fix with is not here.
 *
 * Adjacent ranges are NOT merged: two one-line findings on lines 10 and 11 are usually two violations, each
 * with its own fix. The review instructions ask for a violation's full range even into context lines, so
 * one violation seen from both sides of a chunk border overlaps rather than touching.
 *
 * Sorted by startLine, then ruleId (two kept findings of one rule never share a start line).
 */
export function mergeFindings(lists: readonly (readonly Finding[])[]): Finding[] {
  const byPriority = lists.flat().sort((a, b) => RANK[a.severity] - RANK[b.severity] || width(b) - width(a) || fixFirst(a, b));
  const kept: Finding[] = [];
  for (const finding of byPriority) {
    if (!kept.some((k) => k.ruleId === finding.ruleId && k.startLine <= finding.endLine && finding.startLine <= k.endLine)) kept.push(finding);
  }
  return kept.sort((a, b) => a.startLine - b.startLine || compare(a.ruleId, b.ruleId));
}

function width(finding: Finding): number {
  return finding.endLine - finding.startLine;
}

function fixFirst(a: Finding, b: Finding): number {
  return Number(b.replacement !== undefined) - Number(a.replacement !== undefined);
}

/** Code-unit order, the same on every machine (localeCompare depends on the locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
