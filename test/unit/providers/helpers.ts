// Shared setup for the adapter tests: real SDKs (inside the adapters) against the fake provider server.
import assert from 'node:assert/strict';
import type { FakeProviders, RecordedRequest } from '../../fake-providers/server';
import { AnthropicClient } from '../../../src/providers/anthropic';
import { OpenAIClient } from '../../../src/providers/openai';
import { ProviderError } from '../../../src/core/calls/providerError';
import { type ClientConfig, type ModelRequest } from '../../../src/core/calls/modelClient';

export const OPENAI_KEY = 'sk-test-openai-0123456789abcdef';
export const ANTHROPIC_KEY = 'sk-ant-test-anthropic-0123456789';

/** Fast by default: no SDK retries, a short per-attempt timeout. */
export function openai(fake: FakeProviders, over: Partial<ClientConfig> = {}): OpenAIClient {
  return new OpenAIClient({ apiKey: OPENAI_KEY, baseURL: fake.openaiBaseURL, timeoutMs: 3000, maxRetries: 0, ...over });
}

export function anthropic(fake: FakeProviders, over: Partial<ClientConfig> = {}): AnthropicClient {
  return new AnthropicClient({ apiKey: ANTHROPIC_KEY, baseURL: fake.anthropicBaseURL, timeoutMs: 3000, maxRetries: 0, ...over });
}

export function gptRequest(over: Partial<ModelRequest> = {}): ModelRequest {
  return {
    task: 'generateCode',
    model: 'gpt-5.4-mini',
    system: ['You write TypeScript.'],
    messages: [{ role: 'user', content: 'Write a function that adds two numbers' }],
    maxOutputTokens: 1000,
    ...over,
  };
}

export function claudeRequest(over: Partial<ModelRequest> = {}): ModelRequest {
  return {
    task: 'explain',
    model: 'claude-haiku-4-5',
    system: ['You explain code briefly.'],
    messages: [{ role: 'user', content: 'Explain what this loop does please' }],
    maxOutputTokens: 1000,
    ...over,
  };
}

/** The logged model calls on this path. */
export function callsTo(fake: FakeProviders, path: string): RecordedRequest[] {
  return fake.requests().filter((r) => r.path === path);
}

export function bodyOf(r: RecordedRequest | undefined): Record<string, unknown> {
  assert.ok(r, 'expected a logged request');
  return r.body as Record<string, unknown>;
}

/** Awaits a rejection and asserts it is a ProviderError. */
export async function providerError(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
    return err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export async function waitFor<T>(fn: () => T | undefined, ms = 2000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A 1×1 transparent PNG, base64 without a data: prefix. */
export const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** Sampling parameters must never reach either API. */
export function assertNoSampling(body: Record<string, unknown>): void {
  for (const p of ['temperature', 'top_p', 'top_k']) assert.equal(p in body, false, `${p} must not be sent`);
}
