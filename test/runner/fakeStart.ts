/**
 * What `npm start -- --fake` sets up, shared with the UI test that checks a first run needs no key: the fake
 * providers, the SDKs pointed at them, and demo keys the fake accepts, valid only for its loopback origin
 * (src/core/keys/demoKeys.ts). Keys from the shell are blanked: the demo never sends a real key anywhere.
 */
import { DEMO_KEYS_ENV_VAR } from '../../src/core/keys/demoKeys';
import { startFakeProviders, type FakeProviders } from '../fake-providers/server';

export interface FakeStart {
  readonly fake: FakeProviders;
  /** For the extension host: endpoints, demo keys, no real keys. */
  readonly env: NodeJS.ProcessEnv;
  /** For the user's settings: the fake's port changes at every start, so any loopback port is trusted. */
  readonly userSettings: Record<string, unknown>;
}

/** Any key works with the fake except one starting with "bad-"; these say what they are. */
export const DEMO_KEYS = { openai: 'demo-openai-key-for-the-local-fake', anthropic: 'demo-anthropic-key-for-the-local-fake' } as const;

export async function startFakeSetup(): Promise<FakeStart> {
  const fake = await startFakeProviders();
  return {
    fake,
    env: {
      OPENAI_BASE_URL: fake.openaiBaseURL,
      ANTHROPIC_BASE_URL: fake.anthropicBaseURL,
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      [DEMO_KEYS_ENV_VAR]: JSON.stringify({ origin: fake.url, ...DEMO_KEYS }),
    },
    userSettings: { 'tandem.trustedEndpoints': ['http://127.0.0.1:*'] },
  };
}
