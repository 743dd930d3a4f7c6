import * as vscode from 'vscode';
import { errorText } from '../../core/format/errorText';
import { inBackground } from '../../core/log/background';
import type { Logger } from '../../core/log/logger';
import { describeRule, ExclusionPolicy, type ExclusionDecision, type ExclusionRule, type IgnoreFileSource } from '../../core/privacy/exclusion';

const IGNORE_FILE = '.tandemignore';
/** A `.tandemignore` is a few lines; anything this big is not one and is not read. */
const MAX_IGNORE_FILE_BYTES = 256 * 1024;
/** Decisions kept per URI; forgotten all at once past this many (a re-check is a few glob tests). */
const MAX_DECISIONS = 2_000;

/**
 * Which files Tandem may send, for the editor: the core's ExclusionPolicy built from `tandem.exclude` (the
 * user's value and the workspace's, which only adds) and the workspace's `.tandemignore` files, rebuilt when
 * either changes — no reload needed. Decisions are kept per URI, because completions ask on every pause in
 * typing, for the edited file and every open editor that could lend context.
 */
export class ContentBoundary implements vscode.Disposable {
  /** Built on first use after each change (never at activation). */
  private policy: ExclusionPolicy | undefined;
  private readonly ignoreFiles = new Map<string, IgnoreFileSource>();
  private readonly decisions = new Map<string, ExclusionDecision>();
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The rules changed: what was excluded may not be, and the other way round. */
  readonly onDidChange = this.changed.event;
  private firstRead: Promise<void> | undefined;
  private read = false;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: Logger) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${IGNORE_FILE}`);
    this.subscriptions = [
      watcher,
      this.changed,
      watcher.onDidCreate((uri) => this.reread(uri)),
      watcher.onDidChange((uri) => this.reread(uri)),
      watcher.onDidDelete((uri) => {
        this.ignoreFiles.delete(uri.toString());
        this.rebuild();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem.exclude') && this.rebuild()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => inBackground(this.readAllIgnoreFiles(), log, 'reading .tandemignore files')),
    ];
  }

  /** Resolves once the workspace's `.tandemignore` files have been read; the first ask starts the search (not activation). */
  get ready(): Promise<void> {
    this.firstRead ??= this.readAllIgnoreFiles().then(() => {
      this.read = true;
    });
    return this.firstRead;
  }

  /** True once `ready` has resolved: until then a decision may miss a `.tandemignore` rule. */
  get isReady(): boolean {
    return this.read;
  }

  /** Whether anything of this file may be sent, and if not, the rule that says so. */
  check(uri: vscode.Uri): ExclusionDecision {
    const key = uri.toString();
    let decision = this.decisions.get(key);
    if (!decision) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const relative = folder ? uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1) : undefined;
      this.policy ??= this.build();
      decision = this.policy.check({ absolute: uri.path, relative });
      if (this.decisions.size >= MAX_DECISIONS) this.decisions.clear();
      this.decisions.set(key, decision);
    }
    return decision;
  }

  /** The rule excluding this file, or undefined when it may be sent. */
  excludedBy(uri: vscode.Uri): ExclusionRule | undefined {
    const decision = this.check(uri);
    return decision.excluded ? decision.rule : undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }

  private async readAllIgnoreFiles(): Promise<void> {
    try {
      const uris = await vscode.workspace.findFiles(`**/${IGNORE_FILE}`, '**/node_modules/**');
      this.ignoreFiles.clear();
      await Promise.all(uris.map((uri) => this.readIgnoreFile(uri)));
    } catch (error) {
      this.log.warn(`exclusion: could not look for ${IGNORE_FILE} files (${errorText(error)})`);
    }
    this.rebuild();
  }

  /** A .tandemignore was created or changed: read it, then apply the rules. */
  private reread(uri: vscode.Uri): void {
    inBackground(this.readIgnoreFile(uri).then(() => this.rebuild()), this.log, `reading ${vscode.workspace.asRelativePath(uri)}`);
  }

  private async readIgnoreFile(uri: vscode.Uri): Promise<void> {
    const path = vscode.workspace.asRelativePath(uri);
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > MAX_IGNORE_FILE_BYTES) {
        this.reportOnce(`${path} is ${Math.round(size / 1024)} KB, too large to be a list of patterns; it is not read.`);
        this.ignoreFiles.delete(uri.toString());
        return;
      }
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      this.ignoreFiles.set(uri.toString(), { dir: uri.path.slice(0, uri.path.lastIndexOf('/')), path, text });
    } catch (error) {
      this.ignoreFiles.delete(uri.toString());
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) this.reportOnce(`could not read ${path} (${errorText(error)})`);
    }
  }

  private rebuild(): void {
    this.policy = undefined;
    this.decisions.clear();
    this.changed.fire();
  }

  private build(): ExclusionPolicy {
    // The user's value and the workspace's are joined, never one instead of the other: a workspace only adds.
    const setting = vscode.workspace.getConfiguration('tandem').inspect<unknown>('exclude');
    const policy = new ExclusionPolicy({
      user: asList(setting?.globalValue),
      workspace: [...asList(setting?.workspaceValue), ...asList(setting?.workspaceFolderValue)],
      ignoreFiles: [...this.ignoreFiles.values()],
    });
    policy.problems.forEach((p) => this.reportOnce(p));
    return policy;
  }

  private reportOnce(problem: string): void {
    if (this.reported.has(problem)) return;
    this.reported.add(problem);
    this.log.warn(`exclusion: ${problem}`);
  }
}

function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** "Tandem: .env is never sent to a model (the built-in rule ".env"), so Generate Code does not run on it." */
export function excludedMessage(name: string, rule: ExclusionRule, what: string): string {
  return `Tandem: ${name} is never sent to a model (excluded by ${describeRule(rule)}), so ${what} does not run on it.`;
}
