// One entry point for batch jobs: a BatchClient per provider. Building one loads no SDK.
import type { ProviderId } from '../../core/models/providers';
import type { ClientConfig } from '../../core/calls/modelClient';
import { AnthropicBatchClient } from './anthropicBatch';
import { OpenAIBatchClient } from './openaiBatch';
import type { BatchClient } from '../../core/batch/batchClient';

export function createBatchClient(provider: ProviderId, config: ClientConfig): BatchClient {
  switch (provider) {
    case 'openai':
      return new OpenAIBatchClient(config);
    case 'anthropic':
      return new AnthropicBatchClient(config);
  }
}

export { AnthropicBatchClient } from './anthropicBatch';
export { BATCH_LIMITS } from './limits';
export { OpenAIBatchClient } from './openaiBatch';
