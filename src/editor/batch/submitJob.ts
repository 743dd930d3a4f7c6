import * as vscode from 'vscode';
import type { BatchClient } from '../../core/batch/batchClient';
import type { PreparedJob } from '../../core/batch/batchRequests';
import { createJob, priceJob, type Redact } from '../../core/batch/createJob';
import type { BatchJob } from '../../core/batch/job';
import type { BatchRunner } from '../../core/batch/runner';
import { formatUsd } from '../../core/format/spend';
import type { ModelTable } from '../../core/models/modelTable';
import type { ProviderId } from '../../core/models/providers';
import { showFailure } from '../commands/taskProgress';
import type { TandemLog } from '../log';
import type { JobStore } from './jobStore';

export interface SubmitEnv {
  readonly store: JobStore;
  readonly runner: BatchRunner;
  readonly client: (provider: ProviderId) => Promise<BatchClient>;
  readonly hasKey: (provider: ProviderId) => Promise<boolean>;
  readonly models: () => ModelTable;
  readonly log: TandemLog;
  /** The redaction every interactive prompt gets (ModelService.redact): batch requests leave another way, so they get it here. */
  readonly redact: Redact;
}

/** Left-out files named in the confirmation dialog; all of them are in the log. */
const MAX_SKIPPED_SHOWN = 5;

/**
 * Shows what the batch will cost (at the batch rate, next to the interactive price) and, once the user
 * confirms, submits it and stores the job so it outlives this window (core/batch/createJob). Resolves with
 * the stored job. Every request is redacted of secrets first, as ModelService.run does for interactive ones.
 */
export async function confirmAndSubmit(env: SubmitEnv, prepared: PreparedJob): Promise<BatchJob | undefined> {
  const spec = env.models()[prepared.model];
  if (!(await env.hasKey(spec.provider))) {
    const choice = await vscode.window.showErrorMessage(`Tandem: ${spec.displayName} needs an ${spec.provider === 'openai' ? 'OpenAI' : 'Anthropic'} API key for this batch.`, 'Set API Key…');
    if (choice) await vscode.commands.executeCommand('tandem.setApiKey', spec.provider);
    return undefined;
  }
  const priced = priceJob(prepared, spec, env.redact);
  const { estimate } = priced;
  const count = priced.requests.length;
  const skipped = prepared.skipped ?? [];
  skipped.forEach((why) => env.log.warn(`batch: ${prepared.title}: skipped ${why}`));
  const choice = await vscode.window.showInformationMessage(
    `Tandem: ${prepared.title}: ${count} request${count === 1 ? '' : 's'} to ${spec.displayName} through the Batch API.`,
    {
      modal: true,
      detail: `Estimated cost ${formatUsd(estimate.batchMicroUsd)} at the batch rate (${formatUsd(estimate.interactiveMicroUsd)} if run one by one now). `
        + 'Batches usually finish within minutes and at most in 24 hours; you can close the window meanwhile. The real cost is recorded from the results.'
        + (skipped.length ? `\n\nLeft out, never sent (${skipped.length}): ${skipped.slice(0, MAX_SKIPPED_SHOWN).join(' ')}${skipped.length > MAX_SKIPPED_SHOWN ? ' The rest are in the Tandem log.' : ''}` : ''),
    },
    'Submit',
  );
  if (choice !== 'Submit') return undefined;

  let job: BatchJob;
  try {
    job = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Tandem: submitting ${prepared.title}…` }, () => createJob(env, priced));
  } catch (error) {
    env.log.warn(`batch: could not submit ${prepared.title} (${error instanceof Error ? error.message : String(error)})`);
    await showFailure(error, env.log);
    return undefined;
  }
  env.log.info(`batch job ${job.id}: submitted ${count} requests as ${job.batchId}; estimated ${formatUsd(estimate.batchMicroUsd)}.`);
  env.runner.schedule(job);
  void vscode.window.showInformationMessage(`Tandem: ${prepared.title} submitted. Its results land when the batch ends, even after a reload.`, 'Show Batch Jobs')
    .then((c) => (c ? vscode.commands.executeCommand('tandem.showBatchJobs') : undefined));
  return job;
}
