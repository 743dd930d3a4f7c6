import { providerInfo } from '../models/providers';
import type { EndpointState } from './consent';
import { describeEndpoint, displayUrl, sourceLabel, type Endpoint } from './endpoint';

/** An endpoint and how it stands, as the key picker, the status tooltip and the log show it. */
export interface EndpointStatus {
  readonly endpoint: Endpoint;
  readonly state: EndpointState;
}

const STATE_WORDS: Readonly<Record<EndpointState, string>> = {
  trusted: '',
  allowed: ' (allowed for this session)',
  declined: ' (declined: nothing is sent there this session)',
  asks: ' (not trusted yet: Tandem asks before the first request)',
};

/** "http://127.0.0.1:8080/v1 (OPENAI_BASE_URL in the environment) (allowed for this session)". */
export function endpointStatusText({ endpoint, state }: EndpointStatus): string {
  return `${describeEndpoint(endpoint)}${STATE_WORDS[state]}`;
}

/**
 * The status tooltip's lines, as Markdown: one per provider whose endpoint is not its own. The provider's
 * own endpoint is the usual case and goes unsaid, so that the line stands out when something (a gateway
 * setting, a dev container's environment) sends the key elsewhere.
 */
export function endpointTooltipLines(statuses: readonly EndpointStatus[]): string[] {
  return statuses
    .filter(({ endpoint }) => endpoint.source !== 'default')
    .flatMap(({ endpoint, state }) => [
      `Endpoint: ${providerInfo(endpoint.provider).displayName} → \`${displayUrl(endpoint)}\` from ${codeNames(sourceLabel(endpoint))}${STATE_WORDS[state]}`,
      '',
    ]);
}

/** Setting and variable names in code spans, so Markdown does not read their underscores as emphasis. */
function codeNames(label: string): string {
  return label.replace(/\b(tandem\.[\w.]+|[A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g, '`$1`');
}
