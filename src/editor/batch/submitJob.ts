import * as vscode from 'vscode';
import { estimateBatchCost } from '../../core/batch/estimate';
import type { BatchJob, JobItem, JobKind } from '../../core/batch/job';
import { submitted } from '../../core/batch/jobState';
import { formatUsd } from '../../core/format/spend';
import type { ModelService } from '../../core/calls/modelService';
import type { ModelId, ModelTable } from '../../core/models/modelTable';
import type { ProviderId } from '../../core/models/providers';
import type { ModelRequest } from '../../core/calls/modelClient';
import { showFailure } from '../commands/taskProgress';
import type { TandemLog } from '../log';
import type { BatchClient } from '../../core/batch/batchClient';
import type { BatchRunner } from '../../core/batch/runner';
import type { JobStore } from './jobStore';

export interface SubmitEnv {
  readonly store: JobStore;
  readonly runner: BatchRunner;
  readonly client: (provider: ProviderId) => Promise<BatchClient>;
  readonly hasKey: (provider: ProviderId) => Promise<boolean>;
  readonly models: () => ModelTable;
  readonly log: TandemLog;
  /** The redaction every interactive prompt gets (ModelService.run): batch requests are built here, so they get it here. */
  readonly redact: ModelService['redact'];
}

/** Left-out files named in the confirmation dialog; all of them are in the log. */
const MAX_SKIPPED_SHOWN = 5;

export interface PreparedJob {
  readonly kind: JobKind;
  readonly model: ModelId;
  readonly title: string;
  readonly requests: readonly { readonly item: JobItem; readonly request: ModelRequest; readonly expectedOutputTokens: number }[];
  readonly instruction?: string;
  /** Files left out, each with why (excluded, too large, binary, unreadable): named in the dialog and the log. */
  readonly skipped?: readonly string[];
}

/**
 * Shows what the batch will cost (at the batch rate, next to the interactive price) and, once the user
 * confirms, submits it and stores the job so it outlives this window. Resolves with the stored job. Every
 * request is redacted of secrets first, as ModelService.run does for interactive ones.
 */
export async function confirmAndSubmit(env: SubmitEnv, prepared: PreparedJob): Promise<BatchJob | undefined> {
  const spec = env.models()[prepared.model];
  if (!(await env.hasKey(spec.provider))) {
    const choice = await vscode.window.showErrorMessage(`Tandem: ${spec.displayName} needs an ${spec.provider === 'openai' ? 'OpenAI' : 'Anthropic'} API key for this batch.`, 'Set API Key…');
    if (choice) await vscode.commands.executeCommand('tandem.setApiKey', spec.provider);
    return undefined;
  }
  const requests = prepared.requests.map((r) => {
    const prompt = env.redact(r.request.task, r.request.system, r.request.messages);
    return { ...r, request: { ...r.request, system: prompt.system, messages: prompt.messages } };
  });
  const estimate = estimateBatchCost(
    requests.map(({ request }) => ({ system: request.system, messages: request.messages, maxOutputTokens: request.maxOutputTokens })),
    spec,
    { expectedOutputTokens: (i) => prepared.requests[i].expectedOutputTokens },
  );
  const count = requests.length;
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

  let job: BatchJob = {
    v: 1,
    id: `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    kind: prepared.kind,
    provider: spec.provider,
    model: prepared.model,
    title: prepared.title,
    createdAt: new Date().toISOString(),
    phase: 'submitting',
    items: prepared.requests.map((r) => r.item),
    estimate: { batchMicroUsd: estimate.batchMicroUsd, interactiveMicroUsd: estimate.interactiveMicroUsd },
    prices: spec.prices,
    ...(prepared.instruction ? { instruction: prepared.instruction } : {}),
    polls: 0,
    landed: false,
  };
  try {
    const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Tandem: submitting ${prepared.title}…` }, async () => {
      const client = await env.client(spec.provider);
      return client.submit(requests.map(({ item, request }) => ({ customId: item.customId, request })));
    });
    job = submitted(job, status.id, new Date());
    await env.store.put(job);
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
