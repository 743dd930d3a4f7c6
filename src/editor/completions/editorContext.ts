import * as vscode from 'vscode';
import { ContextGatherer } from '../../core/completion/context/gatherContext';
import { importCandidates, importSpecifiers } from '../../core/completion/context/imports';
import { signatureOutline } from '../../core/completion/context/signatures';
import type { ContextDocument, ContextSnippet } from '../../core/completion/context/types';
import type { CompletionParameters } from '../../core/completion/parameters';
import type { CompletionInput } from '../../core/completion/pipeline';
import { errorText } from '../../core/format/errorText';
import type { Logger } from '../../core/log/logger';
import type { ContentBoundary } from '../privacy/contentBoundary';

/** Outlines of files read from disk are re-read after this long (they may have changed outside the editor). */
const DISK_OUTLINE_TTL_MS = 60_000;

/** `outline` undefined: there is no such file (looked for at `readAt`). */
type DiskOutline = { readonly outline: string | undefined; readonly readAt: number } | 'reading';

/**
 * The context stage's editor side: other open editors (most recently used first) and the outlines of the
 * files the current one imports. Never waits: an imported file not read yet is read in the background
 * and joins the context from the next request on. A file excluded from what Tandem sends is never read
 * for context, open or imported.
 */
export class EditorContext implements vscode.Disposable {
  private readonly recent: string[] = [];
  private readonly disk = new Map<string, DiskOutline>();
  private readonly liveOutlines = new Map<string, { version: number; outline: string }>();
  private readonly imports = new Map<string, { version: number; specifiers: readonly string[] }>();
  private readonly gatherer: ContextGatherer;
  private readonly subscriptions: vscode.Disposable[];

  /** `parameters`: the window sizes of the similar-code search, fixed for the gatherer's life. */
  constructor(parameters: CompletionParameters, private readonly log: Logger, private readonly boundary: ContentBoundary) {
    this.gatherer = new ContextGatherer(parameters);
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active) this.recent.push(active);
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.touch(editor.document.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((document) => {
        const uri = document.uri.toString();
        this.liveOutlines.delete(uri);
        this.imports.delete(uri);
      }),
    ];
  }

  /** `parameters`: the keystroke's own, as the pipeline was given them. */
  snippets(input: CompletionInput, parameters: CompletionParameters): readonly ContextSnippet[] {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === input.document);
    return this.gatherer.gather({
      current: { uri: input.document, path: input.path, languageId: input.languageId, prefix: input.prefix },
      openDocuments: this.openDocuments(),
      importedOutlines: document ? this.importedOutlines(document, parameters) : [],
      budgetTokens: parameters.snippetTokens,
    });
  }

  private touch(uri: string): void {
    const at = this.recent.indexOf(uri);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.unshift(uri);
    if (this.recent.length > 50) this.recent.length = 50;
  }

  /** Documents open in editor tabs, most recently used first. */
  private openDocuments(): ContextDocument[] {
    const loaded = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const inTabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs)
      .flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : []));
    const rank = (uri: string) => {
      const at = this.recent.indexOf(uri);
      return at < 0 ? Number.MAX_SAFE_INTEGER : at;
    };
    return [...new Set(inTabs)].sort((a, b) => rank(a) - rank(b))
      .flatMap((uri) => {
        const document = loaded.get(uri);
        return document && !this.boundary.excludedBy(document.uri) ? [asContextDocument(document)] : [];
      });
  }

  private importedOutlines(document: vscode.TextDocument, parameters: CompletionParameters): { path: string; outline: string }[] {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return [];
    const uri = document.uri.toString();
    let known = this.imports.get(uri);
    if (known?.version !== document.version) {
      known = { version: document.version, specifiers: importSpecifiers(document.getText(), document.languageId) };
      this.imports.set(uri, known);
    }
    const from = vscode.workspace.asRelativePath(document.uri, false);
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const outlines: { path: string; outline: string }[] = [];
    for (const specifier of known.specifiers) {
      if (outlines.length >= parameters.importedFiles) break;
      for (const candidate of importCandidates(specifier, from, document.languageId)) {
        const target = vscode.Uri.joinPath(folder.uri, candidate);
        if (this.boundary.excludedBy(target)) break;
        const live = open.get(target.toString());
        const outline = live ? this.liveOutline(live, parameters) : this.diskOutline(target, document.languageId, parameters);
        // Candidates not read yet are all looked for at once; the first one that exists is used.
        if (outline === 'missing' || outline === 'reading') continue;
        if (outline) outlines.push({ path: candidate, outline });
        break;
      }
    }
    return outlines;
  }

  private liveOutline(document: vscode.TextDocument, parameters: CompletionParameters): string {
    const uri = document.uri.toString();
    const known = this.liveOutlines.get(uri);
    if (known?.version === document.version) return known.outline;
    const outline = signatureOutline(document.getText(), document.languageId, parameters.signatureLines);
    this.liveOutlines.set(uri, { version: document.version, outline });
    return outline;
  }

  private diskOutline(target: vscode.Uri, languageId: string, parameters: CompletionParameters): string | 'missing' | 'reading' {
    const key = target.toString();
    const known = this.disk.get(key);
    if (known === 'reading') return known;
    if (!known || Date.now() - known.readAt >= DISK_OUTLINE_TTL_MS) {
      // Until the new read lands, the old outline (or its absence) stands.
      this.disk.set(key, known ? { ...known, readAt: Date.now() } : 'reading');
      void vscode.workspace.fs.readFile(target).then(
        (bytes) => this.disk.set(key, { outline: signatureOutline(new TextDecoder().decode(bytes), languageId, parameters.signatureLines), readAt: Date.now() }),
        (error: unknown) => {
          this.disk.set(key, { outline: undefined, readAt: Date.now() });
          if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) this.log.warn(`completions: could not read ${key} (${errorText(error)})`);
        },
      );
      if (!known) return 'reading';
    }
    return known.outline ?? 'missing';
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
