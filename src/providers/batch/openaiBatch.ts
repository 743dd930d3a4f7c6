// GPT batch jobs through the official `openai` SDK: a JSONL file of /v1/responses requests and the Batch API.
import { importOpenAISdk, openaiRequestBody } from '../openai';
import { clientSecrets, sdkClientOptions } from '../lazySdk';
import type { ClientConfig } from '../../core/calls/modelClient';
import { checkBatchBytes, checkBatchItems } from './limits';
import { collectOpenAIResults } from './openaiResults';
import { openaiStatus } from './openaiStatus';
import { assertResultsReady } from './phase';
import { batchSdk, isNotFound } from './sdkCall';
import type { BatchClient, BatchItem, BatchItemResult, BatchStatus } from '../../core/batch/batchClient';

const ENDPOINT = '/v1/responses';

/** The SDK is imported on first use, so building the client loads nothing. */
const openaiSdk = (config: ClientConfig) => batchSdk('openai', config, importOpenAISdk, (module) => new module.OpenAI(sdkClientOptions(config)));

export class OpenAIBatchClient implements BatchClient {
  readonly provider = 'openai' as const;
  private readonly sdk: ReturnType<typeof openaiSdk>;

  constructor(private readonly config: ClientConfig) {
    this.sdk = openaiSdk(config);
  }

  async submit(items: readonly BatchItem[]): Promise<BatchStatus> {
    checkBatchItems('openai', items);
    // Exactly the interactive body (same prompt, cache key, schema), only not streamed.
    const jsonl = items.map(({ customId, request }) => `${JSON.stringify({ custom_id: customId, method: 'POST', url: ENDPOINT, body: openaiRequestBody(request) })}\n`).join('');
    const bytes = Buffer.from(jsonl, 'utf8');
    checkBatchBytes('openai', bytes.length);
    return this.sdk(async (client, module) => {
      const file = await client.files.create({ file: await module.toFile(bytes, 'batch.jsonl'), purpose: 'batch' });
      try {
        return openaiStatus(await client.batches.create({ input_file_id: file.id, endpoint: ENDPOINT, completion_window: '24h' }), clientSecrets(this.config));
      } catch (err) {
        // No batch will use the upload: delete it rather than leave it in the account's storage.
        await client.files.delete(file.id).catch(() => undefined);
        throw err;
      }
    });
  }

  status(id: string): Promise<BatchStatus> {
    return this.sdk(async (client) => openaiStatus(await client.batches.retrieve(id), clientSecrets(this.config)));
  }

  results(id: string): Promise<BatchItemResult[]> {
    return this.sdk(async (client) => {
      const batch = await client.batches.retrieve(id);
      const status = openaiStatus(batch, clientSecrets(this.config));
      assertResultsReady('openai', status);
      const read = async (fileId: string) => (await client.files.content(fileId)).text();
      return collectOpenAIResults(batch, status, read, clientSecrets(this.config));
    });
  }

  cancel(id: string): Promise<BatchStatus> {
    return this.sdk(async (client) => openaiStatus(await client.batches.cancel(id), clientSecrets(this.config)));
  }

  /** The uploaded requests and the output and error files: each is tried, and the first failure thrown after. */
  deleteAtProvider(id: string): Promise<void> {
    return this.sdk(async (client, module) => {
      const batch = await client.batches.retrieve(id);
      let failure: unknown;
      for (const fileId of [batch.input_file_id, batch.output_file_id, batch.error_file_id]) {
        if (!fileId) continue;
        await client.files.delete(fileId).catch((err: unknown) => {
          if (!isNotFound(err, module)) failure ??= err;
        });
      }
      if (failure !== undefined) throw failure;
    });
  }
}
