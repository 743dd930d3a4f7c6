import * as vscode from 'vscode';
import type { BatchJob } from '../../core/batch/job';
import { jobActions, type JobAction } from '../../core/batch/jobActions';
import { isActive } from '../../core/batch/jobState';
import { jobRow } from '../../core/batch/jobRow';
import type { ModelTable } from '../../core/models/modelTable';
import { runAction } from '../batch/batchJobsView';
import type { BatchJobs } from '../batch/registerBatch';

/**
 * "Batch Jobs" in the Tandem view: every job the workspace knows, newest first, with its progress, redrawn
 * whenever the store changes (each poll of the runner writes the job back). An element is a job's id, so
 * the item menus hand the existing commands (Cancel Batch Job) the id they take. No jobs: the welcome text.
 */
export class BatchTreeProvider implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private jobs = new Map<string, BatchJob>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly batch: Pick<BatchJobs, 'store' | 'bulkEdits'>, private readonly models: () => ModelTable) {
    this.read();
    this.subscription = batch.store.onDidChange(() => {
      this.read();
      this.changed.fire(undefined);
    });
  }

  /** The jobs shown, newest first. */
  get shown(): readonly BatchJob[] {
    return [...this.jobs.values()];
  }

  getChildren(id?: string): string[] {
    return id === undefined ? [...this.jobs.keys()] : [];
  }

  getTreeItem(id: string): vscode.TreeItem {
    const job = this.jobs.get(id);
    if (!job) return new vscode.TreeItem('(removed)');
    const row = jobRow(job, jobActions(job, this.batch.bulkEdits.has(job.id)), {
      createdAt: new Date(job.createdAt).toLocaleString(),
      model: this.models()[job.model]?.displayName ?? job.model,
    });
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = `batch.${job.id}`;
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.tooltip = new vscode.MarkdownString(row.tooltip);
    item.contextValue = row.contextValue;
    item.accessibilityInformation = { label: `${row.label}: ${row.description}` };
    return item;
  }

  private read(): void {
    this.jobs = new Map(this.batch.store.all().reverse().map((job) => [job.id, job]));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Item actions the quick pick of Show Batch Jobs offers too; Cancel is the existing Cancel Batch Job command. */
const VIEW_ACTIONS: readonly (readonly [string, JobAction])[] = [
  ['tandem.batchView.checkNow', 'refresh'],
  ['tandem.batchView.showEdits', 'preview'],
  ['tandem.batchView.showProblems', 'problems'],
  ['tandem.batchView.remove', 'forget'],
];

/** The view, its badge (jobs running, on the activity bar icon), and the item actions. */
export function registerBatchView(batch: BatchJobs, models: () => ModelTable): { provider: BatchTreeProvider } & vscode.Disposable {
  const provider = new BatchTreeProvider(batch, models);
  const view = vscode.window.createTreeView('tandem.batchView', { treeDataProvider: provider });
  const badge = (): void => {
    const running = provider.shown.filter(isActive).length;
    view.badge = running === 0 ? undefined : { value: running, tooltip: running === 1 ? '1 batch job running' : `${running} batch jobs running` };
  };
  badge();
  const registrations = vscode.Disposable.from(
    provider,
    view,
    provider.onDidChangeTreeData(badge),
    ...VIEW_ACTIONS.map(([command, action]) => vscode.commands.registerCommand(command, async (id?: unknown) => {
      const job = typeof id === 'string' ? batch.store.get(id) : undefined;
      if (job) await runAction(action, job, batch.store, batch.runner, batch.bulkEdits);
    })),
  );
  return { provider, dispose: () => registrations.dispose() };
}
