// Claude batch jobs through the official `@anthropic-ai/sdk`: the Message Batches API.
import { anthropicRequestBody, importAnthropicSdk } from '../anthropic';
import { clientSecrets, sdkClientOptions } from '../lazySdk';
import type { ClientConfig } from '../../core/calls/modelClient';
import { anthropicItemResult, anthropicStatus } from './anthropicMapping';
import { checkBatchBytes, checkBatchItems } from './limits';
import { assertResultsReady } from './phase';
import { batchSdk, isNotFound } from './sdkCall';
import type { BatchClient, BatchItem, BatchItemResult, BatchStatus } from '../../core/batch/batchClient';

/** The SDK is imported on first use, so building the client loads nothing. */
const anthropicSdk = (config: ClientConfig) => batchSdk('anthropic', config, importAnthropicSdk, (module) => new module.Anthropic(sdkClientOptions(config)));

export class AnthropicBatchClient implements BatchClient {
  readonly provider = 'anthropic' as const;
  private readonly sdk: ReturnType<typeof anthropicSdk>;

  constructor(private readonly config: ClientConfig) {
    this.sdk = anthropicSdk(config);
  }

  async submit(items: readonly BatchItem[]): Promise<BatchStatus> {
    checkBatchItems('anthropic', items);
    // Exactly the interactive body: the same prompt, cache breakpoints and schema, only not streamed.
    const requests = items.map(({ customId, request }) => ({ custom_id: customId, params: anthropicRequestBody(request) }));
    checkBatchBytes('anthropic', Buffer.byteLength(JSON.stringify({ requests })));
    return this.sdk(async (client) => anthropicStatus(await client.messages.batches.create({ requests })));
  }

  status(id: string): Promise<BatchStatus> {
    return this.sdk(async (client) => anthropicStatus(await client.messages.batches.retrieve(id)));
  }

  results(id: string): Promise<BatchItemResult[]> {
    return this.sdk(async (client) => {
      // The SDK would refuse too, but with a message meant for developers.
      assertResultsReady('anthropic', anthropicStatus(await client.messages.batches.retrieve(id)));
      const results: BatchItemResult[] = [];
      for await (const entry of await client.messages.batches.results(id)) results.push(anthropicItemResult(entry, clientSecrets(this.config)));
      return results;
    });
  }

  cancel(id: string): Promise<BatchStatus> {
    return this.sdk(async (client) => anthropicStatus(await client.messages.batches.cancel(id)));
  }

  /** The batch and its results; the API deletes only a batch that has ended. */
  deleteAtProvider(id: string): Promise<void> {
    return this.sdk(async (client, module) => {
      await client.messages.batches.delete(id).catch((err: unknown) => {
        if (!isNotFound(err, module)) throw err;
      });
    });
  }
}
