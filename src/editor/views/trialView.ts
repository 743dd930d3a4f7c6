import * as vscode from 'vscode';
import type { LedgerStore } from '../../core/ledger/store';
import type { ModelTable, RoutingTable } from '../../core/models/modelTable';
import { taskLabel, type TaskKind } from '../../core/models/tasks';
import { fallbackFor } from '../../core/routing/router';
import type { SessionSpend } from '../../core/spend/sessionSpend';
import { daysLeft, sharePercent, trialDate, type RoutingTrial } from '../../core/trial/routingTrial';
import { trialCallCounts, type ArmCounts } from '../../core/trial/trialCounts';
import type { TrialStore } from '../trial/trialStore';

/** A line of the Routing Trial section: its share, its end, or one of its tasks with the calls per arm so far. */
export type TrialNode =
  | { readonly kind: 'share'; readonly trial: RoutingTrial }
  | { readonly kind: 'ends'; readonly trial: RoutingTrial }
  | { readonly kind: 'task'; readonly trial: RoutingTrial; readonly task: TaskKind; readonly counts: ArmCounts };

export interface TrialViewSources {
  readonly store: TrialStore;
  readonly ledger: LedgerStore;
  readonly session: SessionSpend;
  readonly settings: () => { readonly models: ModelTable; readonly routes: RoutingTable };
  readonly now?: () => Date;
}

/** Clicking a task opens the report, where the Routing view compares the models. */
const OPEN_REPORT: vscode.Command = { command: 'tandem.showUsage', title: 'Show Usage and Cost' };

/**
 * "Routing Trial" in the Tandem view: while a trial runs, its share, its end and per task the calls each arm
 * has had (from the ledger, records with this trial's id), redrawn as calls are recorded; with none running,
 * the view's welcome text and its Start button.
 */
export class TrialTreeProvider implements vscode.TreeDataProvider<TrialNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TrialNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private readonly now: () => Date;

  constructor(private readonly sources: TrialViewSources) {
    this.now = sources.now ?? (() => new Date());
    this.subscriptions = [sources.store.onDidChange(() => this.refresh()), sources.session.onDidChange(() => this.refresh())];
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: TrialNode): Promise<TrialNode[]> {
    const trial = this.sources.store.current;
    if (node || !trial) return [];
    const { records } = await this.sources.ledger.read({ from: new Date(trial.startedAt) });
    const counts = trialCallCounts(records, trial);
    return [
      { kind: 'share', trial },
      { kind: 'ends', trial },
      ...trial.tasks.map((task): TrialNode => ({ kind: 'task', trial, task, counts: counts.get(task) ?? { routed: 0, trial: 0 } })),
    ];
  }

  getTreeItem(node: TrialNode): vscode.TreeItem {
    const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
    item.id = `trial.${node.trial.id}.${node.kind === 'task' ? node.task : node.kind}`;
    if (node.kind === 'share') {
      item.label = 'Share';
      item.description = `${sharePercent(node.trial)}% of calls to the other model`;
      item.iconPath = new vscode.ThemeIcon('beaker');
    } else if (node.kind === 'ends') {
      const left = daysLeft(node.trial, this.now());
      item.label = 'Ends';
      item.description = `${trialDate(node.trial.endsAt)} (${left === 1 ? '1 day' : `${left} days`} left)`;
      item.iconPath = new vscode.ThemeIcon('calendar');
    } else {
      const { models, routes } = this.sources.settings();
      const routed = models[routes[node.task].model]?.displayName ?? routes[node.task].model;
      const other = models[fallbackFor(routes[node.task].model, models, routes)].displayName;
      const { routed: onRoute, trial: onTrial } = node.counts;
      item.label = taskLabel(node.task);
      item.description = routes[node.task].pinned
        ? `pinned in tandem.routing, no longer tried · ${onRoute} routed · ${onTrial} trial`
        : `${routed} ${onRoute} · ${other} ${onTrial}`;
      item.tooltip = `${taskLabel(node.task)}: ${plural(onRoute)} on its route (${routed}), ${plural(onTrial)} on the trial (${other}) so far. The report's Routing view compares them.`;
      item.iconPath = new vscode.ThemeIcon('symbol-event');
      item.command = OPEN_REPORT;
      item.contextValue = 'tandemTrial:task';
    }
    item.accessibilityInformation = { label: `${String(item.label)}: ${String(item.description)}` };
    return item;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

function plural(calls: number): string {
  return calls === 1 ? '1 call' : `${calls} calls`;
}

/** The view, its header (the share and end while a trial runs). */
export function registerTrialView(sources: TrialViewSources): { provider: TrialTreeProvider } & vscode.Disposable {
  const provider = new TrialTreeProvider(sources);
  const view = vscode.window.createTreeView('tandem.trialView', { treeDataProvider: provider });
  const header = (): void => {
    const trial = sources.store.current;
    view.description = trial ? `${sharePercent(trial)}% until ${trialDate(trial.endsAt)}` : undefined;
  };
  header();
  const registrations = vscode.Disposable.from(provider, view, sources.store.onDidChange(header));
  return { provider, dispose: () => registrations.dispose() };
}
