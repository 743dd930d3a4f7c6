import * as vscode from 'vscode';
import { CompletionContext, type EditorView } from '../../core/completion/context/completionContext';
import type { ImportTarget } from '../../core/completion/context/importedOutlines';
import type { ContextDocument, ContextSnippet } from '../../core/completion/context/types';
import type { CompletionParameters } from '../../core/completion/parameters';
import type { CompletionInput } from '../../core/completion/pipeline';
import type { Logger } from '../../core/log/logger';
import type { ContentBoundary } from '../privacy/contentBoundary';

/**
 * The context stage's editor side: reads what the editor shows (the documents open in tabs, which one is
 * active, the files an import may name) and hands it to core/completion/context/completionContext, which
 * chooses the snippets. A file excluded from what Tandem sends is never read for context, open or imported.
 */
export class EditorContext implements vscode.Disposable {
  private readonly context: CompletionContext;
  private readonly subscriptions: vscode.Disposable[];

  /** `parameters`: the window sizes of the similar-code search, fixed for the gatherer's life. */
  constructor(parameters: CompletionParameters, log: Logger, private readonly boundary: ContentBoundary) {
    this.context = new CompletionContext(parameters, log);
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active) this.context.touched(active);
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.context.touched(editor.document.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((document) => this.context.closed(document.uri.toString())),
    ];
  }

  /** `parameters`: the keystroke's own, as the pipeline was given them. */
  snippets(input: CompletionInput, parameters: CompletionParameters): readonly ContextSnippet[] {
    return this.context.snippets({ uri: input.document, path: input.path, languageId: input.languageId, prefix: input.prefix }, this.view(input.document), parameters);
  }

  private view(current: string): EditorView {
    const loaded = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const inTabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : []));
    const openDocuments = [...new Set(inTabs)].flatMap((uri) => {
      const document = loaded.get(uri);
      return document && !this.boundary.excludedBy(document.uri) ? [asContextDocument(document)] : [];
    });
    const document = loaded.get(current);
    const folder = document && vscode.workspace.getWorkspaceFolder(document.uri);
    if (!document || !folder) return { openDocuments };
    return { openDocuments, imports: { document: asContextDocument(document), locate: (candidate) => this.importTarget(vscode.Uri.joinPath(folder.uri, candidate), loaded) } };
  }

  private importTarget(target: vscode.Uri, loaded: ReadonlyMap<string, vscode.TextDocument>): ImportTarget {
    const open = loaded.get(target.toString());
    return {
      uri: target.toString(),
      excluded: this.boundary.excludedBy(target) !== undefined,
      ...(open ? { open: asContextDocument(open) } : {}),
      read: async () => {
        try {
          return new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
        } catch (error) {
          if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
          throw error;
        }
      },
    };
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function asContextDocument(document: vscode.TextDocument): ContextDocument {
  return {
    uri: document.uri.toString(),
    path: vscode.workspace.asRelativePath(document.uri, false),
    languageId: document.languageId,
    version: document.version,
    getText: () => document.getText(),
  };
}
