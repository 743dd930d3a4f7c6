/** An open editor's document, as the context stage sees it (the editor layer adapts vscode.TextDocument). */
export interface ContextDocument {
  /** Stable id. */
  readonly uri: string;
  /** Workspace-relative path for labels, forward slashes. */
  readonly path: string;
  readonly languageId: string;
  /** Changes whenever the text changes. */
  readonly version: number;
  getText(): string;
}

/** A piece of context that goes into the prompt ahead of the current file. */
export interface ContextSnippet {
  readonly kind: 'signatures' | 'similar';
  readonly path: string;
  readonly text: string;
}
