import * as vscode from 'vscode';
import { errorText } from '../../core/format/errorText';
import type { Logger } from '../../core/log/logger';
import type { ModelTable } from '../../core/models/modelTable';
import { isPlainObject } from '../../core/models/settingsText';
import { taskLabel } from '../../core/models/tasks';
import type { TaskAdvice } from '../../core/quality/routingAnalysis';
import { routingChange, routingSettingsText } from '../../core/quality/routingChange';
import type { RoutingHistoryStore } from './routingHistoryStore';

export type SwitchAdvice = Extract<TaskAdvice, { kind: 'switch' }>;

/** The button of the confirmation: the only way the change is written. */
export const WRITE_CHOICE = 'Write to User Settings';
const SCHEME = 'tandem-routing';

/**
 * Applies a routing advice the way a careful user would by hand: shows `tandem.routing` before and after in a
 * read-only diff, asks in a modal, writes user settings (never the workspace's: routing advice is about the
 * user's own work), and records the change in the history.
 */
export class RoutingApplier implements vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;
  private serial = 0;

  constructor(
    private readonly history: RoutingHistoryStore,
    private readonly models: () => ModelTable,
    private readonly log: Logger,
  ) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.documents.get(uri.toString()) ?? '',
    });
  }

  /** True when the change was written. */
  async apply(advice: SwitchAdvice): Promise<boolean> {
    const name = (id: string): string => this.models()[id]?.displayName ?? id;
    const task = taskLabel(advice.task);
    const config = vscode.workspace.getConfiguration('tandem');
    const inspected = config.inspect<unknown>('routing');
    const change = routingChange(inspected?.globalValue, advice.task, advice.from, advice.to);
    const id = ++this.serial;
    const before = this.document(`/${id}/before/settings.json`, routingSettingsText(change.before));
    const after = this.document(`/${id}/after/settings.json`, routingSettingsText(change.after));
    await vscode.commands.executeCommand('vscode.diff', before, after, `User Settings: ${task} → ${name(advice.to)} (preview)`, { preview: true });

    const workspaceRoute = { ...asRecord(inspected?.workspaceValue), ...asRecord(inspected?.workspaceFolderValue) }[advice.task];
    const detail = [
      `Sets "tandem.routing": { "${advice.task}": "${advice.to}" } in your user settings (not this workspace's), as the diff shows. Nothing else changes.`,
      advice.text,
      workspaceRoute === undefined
        ? `To undo it, remove "${advice.task}" from tandem.routing in your user settings.`
        : `This workspace's settings route ${task} to ${String(workspaceRoute)}, which stays in force here; the change applies in your other workspaces.`,
    ].join('\n\n');
    const choice = await vscode.window.showInformationMessage(`Route ${task} to ${name(advice.to)}?`, { modal: true, detail }, WRITE_CHOICE);
    await this.closeDiff(after);
    this.forget(before, after);
    if (choice !== WRITE_CHOICE) return false;

    try {
      await config.update('routing', change.after, vscode.ConfigurationTarget.Global);
    } catch (error) {
      void vscode.window.showErrorMessage(`Tandem: could not write tandem.routing to your user settings: ${errorText(error)}. Open your user settings (JSON), fix any error in the file, and apply again.`);
      return false;
    }
    await this.history.add({ time: new Date().toISOString(), task: advice.task, from: advice.from, to: advice.to, why: advice.text });
    this.log.info(`routing: ${advice.task} ${advice.from} → ${advice.to} written to user settings`);
    void vscode.window
      .showInformationMessage(`Tandem: ${task} now goes to ${name(advice.to)}. The Routing view lists the change under "Routing changes".`, 'Open User Settings')
      .then((open) => (open ? vscode.commands.executeCommand('workbench.action.openSettingsJson') : undefined), () => undefined);
    return true;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  private document(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SCHEME, path });
    this.documents.set(uri.toString(), text);
    return uri;
  }

  private forget(...uris: vscode.Uri[]): void {
    for (const uri of uris) this.documents.delete(uri.toString());
  }

  /** The preview has done its job once the user answered: close its tab. */
  private async closeDiff(after: vscode.Uri): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === after.toString());
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}
