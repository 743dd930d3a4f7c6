import * as vscode from 'vscode';
import { formatUsd } from '../../core/format/spend';
import type { ModelTable } from '../../core/models/modelTable';
import { spendBreakdown, type SpendBreakdown, type SpendRow } from '../../core/spend/spendBreakdown';
import type { SessionSpend } from '../../core/spend/sessionSpend';

export type SpendSection = 'task' | 'model';

/** A line of the spend section: the session's total, a heading, or a task's or a model's row under it. */
export type SpendNode =
  | { readonly kind: 'total'; readonly row: SpendRow }
  | { readonly kind: 'heading'; readonly section: SpendSection }
  | { readonly kind: 'row'; readonly section: SpendSection; readonly row: SpendRow };

const HEADINGS: Readonly<Record<SpendSection, { label: string; icon: string }>> = {
  task: { label: 'By task', icon: 'tasklist' },
  model: { label: 'By model', icon: 'sparkle' },
};

/** Clicking a line opens the report on this session. */
const OPEN_REPORT: vscode.Command = { command: 'tandem.showUsage', title: 'Show Usage and Cost', arguments: ['session'] };

/**
 * "Session Spend" in the Tandem view: the session's total, then its spend by task and by model, redrawn as
 * each call is recorded (SessionSpend's change event, the one the status bar follows). An empty session
 * shows the view's welcome text instead.
 */
export class SpendTreeProvider implements vscode.TreeDataProvider<SpendNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SpendNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Worked out when the view asks for it (only while it is shown), not at every call. */
  private breakdown: SpendBreakdown | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly session: SessionSpend, private readonly models: () => ModelTable) {
    this.subscriptions = [
      session.onDidChange(() => this.refresh()),
      // The total spins while a request is in flight, as the status bar item does.
      session.onDidChangeBusy(() => this.changed.fire(undefined)),
    ];
  }

  /** Reads the session again (also when the catalog's display names change). */
  refresh(): void {
    this.breakdown = undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: SpendNode): SpendNode[] {
    this.breakdown ??= spendBreakdown(this.session.records, this.models());
    const { total, byTask, byModel } = this.breakdown;
    if (!node) return total.calls === 0 ? [] : [{ kind: 'total', row: total }, { kind: 'heading', section: 'task' }, { kind: 'heading', section: 'model' }];
    if (node.kind !== 'heading') return [];
    return (node.section === 'task' ? byTask : byModel).map((row) => ({ kind: 'row', section: node.section, row }));
  }

  getTreeItem(node: SpendNode): vscode.TreeItem {
    if (node.kind === 'heading') {
      const heading = HEADINGS[node.section];
      const item = new vscode.TreeItem(heading.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `spend.${node.section}`;
      item.iconPath = new vscode.ThemeIcon(heading.icon);
      return item;
    }
    const { row } = node;
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.kind === 'total' ? 'spend.total' : `spend.${node.section}.${row.key}`;
    item.description = row.description;
    const tooltip = new vscode.MarkdownString(row.tooltip);
    item.tooltip = tooltip;
    item.command = OPEN_REPORT;
    item.contextValue = node.kind === 'total' ? 'tandemSpend:total' : 'tandemSpend:row';
    if (node.kind === 'total') item.iconPath = new vscode.ThemeIcon(this.session.busy ? 'sync~spin' : 'credit-card');
    item.accessibilityInformation = { label: `${row.label}: ${row.description}` };
    return item;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

/** The view, its header's total, and Set Budget (the budget settings: they are the user's, never a workspace's). */
export function registerSpendView(session: SessionSpend, models: () => ModelTable): { provider: SpendTreeProvider } & vscode.Disposable {
  const provider = new SpendTreeProvider(session, models);
  const view = vscode.window.createTreeView('tandem.spendView', { treeDataProvider: provider });
  const header = (): void => {
    view.description = formatUsd(session.totals.costMicroUsd);
  };
  header();
  const registrations = vscode.Disposable.from(
    provider,
    view,
    provider.onDidChangeTreeData(header),
    vscode.commands.registerCommand('tandem.spendView.setBudget', () => vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.budget')),
  );
  return { provider, dispose: () => registrations.dispose() };
}
