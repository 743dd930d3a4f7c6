import * as vscode from 'vscode';
import type { BatchJob } from '../../core/batch/job';
import { isActive, progressLabel } from '../../core/batch/jobState';
import { BatchRunner, type RunnerDeps } from '../../core/batch/runner';
import type { ModelService } from '../../core/calls/modelService';
import type { QualityLog } from '../../core/quality/qualityLog';
import type { ClientPool } from '../models/clientPool';
import type { TandemSettings } from '../models/settings';
import type { TandemLog } from '../log';
import type { ContentBoundary } from '../privacy/contentBoundary';
import type { ReviewDiagnostics } from '../review/reviewDiagnostics';
import { bulkEditBatch, reviewFolderBatch, type BatchCommandEnv } from './batchCommands';
import { BatchStatus, runAction, showBatchJobs } from './batchJobsView';
import { JobStore } from './jobStore';
import { BulkEditLander } from './landBulkEdit';
import { reviewLander } from './landReview';
import { inBackground } from '../../core/log/background';

/** What the integration tests reach. */
export interface BatchJobs extends vscode.Disposable {
  readonly store: JobStore;
  readonly runner: BatchRunner;
  /** What the runner works with: a second runner over them is what a reloaded window builds. */
  readonly runnerDeps: RunnerDeps;
  readonly status: BatchStatus;
  readonly bulkEdits: BulkEditLander;
}

export interface BatchDeps {
  readonly context: vscode.ExtensionContext;
  readonly service: ModelService;
  readonly clients: ClientPool;
  readonly settings: TandemSettings;
  readonly diagnostics: ReviewDiagnostics;
  readonly log: TandemLog;
  readonly boundary: ContentBoundary;
  /** Where a bulk edit's applied and unapplied files are recorded. */
  readonly quality: Pick<QualityLog, 'record'>;
}

/** Batch jobs: the two commands that start them, the runner that sees them through, and their list. */
export function registerBatch(deps: BatchDeps): BatchJobs {
  const { log } = deps;
  const store = new JobStore(deps.context.workspaceState, log);
  const bulkEdits = new BulkEditLander(log, deps.quality);
  const runnerDeps: RunnerDeps = {
    store,
    // Polling is background work: an endpoint not trusted is not asked about from here (submitting asks).
    client: (provider) => deps.clients.batchClient(provider, { background: true }),
    landers: { review: reviewLander(deps.diagnostics, log), bulkEdit: bulkEdits.land },
    ledger: { recordOnce: (record) => deps.service.recordCallOnce(record) },
    models: () => deps.settings.models().models,
    sessionId: () => deps.service.sessionId,
    log,
    tell: (job) => inBackground(tell(job), log, `batch job ${job.id}: the end-of-job message`),
    tellPollTrouble: (_job, message) => void vscode.window.showWarningMessage(message, 'Show Batch Jobs')
      .then((choice) => (choice ? vscode.commands.executeCommand('tandem.showBatchJobs') : undefined)),
  };
  const runner = new BatchRunner(runnerDeps);
  const status = new BatchStatus(store);
  const env: BatchCommandEnv = {
    store,
    runner,
    client: (provider) => deps.clients.batchClient(provider),
    hasKey: (provider) => deps.clients.hasKey(provider),
    models: () => deps.settings.models().models,
    routes: () => deps.settings.models().routes,
    log,
    redact: (task, system, messages) => deps.service.redact(task, system, messages),
    boundary: deps.boundary,
  };
  const registrations = vscode.Disposable.from(
    status,
    runner,
    store,
    vscode.commands.registerCommand('tandem.reviewFolderBatch', (folder?: vscode.Uri) => reviewFolderBatch(env, folder instanceof vscode.Uri ? folder : undefined)),
    vscode.commands.registerCommand('tandem.bulkEditBatch', (clicked?: vscode.Uri, selected?: vscode.Uri[]) =>
      bulkEditBatch(env, clicked instanceof vscode.Uri ? clicked : undefined, Array.isArray(selected) ? selected : undefined)),
    vscode.commands.registerCommand('tandem.showBatchJobs', () => showBatchJobs(store, runner, bulkEdits)),
    vscode.commands.registerCommand('tandem.cancelBatchJob', async (id?: unknown) => {
      const active = store.all().filter(isActive);
      const job = typeof id === 'string' ? store.get(id) : active.length === 1 ? active[0]
        : (await vscode.window.showQuickPick(active.map((j) => ({ label: j.title, description: progressLabel(j), job: j })), { title: 'Tandem: cancel which batch job?' }))?.job;
      if (!job) {
        if (active.length === 0) void vscode.window.showInformationMessage('Tandem: no batch job is running.');
        return;
      }
      await runAction('cancel', job, store, runner, bulkEdits);
    }),
  );
  // Jobs of earlier sessions (or from before a reload) are polled again and land when they end.
  runner.resume();
  return { store, runner, runnerDeps, status, bulkEdits, dispose: () => registrations.dispose() };
}

async function tell(job: BatchJob): Promise<void> {
  const outcomes = job.outcomes ?? [];
  const ok = outcomes.filter((o) => o.kind === 'succeeded').length;
  const failed = outcomes.filter((o) => o.kind !== 'succeeded');
  const problems = failed.length ? ` ${failed.length} did not: ${failed.slice(0, 3).map((o) => `${job.items.find((i) => i.customId === o.customId)?.path ?? o.customId} (${o.kind}${o.reason ? `: ${o.reason}` : ''})`).join('; ')}${failed.length > 3 ? '; more in the log' : ''}.` : '';
  const what = job.kind === 'review' ? `${ok} file${ok === 1 ? '' : 's'} reviewed, findings in the Problems panel.` : `${ok} file${ok === 1 ? '' : 's'} done; the changes are in the refactor preview.`;
  const head = job.phase === 'cancelled' ? 'cancelled' : job.phase === 'failed' ? `failed${job.message ? ` (${job.message})` : ''}` : job.phase === 'expired' ? 'expired' : 'finished';
  const show = job.kind === 'review' ? 'Show Problems' : 'Show Batch Jobs';
  const choice = await (failed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(`Tandem: ${job.title} ${head}: ${what}${problems}`, show);
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  else if (choice) await vscode.commands.executeCommand('tandem.showBatchJobs');
}
