import * as vscode from 'vscode';
import { diffSignal } from '../../core/quality/answerOutcomes';
import type { SignalName } from '../../core/quality/signal';
import { fileName, linesLabel } from './fileFacts';

/** A proposed replacement for a range of a document, waiting for the user's yes or no. */
interface Proposal {
  readonly id: string;
  readonly document: vscode.TextDocument;
  /** The document version the proposal was computed against: any later change voids it. */
  readonly version: number;
  readonly range: vscode.Range;
  readonly replacement: string;
  /** The whole file with the replacement applied: the right side of the diff. */
  readonly proposedText: string;
  readonly uri: vscode.Uri;
  /** The ledger record of the call that proposed it: its accept or reject is recorded on it. */
  readonly call: string;
}

/** Records what the user decided about a proposal, on the call that proposed it. */
export type ProposalDecided = (call: string, name: SignalName) => void;

export const PROPOSAL_SCHEME = 'tandem-proposal';

/**
 * Edit Selection's proposals: each opens as a diff (the file as it is vs. the file with the edit), with
 * Accept and Reject in the diff's title bar and in a notification. Accepting applies the edit as one
 * undoable change, unless the file changed meanwhile: then nothing is applied and the user is told.
 *
 * Each proposal is decided once, and that is recorded: accepted, or rejected (Reject, its diff closed, or a
 * newer proposal for the same file taking its place).
 */
export class EditProposals implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly proposals = new Map<string, Proposal>();
  private counter = 0;
  private readonly registration = vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this),
    vscode.commands.registerCommand('tandem.acceptEdit', (uri?: vscode.Uri) => this.accept(uri)),
    vscode.commands.registerCommand('tandem.rejectEdit', (uri?: vscode.Uri) => this.reject(uri)),
    vscode.window.tabGroups.onDidChangeTabs((e) => this.closedByUser(e.closed)),
  );

  constructor(private readonly decided: ProposalDecided) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.proposals.get(uri.toString())?.proposedText ?? '';
  }

  /** Opens the diff and offers the choice. Resolves once it is shown. */
  async propose(document: vscode.TextDocument, range: vscode.Range, replacement: string, instruction: string, call: string): Promise<void> {
    // A newer proposal for the same file replaces the older one (which accepting would have voided anyway).
    for (const older of [...this.proposals.values()].filter((p) => p.document === document)) await this.end(older, false);
    const id = String(++this.counter);
    const name = fileName(document.uri);
    const uri = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/${name}`, query: document.uri.toString() });
    const text = document.getText();
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const proposal: Proposal = {
      id, document, version: document.version, range, replacement, uri, call,
      proposedText: text.slice(0, start) + replacement + text.slice(end),
    };
    this.proposals.set(uri.toString(), proposal);
    await vscode.commands.executeCommand('setContext', 'tandem.editProposalOpen', true);
    const lines = linesLabel(range);
    await vscode.commands.executeCommand('vscode.diff', document.uri, uri, `${name} ↔ Tandem's edit (${lines})`, { preview: false });
    void vscode.window
      .showInformationMessage(`Tandem proposes an edit to ${name} (${lines}): “${shorten(instruction)}”. Apply it?`, 'Accept', 'Reject')
      .then(async (choice) => {
        if (choice === 'Accept') await this.accept(uri);
        else if (choice === 'Reject') await this.reject(uri);
      });
  }

  /** The proposals not yet accepted or rejected (for the tests and the title-bar buttons). */
  get pending(): readonly vscode.Uri[] {
    return [...this.proposals.values()].map((p) => p.uri);
  }

  /** Applies the proposal (the one given, the one in the active diff, or the latest). True when applied. */
  async accept(uri?: vscode.Uri): Promise<boolean> {
    const proposal = this.find(uri);
    if (!proposal) {
      void vscode.window.showWarningMessage(uri
        ? 'Tandem: that proposed edit was already closed or replaced, so nothing was applied. Run Edit Selection again to get a new proposal.'
        : 'Tandem: there is no proposed edit to accept, so nothing was applied. Run Edit Selection to get one.');
      return false;
    }
    if (!(await this.end(proposal, true))) return false;
    const name = fileName(proposal.document.uri);
    if (proposal.document.isClosed || proposal.document.version !== proposal.version) {
      void vscode.window.showWarningMessage(`Tandem: ${name} changed after the edit was proposed, so it was not applied. Run Edit Selection again on the current code.`);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(proposal.document.uri, proposal.range, proposal.replacement);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) void vscode.window.showErrorMessage(`Tandem: the edit to ${name} could not be applied; the file is unchanged.`);
    return applied;
  }

  /** Drops the proposal: the file is left untouched. */
  async reject(uri?: vscode.Uri): Promise<void> {
    const proposal = this.find(uri);
    if (proposal) await this.end(proposal, false);
  }

  dispose(): void {
    this.registration.dispose();
  }

  private find(uri?: vscode.Uri): Proposal | undefined {
    const key = uri?.toString() ?? activeProposalUri() ?? [...this.proposals.keys()].pop();
    return key ? this.proposals.get(key) : undefined;
  }

  /**
   * Decides a proposal, records it, and closes its diff. False when it was already decided: the first of two
   * decisions arriving together (the title-bar button and the notification) is the one that counts.
   */
  private async end(proposal: Proposal, accepted: boolean): Promise<boolean> {
    if (!this.proposals.delete(proposal.uri.toString())) return false;
    this.decided(proposal.call, diffSignal(accepted));
    await this.close(proposal);
    return true;
  }

  /** The user closed a proposal's diff without deciding: that is a rejection (unless it is still open elsewhere). */
  private closedByUser(closed: readonly vscode.Tab[]): void {
    const shown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => proposalUri(t.input)));
    for (const tab of closed) {
      const key = proposalUri(tab.input);
      const proposal = key === undefined || shown.has(key) ? undefined : this.proposals.get(key);
      // Recorded at once; what is left (the context key, a tab already gone) cannot fail in a way to report.
      if (proposal) this.end(proposal, false).catch(() => undefined);
    }
  }

  private async close(proposal: Proposal): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'tandem.editProposalOpen', this.proposals.size > 0);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(
      (t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposal.uri.toString(),
    );
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }
}

function activeProposalUri(): string | undefined {
  return proposalUri(vscode.window.tabGroups.activeTabGroup.activeTab?.input);
}

/** The proposal a tab shows, when it is a proposal's diff. */
function proposalUri(input: unknown): string | undefined {
  return input instanceof vscode.TabInputTextDiff && input.modified.scheme === PROPOSAL_SCHEME ? input.modified.toString() : undefined;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
