import type { ChatMessage } from '../calls/modelClient';
import type { ModelSpec } from '../models/modelTable';
import type { TaskKind } from '../models/tasks';
import type { BatchClient } from './batchClient';
import type { PreparedJob, PreparedRequest } from './batchRequests';
import { estimateBatchCost, type BatchCostEstimate } from './estimate';
import type { BatchJob } from './job';
import { submitted } from './jobState';
import type { BatchJobStore } from './runnerPorts';

/** The redaction every interactive prompt gets (ModelService.redact): batch prompts leave another way, so they get it here. */
export type Redact = (
  task: TaskKind,
  system: readonly string[],
  messages: readonly ChatMessage[],
) => { readonly system: readonly string[]; readonly messages: readonly ChatMessage[] };

/** A prepared job as it will be sent: every request redacted, and what the whole batch should cost. */
export interface PricedJob {
  readonly prepared: PreparedJob;
  /** The job's model. */
  readonly spec: ModelSpec;
  readonly requests: readonly PreparedRequest[];
  readonly estimate: BatchCostEstimate;
}

/** Redacts every request of the job and estimates its cost from the redacted prompts: what the user is asked to confirm. */
export function priceJob(prepared: PreparedJob, spec: ModelSpec, redact: Redact): PricedJob {
  const requests = prepared.requests.map((r) => {
    const prompt = redact(r.request.task, r.request.system, r.request.messages);
    return { ...r, request: { ...r.request, system: prompt.system, messages: prompt.messages } };
  });
  const estimate = estimateBatchCost(
    requests.map(({ request }) => ({ system: request.system, messages: request.messages, maxOutputTokens: request.maxOutputTokens })),
    spec,
    { expectedOutputTokens: (i) => requests[i].expectedOutputTokens },
  );
  return { prepared, spec, requests, estimate };
}

export interface CreateJobPorts {
  /** The provider's Batch API, as far as submitting needs it. */
  readonly client: (provider: ModelSpec['provider']) => Promise<Pick<BatchClient, 'submit'>>;
  readonly store: Pick<BatchJobStore, 'put'>;
  readonly now?: () => Date;
}

/**
 * Sends a confirmed job to the provider and stores it, so that it outlives this window and the runner polls
 * it. The job is stored only once the provider has accepted the batch: a refused submit (no key, the upload
 * refused, offline) rejects with the client's error and leaves nothing behind.
 */
export async function createJob(ports: CreateJobPorts, priced: PricedJob): Promise<BatchJob> {
  const now = ports.now ?? (() => new Date());
  const { prepared, spec, estimate } = priced;
  const sending: BatchJob = {
    v: 1,
    id: `job-${now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    kind: prepared.kind,
    provider: spec.provider,
    model: prepared.model,
    title: prepared.title,
    createdAt: now().toISOString(),
    phase: 'submitting',
    items: priced.requests.map((r) => r.item),
    estimate: { batchMicroUsd: estimate.batchMicroUsd, interactiveMicroUsd: estimate.interactiveMicroUsd },
    prices: spec.prices,
    ...(prepared.instruction ? { instruction: prepared.instruction } : {}),
    polls: 0,
    landed: false,
  };
  const client = await ports.client(spec.provider);
  const status = await client.submit(priced.requests.map(({ item, request }) => ({ customId: item.customId, request })));
  const job = submitted(sending, status.id, now());
  await ports.store.put(job);
  return job;
}
