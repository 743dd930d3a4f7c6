/** The two providers Tandem talks to, as data: names the UI shows and where their keys come from. */
export type ProviderId = 'openai' | 'anthropic';

export interface ProviderInfo {
  readonly id: ProviderId;
  readonly displayName: string;
  /** Environment variable the official SDK reads when no key is stored. */
  readonly keyEnvVar: string;
  /** Where the user gets a key; shown in prompts. */
  readonly keyPageUrl: string;
  /** The usual key prefix, used only as a placeholder hint: gateways issue other formats. */
  readonly keyPrefixHint: string;
  /** The provider's own endpoint, as its SDK defaults to it. */
  readonly defaultBaseUrl: string;
  /** Environment variable the official SDK would take an endpoint from (Tandem resolves it itself). */
  readonly baseUrlEnvVar: string;
}

export const PROVIDERS: readonly ProviderInfo[] = [
  {
    id: 'openai',
    displayName: 'OpenAI',
    keyEnvVar: 'OPENAI_API_KEY',
    keyPageUrl: 'https://platform.openai.com/api-keys',
    keyPrefixHint: 'sk-',
    defaultBaseUrl: 'https://api.openai.com/v1',
    baseUrlEnvVar: 'OPENAI_BASE_URL',
  },
  {
    id: 'anthropic',
    displayName: 'Anthropic',
    keyEnvVar: 'ANTHROPIC_API_KEY',
    keyPageUrl: 'https://console.anthropic.com/settings/keys',
    keyPrefixHint: 'sk-ant-',
    defaultBaseUrl: 'https://api.anthropic.com',
    baseUrlEnvVar: 'ANTHROPIC_BASE_URL',
  },
];

export function providerInfo(id: ProviderId): ProviderInfo {
  const info = PROVIDERS.find((p) => p.id === id);
  if (!info) throw new Error(`Unknown provider: ${String(id)}`);
  return info;
}

export function isProviderId(value: unknown): value is ProviderId {
  return PROVIDERS.some((p) => p.id === value);
}
