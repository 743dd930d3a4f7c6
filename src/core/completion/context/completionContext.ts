import type { Logger } from '../../log/logger';
import type { CompletionParameters } from '../parameters';
import { ContextGatherer, type ContextInput } from './gatherContext';
import { ImportedOutlines, type LocateImport } from './importedOutlines';
import type { ContextDocument, ContextSnippet } from './types';

/** Documents remembered as recently used: far more than the editors the context stage reads. */
const RECENT_DOCUMENTS = 50;

/** What the editor shows at one request, as plain data (the editor layer reads it; nothing here does). */
export interface EditorView {
  /** Documents open in editor tabs, each once, in tab order; files excluded from what Tandem sends already left out. */
  readonly openDocuments: readonly ContextDocument[];
  /** The current document and where its imports are; undefined when it is not loaded or in no workspace folder. */
  readonly imports?: { readonly document: ContextDocument; readonly locate: LocateImport };
}

/**
 * The pipeline's context stage: from the editor's open documents (most recently used first) and the
 * outlines of the files the current one imports, the snippets that go into the prompt ahead of the
 * current file. Lives as long as the editor session, so what is costly is worked out once per version.
 */
export class CompletionContext {
  /** Uris, most recently used first. */
  private readonly recent: string[] = [];
  private readonly gatherer: ContextGatherer;
  private readonly imported: ImportedOutlines;

  /** `parameters`: the window sizes of the similar-code search, fixed for the gatherer's life. */
  constructor(parameters: CompletionParameters, log: Logger, now?: () => number) {
    this.gatherer = new ContextGatherer(parameters);
    this.imported = new ImportedOutlines(log, now);
  }

  /** A document became the active editor. */
  touched(uri: string): void {
    const at = this.recent.indexOf(uri);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.unshift(uri);
    if (this.recent.length > RECENT_DOCUMENTS) this.recent.length = RECENT_DOCUMENTS;
  }

  /** A document was closed: what was kept of its text goes. */
  closed(uri: string): void {
    this.imported.forget(uri);
  }

  /** `parameters`: the keystroke's own, as the pipeline was given them. */
  snippets(current: ContextInput['current'], editor: EditorView, parameters: CompletionParameters): ContextSnippet[] {
    return this.gatherer.gather({
      current,
      openDocuments: this.mostRecentFirst(editor.openDocuments),
      importedOutlines: editor.imports ? this.imported.outlines(editor.imports.document, editor.imports.locate, parameters) : [],
      budgetTokens: parameters.snippetTokens,
    });
  }

  /** Recently used first; documents never made active keep their tab order, after them. */
  private mostRecentFirst(documents: readonly ContextDocument[]): ContextDocument[] {
    const rank = (uri: string) => {
      const at = this.recent.indexOf(uri);
      return at < 0 ? Number.MAX_SAFE_INTEGER : at;
    };
    return [...documents].sort((a, b) => rank(a.uri) - rank(b.uri));
  }
}
