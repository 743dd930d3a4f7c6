/** A ModelService wired to the real provider adapters (real SDKs) and the fake provider server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelService, type ModelServiceSettings } from '../../../../src/core/calls/modelService';
import { PeriodSpend } from '../../../../src/core/cost/periodSpend';
import { LedgerStore } from '../../../../src/core/ledger/store';
import { DEFAULT_MODELS, DEFAULT_ROUTES } from '../../../../src/core/models/modelTable';
import type { ProviderId } from '../../../../src/core/models/providers';
import { Cooldowns } from '../../../../src/core/routing/fallback';
import { SessionSpend } from '../../../../src/core/spend/sessionSpend';
import { TokenCounter } from '../../../../src/core/tokens/tokenCounter';
import * as o200k from '../../../../src/tokenizer/o200k';
import { createModelClient } from '../../../../src/providers';
import type { FakeProviders } from '../../../fake-providers/server';

export interface Harness {
  readonly service: ModelService;
  readonly ledger: LedgerStore;
  readonly session: SessionSpend;
  readonly logLines: string[];
  readonly fallbackLines: string[];
  readonly budgetWarnings: string[];
  readonly budgetQuestions: string[];
  readonly dir: string;
  cleanup(): void;
}

export interface HarnessOptions {
  keys?: Partial<Record<ProviderId, string>>;
  settings?: Partial<ModelServiceSettings>;
  answerBudgetQuestion?: boolean;
  /** Use the exact o200k tokenizer near the input limit, as the extension does. */
  exactTokens?: boolean;
}

export const TEST_KEYS: Record<ProviderId, string> = {
  openai: 'sk-test-openai-harness-0001',
  anthropic: 'sk-ant-test-harness-0001',
};

export function createHarness(fake: FakeProviders, options: HarnessOptions = {}): Harness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-service-'));
  const keys = { ...TEST_KEYS, ...options.keys };
  const logLines: string[] = [];
  const fallbackLines: string[] = [];
  const budgetWarnings: string[] = [];
  const budgetQuestions: string[] = [];
  const ledger = new LedgerStore(dir);
  const session = new SessionSpend(() => 'test-session');
  const settings: ModelServiceSettings = {
    models: DEFAULT_MODELS,
    routes: DEFAULT_ROUTES,
    fallbackEnabled: true,
    budget: { caps: {}, mode: 'warn' },
    ...options.settings,
  };
  const service = new ModelService({
    settings: () => settings,
    hasKey: async (p) => Boolean(keys[p]),
    client: async (p) => createModelClient(p, {
      apiKey: keys[p] ?? '',
      baseURL: p === 'openai' ? fake.openaiBaseURL : fake.anthropicBaseURL,
      maxRetries: 0,
      timeoutMs: 5000,
    }),
    ledger,
    periodSpend: new PeriodSpend(async (from) => (await ledger.read({ from })).records, () => session.totals.costMicroUsd),
    session,
    cooldowns: new Cooldowns(),
    tokens: options.exactTokens ? new TokenCounter(async () => o200k) : undefined,
    log: {
      info: (m) => logLines.push(`info ${m}`),
      warn: (m) => logLines.push(`warn ${m}`),
      error: (m) => logLines.push(`error ${m}`),
    },
    ui: {
      confirmOverBudget: async (m) => {
        budgetQuestions.push(m);
        return options.answerBudgetQuestion ?? false;
      },
      warnOverBudget: (m) => budgetWarnings.push(m),
      announceFallback: (m) => fallbackLines.push(m),
    },
  });
  return {
    service, ledger, session, logLines, fallbackLines, budgetWarnings, budgetQuestions, dir,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
