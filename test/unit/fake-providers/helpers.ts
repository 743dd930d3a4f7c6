// Shared setup for the fake-provider tests: the real SDKs pointed at the fake server.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { FakeProviders, RecordedRequest } from '../../fake-providers/server';

// Obviously fake keys: the server only fingerprints them.
export const OPENAI_KEY = 'sk-test-openai';
export const ANTHROPIC_KEY = 'sk-ant-test-anthropic';

export function openaiClient(fake: FakeProviders, opts: { apiKey?: string; maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({ apiKey: opts.apiKey ?? OPENAI_KEY, baseURL: fake.openaiBaseURL, maxRetries: opts.maxRetries ?? 0, timeout: opts.timeout ?? 5000 });
}

export function anthropicClient(
  fake: FakeProviders,
  opts: { apiKey?: string; authToken?: string; maxRetries?: number; timeout?: number } = {},
): Anthropic {
  const credential = opts.authToken !== undefined ? { authToken: opts.authToken } : { apiKey: opts.apiKey ?? ANTHROPIC_KEY };
  return new Anthropic({ ...credential, baseURL: fake.anthropicBaseURL, maxRetries: opts.maxRetries ?? 0, timeout: opts.timeout ?? 5000 });
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Polls until `fn` returns a truthy value (or fails after `ms`). */
export async function waitFor<T>(fn: () => T | Promise<T>, ms = 2000, what = 'condition'): Promise<Truthy<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as Truthy<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Text of exactly `tokens` fake tokens (4 chars each), distinct per seed. */
export function textOfTokens(tokens: number, seed = 'a'): string {
  return `${seed}${'x'.repeat(tokens * 4 - seed.length)}`;
}

/** The log entries for model calls on this path. */
export function callsTo(fake: FakeProviders, path: string): RecordedRequest[] {
  return fake.requests().filter((r) => r.path === path);
}

/** Asserts `p` rejects and returns the error, for checks beyond what assert.rejects allows. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
