import type { Endpoint } from '../endpoints/endpoint';
import { isLoopbackHost, originOf, parseHttpUrl, sameOrigin, type Origin } from '../endpoints/origin';
import { PROVIDERS, type ProviderId } from '../models/providers';

/**
 * Demo keys: what `npm start -- --fake` hands the editor so that a first run needs no key. They come from one
 * environment variable of the extension host (never from a workspace or a setting) and name the one loopback
 * origin they are for, the local fake providers:
 *   TANDEM_DEMO_KEYS={"origin":"http://127.0.0.1:41234","openai":"…","anthropic":"…"}
 * A demo key stands in only when the user has no key of their own, and only for a request to that origin: for
 * any other endpoint the provider has no key, so without a real key no code ever leaves the machine.
 */
export const DEMO_KEYS_ENV_VAR = 'TANDEM_DEMO_KEYS';

/** How the key picker and the status tooltip name a demo key's source. */
export const DEMO_KEY_LABEL = 'demo key for the local fake';

export interface DemoKeys {
  /** The loopback origin the keys are for. */
  readonly origin: Origin;
  readonly keys: Readonly<Partial<Record<ProviderId, string>>>;
}

/** The variable's value as demo keys, or why it is ignored (not JSON, no origin, an origin off this machine). */
export function parseDemoKeys(text: string | undefined): { demo?: DemoKeys; problem?: string } {
  if (!text?.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: `${DEMO_KEYS_ENV_VAR} is not JSON; no demo key is used.` };
  }
  const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const url = typeof fields.origin === 'string' ? parseHttpUrl(fields.origin) : 'is missing';
  if (typeof url === 'string') return { problem: `${DEMO_KEYS_ENV_VAR}: its origin ${url}; no demo key is used.` };
  const origin = originOf(url);
  if (!isLoopbackHost(origin.host)) return { problem: `${DEMO_KEYS_ENV_VAR}: its origin is not on this machine (loopback); no demo key is used.` };
  const keys: Partial<Record<ProviderId, string>> = {};
  for (const { id } of PROVIDERS) {
    const key = fields[id];
    if (typeof key === 'string' && key.trim()) keys[id] = key.trim();
  }
  return { demo: { origin, keys } };
}

/** The demo key for a request to this endpoint: only the provider's, only on the demo origin, only if loopback. */
export function demoKeyFor(demo: DemoKeys | undefined, endpoint: Endpoint): string | undefined {
  if (!demo || !isLoopbackHost(endpoint.origin.host) || !sameOrigin(demo.origin, endpoint.origin)) return undefined;
  return demo.keys[endpoint.provider];
}

/** The status tooltip's line when requests carry demo keys: "Keys: OpenAI and Anthropic use the demo key for the local fake…". */
export function demoKeyTooltipLines(providerNames: readonly string[]): string[] {
  if (providerNames.length === 0) return [];
  const verb = providerNames.length === 1 ? 'uses' : 'use';
  return [`Keys: ${providerNames.join(' and ')} ${verb} the ${DEMO_KEY_LABEL}: requests go to it only, on this machine. Your own key, once set, takes over.`, ''];
}
