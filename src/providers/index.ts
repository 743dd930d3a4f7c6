// One entry point for the editor layer: a ModelClient per provider. Building one loads no SDK.
import type { ClientConfig, ModelClient } from '../core/calls/modelClient';
import type { ProviderId } from '../core/models/providers';
import { AnthropicClient } from './anthropic';
import { OpenAIClient } from './openai';

export function createModelClient(provider: ProviderId, config: ClientConfig): ModelClient {
  switch (provider) {
    case 'openai':
      return new OpenAIClient(config);
    case 'anthropic':
      return new AnthropicClient(config);
  }
}

export { AnthropicClient } from './anthropic';
export { OpenAIClient } from './openai';
