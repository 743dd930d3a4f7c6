import { TandemError } from '../calls/errors';
import { Emitter } from '../events/emitter';
import type { Logger } from '../log/logger';
import { providerInfo, type ProviderId } from '../models/providers';
import { describeEndpoint, endpointOrigin, isProviderOrigin, type Endpoint } from './endpoint';
import { isLoopbackHost, matchesOrigin, type OriginPattern } from './origin';

/**
 * Whether a key may go to an endpoint without asking. Trusted: an origin listed in `tandem.trustedEndpoints`,
 * the provider's own, and an endpoint set in the user's settings, except over plain http to a host that is not
 * loopback, which always needs the user's word (listing the origin is that word).
 */
export type TrustVerdict = { readonly trusted: true } | { readonly trusted: false; readonly plainHttp: boolean };

export function judgeEndpoint(endpoint: Endpoint, trusted: readonly OriginPattern[]): TrustVerdict {
  if (trusted.some((pattern) => matchesOrigin(pattern, endpoint.origin))) return { trusted: true };
  if (endpoint.origin.scheme === 'http' && !isLoopbackHost(endpoint.origin.host)) return { trusted: false, plainHttp: true };
  if (endpoint.source === 'setting' || isProviderOrigin(endpoint)) return { trusted: true };
  return { trusted: false, plainHttp: false };
}

export type ConsentAnswer = 'allow-once' | 'always-allow' | 'decline';

/** What the user is asked: may the provider's key and the code go to this origin? */
export interface ConsentQuestion {
  readonly endpoint: Endpoint;
  /** `https://llm.example.com`, as it would be listed in `tandem.trustedEndpoints`. */
  readonly origin: string;
  readonly plainHttp: boolean;
}

export interface EndpointConsentPorts {
  /** `tandem.trustedEndpoints` from the user's settings, read fresh (the user may edit it at any time). */
  readonly trusted: () => readonly OriginPattern[];
  /** A modal question; background work never gets here. */
  readonly ask: (question: ConsentQuestion) => Promise<ConsentAnswer>;
  /** Adds the origin to `tandem.trustedEndpoints` in the user's settings. */
  readonly alwaysAllow: (origin: string) => Promise<void>;
  readonly log: Logger;
}

/** Nothing was sent: the endpoint is not one the user trusts, and they said no or were not asked. */
export class EndpointNotAllowedError extends TandemError {
  constructor(readonly provider: ProviderId, readonly origin: string, message: string) {
    super(message);
    this.name = 'EndpointNotAllowedError';
  }
}

/** How an endpoint stands now: trusted, allowed or declined for this session, or it will ask first. */
export type EndpointState = 'trusted' | 'allowed' | 'declined' | 'asks';

/**
 * The check before a key leaves for an endpoint the user has not trusted: asks once per origin (one
 * question however many requests wait for it), remembers the answer for the session, and persists
 * "Always Allow". Background work (inline completions, batch polling) never asks: it is not sent.
 */
export class EndpointConsent {
  private readonly answers = new Map<string, 'allowed' | 'declined'>();
  private readonly asking = new Map<string, Promise<ConsentAnswer>>();
  /** Origins whose background refusal is already in the log (completions would repeat it at every pause). */
  private readonly loggedBackground = new Set<string>();
  private readonly changed = new Emitter<void>();
  /** An answer was given: the status tooltip re-renders. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly ports: EndpointConsentPorts) {}

  state(endpoint: Endpoint): EndpointState {
    if (judgeEndpoint(endpoint, this.ports.trusted()).trusted) return 'trusted';
    return this.answers.get(endpointOrigin(endpoint)) ?? 'asks';
  }

  /** Resolves when the key may go to the endpoint; throws EndpointNotAllowedError when it may not. */
  async allow(endpoint: Endpoint, options: { readonly background?: boolean } = {}): Promise<void> {
    const verdict = judgeEndpoint(endpoint, this.ports.trusted());
    if (verdict.trusted) return;
    const origin = endpointOrigin(endpoint);
    const remembered = this.answers.get(origin);
    if (remembered === 'allowed') return;
    if (remembered === 'declined') throw this.refusal(endpoint, origin, 'declined');
    if (options.background) {
      const error = this.refusal(endpoint, origin, 'not-asked');
      if (!this.loggedBackground.has(origin)) {
        this.loggedBackground.add(origin);
        this.ports.log.warn(`endpoint: ${error.message}`);
      }
      throw error;
    }
    let pending = this.asking.get(origin);
    if (!pending) {
      pending = this.ports.ask({ endpoint, origin, plainHttp: verdict.plainHttp });
      this.asking.set(origin, pending);
      void pending.finally(() => this.asking.delete(origin)).catch(() => undefined);
    }
    const answer = await pending.catch(() => 'decline' as const);
    await this.settle(endpoint, origin, answer);
    if (this.answers.get(origin) !== 'allowed') throw this.refusal(endpoint, origin, 'declined');
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Records an answer once (several requests may have waited for the same question). */
  private async settle(endpoint: Endpoint, origin: string, answer: ConsentAnswer): Promise<void> {
    if (this.answers.has(origin)) return;
    const name = providerInfo(endpoint.provider).displayName;
    this.answers.set(origin, answer === 'decline' ? 'declined' : 'allowed');
    this.changed.fire();
    if (answer === 'decline') {
      this.ports.log.warn(`endpoint: the user declined to send the ${name} key to ${describeEndpoint(endpoint)}; nothing is sent there this session.`);
      return;
    }
    if (answer === 'allow-once') {
      this.ports.log.info(`endpoint: ${origin} allowed for this session (${name}, ${describeEndpoint(endpoint)}).`);
      return;
    }
    try {
      await this.ports.alwaysAllow(origin);
      this.ports.log.info(`endpoint: ${origin} added to tandem.trustedEndpoints in your user settings.`);
    } catch (error) {
      this.ports.log.warn(`endpoint: ${origin} is allowed for this session, but it could not be added to tandem.trustedEndpoints (${error instanceof Error ? error.message : String(error)}).`);
    }
  }

  private refusal(endpoint: Endpoint, origin: string, why: 'declined' | 'not-asked'): EndpointNotAllowedError {
    const name = providerInfo(endpoint.provider).displayName;
    const where = describeEndpoint(endpoint);
    const message = why === 'declined'
      ? `Not sent: you chose not to send your ${name} key to ${where} in this session. To allow it, add "${origin}" to tandem.trustedEndpoints in your user settings (or reload the window to be asked again).`
      : `Not sent: ${where} is not an endpoint you trust yet, and background work never asks. Run a Tandem command to be asked, or add "${origin}" to tandem.trustedEndpoints in your user settings.`;
    return new EndpointNotAllowedError(endpoint.provider, origin, message);
  }
}
