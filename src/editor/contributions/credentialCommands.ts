import { endpointStatusText } from '../../core/endpoints/endpointStatus';
import { registerHeaderCommands } from '../keys/headerCommands';
import { registerKeyCommands } from '../keys/keyCommands';
import type { TandemContribution } from './contribution';

/** Set and Clear API Key: a key is checked with a cheap call before it is kept; the picker says where each provider's key goes. */
export const apiKeyCommands: TandemContribution = {
  name: 'the API key commands',
  create: ({ keys, log, models }) => registerKeyCommands(
    keys,
    log,
    (provider, key) => models.clients.checkKey(provider, key),
    {
      keySource: (provider) => models.clients.keySource(provider),
      endpoint: (provider) => `Endpoint: ${endpointStatusText(models.clients.endpointStatus(provider))}`,
    },
  ),
};

/** Set and Clear Gateway Header: a gateway's token kept in secret storage. */
export const gatewayHeaderCommands: TandemContribution = {
  name: 'the gateway header commands',
  create: ({ headers, log }) => registerHeaderCommands(headers, log),
};
