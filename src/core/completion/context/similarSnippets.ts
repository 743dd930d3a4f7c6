import { estimateTokens } from '../../tokens/estimate';
import type { ContextDocument, ContextSnippet } from './types';

export interface SimilarOptions {
  readonly windowLines: number;
  readonly budgetTokens: number;
  readonly maxDocuments: number;
}

/** A document this long costs more to split and score than its snippets are worth. */
export const MAX_DOCUMENT_LINES = 5_000;
/** Windows taken from one document: the second best may be a different use of the same API. */
const WINDOWS_PER_DOCUMENT = 2;
/** Words every file shares say nothing about which code is alike. */
const COMMON_WORDS = new Set(
  ('as async await break case catch class const continue def default do elif else export extends false finally for from function if ' +
    'import in is let new none not null of or pass return self static super switch this throw true try type undefined var void while with yield').split(' '),
);

interface Window {
  readonly startLine: number;
  readonly text: string;
  readonly words: ReadonlySet<string>;
  readonly tokens: number;
}

export interface RankedSnippet extends ContextSnippet {
  readonly tokens: number;
}

/** Identifiers of two characters or more, lower-cased, common keywords left out. */
export function identifierSet(text: string): Set<string> {
  const words = new Set<string>();
  for (const [word] of text.matchAll(/[A-Za-z_$][\w$]*/g)) {
    const lower = word.toLowerCase();
    if (lower.length > 1 && !COMMON_WORDS.has(lower)) words.add(lower);
  }
  return words;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return shared === 0 ? 0 : shared / (a.size + b.size - shared);
}

/**
 * Finds the windows of other open documents most like the code before the cursor. Splitting a document and
 * collecting its words is the costly part, so it is done once per (uri, version) and kept until the
 * document is no longer passed in; scoring against a warm cache is a few thousand set look-ups.
 */
export class SimilarSnippetFinder {
  private readonly windows = new Map<string, { readonly version: number; readonly windowLines: number; readonly windows: readonly Window[] }>();

  /** Snippets scoring above zero, best first, at most two per document and none overlapping, with no budget applied. */
  rank(query: string, documents: readonly ContextDocument[], windowLines: number, maxDocuments: number): RankedSnippet[] {
    const queryWords = identifierSet(query);
    const read = documents.slice(0, Math.max(0, maxDocuments));
    this.evictAllBut(read);
    if (queryWords.size === 0) return [];
    const picked: { readonly score: number; readonly order: number; readonly path: string; readonly window: Window }[] = [];
    read.forEach((document, order) => {
      const scored = this.windowsOf(document, windowLines)
        .map((window) => ({ score: jaccard(queryWords, window.words), order, path: document.path, window }))
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score || a.window.startLine - b.window.startLine);
      const kept: typeof scored = [];
      for (const s of scored) {
        if (kept.length === WINDOWS_PER_DOCUMENT) break;
        if (kept.every((k) => Math.abs(k.window.startLine - s.window.startLine) >= windowLines)) kept.push(s);
      }
      picked.push(...kept);
    });
    picked.sort((a, b) => b.score - a.score || a.order - b.order || a.window.startLine - b.window.startLine);
    return picked.map(({ path, window }) => ({ kind: 'similar', path, text: window.text, tokens: window.tokens }));
  }

  find(query: string, documents: readonly ContextDocument[], options: SimilarOptions): ContextSnippet[] {
    return withinBudget(this.rank(query, documents, options.windowLines, options.maxDocuments), options.budgetTokens);
  }

  private windowsOf(document: ContextDocument, windowLines: number): readonly Window[] {
    const cached = this.windows.get(document.uri);
    if (cached?.version === document.version && cached.windowLines === windowLines) return cached.windows;
    const windows = splitWindows(document.getText(), windowLines);
    this.windows.set(document.uri, { version: document.version, windowLines, windows });
    return windows;
  }

  private evictAllBut(documents: readonly ContextDocument[]): void {
    const keep = new Set(documents.map((d) => d.uri));
    for (const uri of this.windows.keys()) if (!keep.has(uri)) this.windows.delete(uri);
  }
}

/** Windows of `windowLines` lines, each starting half a window after the last; the last one reaches the end. */
function splitWindows(text: string, windowLines: number): Window[] {
  const lines = text.split('\n');
  if (lines.length > MAX_DOCUMENT_LINES) return [];
  const size = Math.max(1, windowLines);
  const step = Math.max(1, Math.floor(size / 2));
  const windows: Window[] = [];
  for (let start = 0; start < lines.length; start += step) {
    const windowText = lines.slice(start, start + size).join('\n');
    const words = identifierSet(windowText);
    if (words.size > 0) windows.push({ startLine: start, text: windowText, words, tokens: estimateTokens(windowText, 'openai') });
    if (start + size >= lines.length) break;
  }
  return windows;
}

/** The snippets that fit the budget, in order; one too large is skipped and a smaller one after it may still fit. */
export function withinBudget(snippets: readonly RankedSnippet[], budgetTokens: number): ContextSnippet[] {
  const kept: ContextSnippet[] = [];
  let left = budgetTokens;
  for (const { kind, path, text, tokens } of snippets) {
    if (tokens > left) continue;
    kept.push({ kind, path, text });
    left -= tokens;
  }
  return kept;
}

/** One-off search with no cache kept between calls (the pipeline holds a SimilarSnippetFinder instead). */
export function similarSnippets(query: string, documents: readonly ContextDocument[], options: SimilarOptions): ContextSnippet[] {
  return new SimilarSnippetFinder().find(query, documents, options);
}
