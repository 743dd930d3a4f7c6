import { estimateTokens } from '../../tokens/estimate';
import type { CompletionParameters } from '../parameters';
import { languageFamily } from './language';
import { SimilarSnippetFinder, withinBudget } from './similarSnippets';
import type { ContextDocument, ContextSnippet } from './types';

export interface ContextInput {
  readonly current: { readonly uri: string; readonly path: string; readonly languageId: string; readonly prefix: string };
  /** Other open documents, most recently used first (the current one may be among them: skip it). */
  readonly openDocuments: readonly ContextDocument[];
  /** Outlines of the files the current one imports, already read (path → outline text). */
  readonly importedOutlines: readonly { readonly path: string; readonly outline: string }[];
  readonly budgetTokens: number;
}

/**
 * Chooses the context snippets that go into a completion prompt ahead of the current file: outlines of the
 * files it imports first, since they change rarely and so belong in the prompt's stable, cacheable part;
 * then the code in other open documents most like the code just before the cursor. One gatherer lives as
 * long as the editor session, so each document's windows are computed once per version.
 */
export class ContextGatherer {
  private readonly finder = new SimilarSnippetFinder();

  constructor(private readonly params: Pick<CompletionParameters, 'snippetWindowLines' | 'snippetEditors'>) {}

  gather(input: ContextInput): ContextSnippet[] {
    const { current, budgetTokens } = input;
    const family = languageFamily(current.languageId);
    const documents = input.openDocuments.filter(
      (d) => d.uri !== current.uri && !d.uri.startsWith('untitled:') && languageFamily(d.languageId) === family,
    );
    const ranked = this.finder.rank(lastLines(current.prefix, this.params.snippetWindowLines), documents, this.params.snippetWindowLines, this.params.snippetEditors);
    // Similar snippets are sure of half the budget; signatures may have whatever of that half they leave unused.
    const similarWanted = sumTokens(withinBudget(ranked, budgetTokens));
    const signatures = outlinesWithinBudget(input.importedOutlines, current.path, budgetTokens - Math.min(similarWanted, Math.floor(budgetTokens / 2)));
    return [...signatures, ...withinBudget(ranked, budgetTokens - sumTokens(signatures))];
  }
}

/** The last `count` lines of the prefix: the code the similar snippets should look like. */
function lastLines(prefix: string, count: number): string {
  return prefix.split('\n').slice(-Math.max(1, count)).join('\n');
}

function sumTokens(snippets: readonly ContextSnippet[]): number {
  return snippets.reduce((sum, s) => sum + estimateTokens(s.text, 'openai'), 0);
}

/** Outlines in the order given, each cut to its first lines if it does not fit whole. */
function outlinesWithinBudget(outlines: ContextInput['importedOutlines'], currentPath: string, budgetTokens: number): ContextSnippet[] {
  const kept: ContextSnippet[] = [];
  let left = budgetTokens;
  for (const { path, outline } of outlines) {
    if (path === currentPath) continue;
    const text = firstLinesWithin(outline.trimEnd(), left);
    if (text === '') continue;
    kept.push({ kind: 'signatures', path, text });
    left -= estimateTokens(text, 'openai');
  }
  return kept;
}

/** The longest run of whole first lines whose estimate fits the budget ('' if not even one line does). */
function firstLinesWithin(text: string, budgetTokens: number): string {
  if (estimateTokens(text, 'openai') <= budgetTokens) return text;
  const lines = text.split('\n');
  let count = 0;
  while (count < lines.length && estimateTokens(lines.slice(0, count + 1).join('\n'), 'openai') <= budgetTokens) count++;
  return lines.slice(0, count).join('\n');
}
