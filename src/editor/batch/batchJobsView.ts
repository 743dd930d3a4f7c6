import * as vscode from 'vscode';
import type { BatchJob } from '../../core/batch/job';
import { jobActions, type JobAction } from '../../core/batch/jobActions';
import { isActive, progressLabel } from '../../core/batch/jobState';
import { formatUsd } from '../../core/format/spend';
import type { BatchRunner } from '../../core/batch/runner';
import type { JobStore } from './jobStore';
import type { BulkEditLander } from './landBulkEdit';

/** The status bar entry: how many jobs are running and how far; click for the list. */
export class BatchStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.batch', vscode.StatusBarAlignment.Right, 99);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: JobStore) {
    this.item.name = 'Tandem Batch Jobs';
    this.item.command = 'tandem.showBatchJobs';
    this.subscription = store.onDidChange(() => this.render());
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  render(): void {
    const active = this.store.all().filter(isActive);
    if (active.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text = active.length === 1 ? `$(layers) ${progressLabel(active[0])}` : `$(layers) ${active.length} batch jobs`;
    this.item.tooltip = new vscode.MarkdownString(['**Tandem batch jobs**', '', ...active.map((j) => `- ${j.title}: ${progressLabel(j)}`), '', 'Click for the list.'].join('\n'));
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

/** How the jobs list offers each action. */
const ACTION_ITEMS: Readonly<Record<JobAction, { label: string; description?: string }>> = {
  refresh: { label: '$(refresh) Check Now' },
  cancel: { label: '$(stop-circle) Cancel Job' },
  preview: { label: '$(diff) Show the Edits Again' },
  problems: { label: '$(warning) Show Problems' },
  forget: { label: '$(trash) Remove from the List' },
};

/** `Tandem: Show Batch Jobs`: every job with its progress; pick one for what can be done with it. */
export async function showBatchJobs(store: JobStore, runner: BatchRunner, bulkEdits: BulkEditLander): Promise<void> {
  const jobs = store.all().reverse();
  if (jobs.length === 0) {
    void vscode.window.showInformationMessage('Tandem: no batch jobs. Start one with "Review Folder for Compliance (Batch)" or "Bulk Edit Files (Batch)…".');
    return;
  }
  const picked = await vscode.window.showQuickPick(jobs.map((job) => ({
    label: `${isActive(job) ? '$(sync~spin)' : job.phase === 'ended' ? '$(check)' : '$(circle-slash)'} ${job.title}`,
    description: progressLabel(job),
    detail: `${new Date(job.createdAt).toLocaleString()} · estimated ${formatUsd(job.estimate.batchMicroUsd)} at the batch rate`,
    job,
  })), { title: 'Tandem: batch jobs', placeHolder: 'Pick a job to cancel it, refresh it or see its results' });
  if (!picked) return;
  const action = await vscode.window.showQuickPick(actionsFor(picked.job, bulkEdits), { title: picked.job.title });
  if (!action) return;
  await runAction(action.action, picked.job, store, runner, bulkEdits);
}

function actionsFor(job: BatchJob, bulkEdits: BulkEditLander): { label: string; description?: string; action: JobAction }[] {
  return jobActions(job, bulkEdits.has(job.id)).map((action) => ({
    ...ACTION_ITEMS[action],
    // For a job that cannot be reached any more (the key or the provider's batch gone): Tandem stops checking it.
    ...(action === 'forget' && isActive(job) ? { description: 'stops checking it here; its results will not land' } : {}),
    action,
  }));
}

export async function runAction(action: JobAction, job: BatchJob, store: JobStore, runner: BatchRunner, bulkEdits: BulkEditLander): Promise<void> {
  switch (action) {
    case 'cancel': {
      const next = await runner.cancel(job.id);
      void vscode.window.showInformationMessage(`Tandem: ${job.title}: ${next ? progressLabel(next) : 'gone'}. What already finished still lands.`);
      return;
    }
    case 'refresh':
      await runner.poll(job.id);
      return;
    case 'preview':
      await bulkEdits.preview(job.id);
      return;
    case 'problems':
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    case 'forget':
      await store.remove(job.id);
  }
}
