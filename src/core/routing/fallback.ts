import type { ProviderId } from '../models/providers';

/** Failures after the SDK's own retries that another provider may well not have. */
const FALLBACK_WORTHY = new Set(['rate-limit', 'server', 'overloaded', 'connection', 'timeout', 'mid-stream']);

/** 400/401/402/403 say something is wrong with the request or the account: another model would not help. */
export function shouldFallBack(failureKind: string): boolean {
  return FALLBACK_WORTHY.has(failureKind);
}

/** Default pause after a provider failed (LiteLLM's default cooldown is 5 s). */
export const DEFAULT_COOLDOWN_MS = 5_000;

/** Keeps a provider that just failed out of routing for a short while. */
export class Cooldowns {
  private readonly until = new Map<ProviderId, number>();

  constructor(
    private readonly durationMs = DEFAULT_COOLDOWN_MS,
    private readonly now: () => number = Date.now,
  ) {}

  trip(provider: ProviderId): void {
    this.until.set(provider, this.now() + this.durationMs);
  }

  /** Every provider usable again at once. */
  clear(): void {
    this.until.clear();
  }

  isCoolingDown(provider: ProviderId): boolean {
    return (this.until.get(provider) ?? 0) > this.now();
  }
}
