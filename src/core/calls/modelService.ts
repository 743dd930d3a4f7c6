import { ProviderError } from './providerError';
import { type ChatMessage, type ModelClient, type ModelRequest, type ModelResult, type StreamHandlers } from './modelClient';
import { checkBudget } from '../cost/budget';
import { costMicroUsd } from '../cost/cost';
import type { KnownSpend } from '../cost/periodSpend';
import { formatUsd } from '../format/spend';
import type { LedgerRecord } from '../ledger/record';
import type { Logger } from '../log/logger';
import type { ModelId, TaskRoute } from '../models/modelTable';
import type { ProviderId } from '../models/providers';
import type { TaskKind } from '../models/tasks';
import { Cooldowns, shouldFallBack } from '../routing/fallback';
import { route } from '../routing/router';
import type { SessionSpend } from '../spend/sessionSpend';
import { estimateRequestTokens } from '../tokens/estimate';
import { openAIInputTokens } from './inputTokens';
import type { TokenCounter } from '../tokens/tokenCounter';
import { ZERO_USAGE, totalTokens } from '../usage/usage';
import { BudgetBlockedError, InputTooLargeError, NeedsKeyError } from './errors';
import { runSegmented } from './segmented';
import { errorText } from '../format/errorText';
import { redactPrompt, type RedactedPrompt, type Redaction } from '../privacy/redaction';
import type { SettingsSnapshot } from './settingsSnapshot';
import { COMPLETION_DEFAULTS } from '../completion/parameters';
import type { RoutingTrial } from '../trial/routingTrial';
import { TrialRouting, trialLogLine, type TrialTag } from '../trial/trialRequest';

/** What a feature asks for; the service picks the model. */
export interface TaskRequest {
  readonly task: TaskKind;
  readonly system: readonly string[];
  readonly messages: readonly ChatMessage[];
  readonly jsonSchema?: ModelRequest['jsonSchema'];
  /** Defaults to the task's route. */
  readonly maxOutputTokens?: number;
  readonly promptCacheKey?: string;
  readonly cacheTtl?: '5m' | '1h';
  readonly signal?: AbortSignal;
  /** The user picked this model for this call. */
  readonly forceModel?: ModelId;
  /** This asks to repair the answer of that call (its ledger id): the record says so (LedgerRecord.repairOf). */
  readonly repairOf?: string;
  /**
   * Work the user did not ask for by name (inline completions): no dialogs or notices, and no busy
   * spinner on the spend item; over a blocking budget it is simply not sent. The log says what happened.
   */
  readonly background?: boolean;
}

export interface TaskHandlers extends StreamHandlers {
  /** The text streamed so far is void: the task is starting again on another model. */
  readonly onRestart?: (why: string) => void;
}

export interface TaskOutcome {
  readonly result: ModelResult;
  /** The ledger record of the call that gave this result: quality signals about the answer name it. */
  readonly callId: string;
  readonly model: ModelId;
  readonly reason: string;
  readonly fellBackFrom?: ModelId;
}

/** The few things the service needs from the editor. */
export interface ModelServiceUi {
  /** Budget set to block: ask before sending. Resolves true to send anyway. */
  confirmOverBudget(message: string): Promise<boolean>;
  /** Budget set to warn: tell, and go on. */
  warnOverBudget(message: string): void;
  /** One line: the task moved to the other model. */
  announceFallback(message: string): void;
}

export interface ModelServiceDeps {
  /** The settings in force now: taken once per request (and per recorded batch result), never during one. */
  readonly settings: () => SettingsSnapshot;
  readonly hasKey: (provider: ProviderId) => Promise<boolean>;
  /**
   * The provider's client, once its endpoint may have the key: the editor asks the user about an endpoint
   * they have not trusted (never for background work) and throws when it may not (nothing is sent).
   */
  readonly client: (provider: ProviderId, purpose: { readonly background?: boolean }) => Promise<ModelClient>;
  readonly ledger: {
    /**
     * Files a record: true once it is in the file, false when it is kept in memory until the folder can
     * be written (the ledger tells the user and retries). Rejects only for a record it cannot file.
     */
    append(record: LedgerRecord): Promise<boolean>;
    /** Files a record unless the ledger already holds its id, atomically across windows: true when filed now. */
    appendOnce(record: LedgerRecord): Promise<boolean>;
  };
  /** Spend so far this session, today and this month, for the budget check (it counts the ledger's records). */
  readonly periodSpend: { current(): Promise<KnownSpend> };
  readonly session: SessionSpend;
  readonly cooldowns: Cooldowns;
  readonly ui: ModelServiceUi;
  readonly log: Logger;
  /** Exact OpenAI counts for inputs near an OpenAI model's input limit, where an estimate could misroute. */
  readonly tokens?: TokenCounter;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** The user's own keys: redacted verbatim from every prompt, whatever their shape. */
  readonly knownSecrets?: () => Iterable<string>;
  /** The routing trial in force, if any: it sends a share of its tasks' calls to the other model. */
  readonly trial?: () => RoutingTrial | undefined;
}

/** Why a call went to its model, as its ledger record says: the one-line reason and any trial tag. */
type CallWhy = { readonly reason: string; readonly trial?: TrialTag };

/**
 * The engine under every feature: route, check the budget, call, fall back once, record every call in
 * the ledger and the session total.
 */
export class ModelService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly trial: TrialRouting | undefined;
  private counter = 0;

  constructor(private readonly deps: ModelServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    // Time, a random part per service (one per window) and a counter: unique across windows sharing the ledger.
    const instance = Math.random().toString(36).slice(2, 8);
    this.newId = deps.newId ?? (() => `${Date.now().toString(36)}-${instance}-${(this.counter++).toString(36)}`);
    this.trial = deps.trial && new TrialRouting(deps.trial, this.now, { now: () => this.now().getTime(), burstPauseMs: COMPLETION_DEFAULTS.trialBurstPauseMs });
  }

  /**
   * Every prompt passes the redaction here, once, before routing: secret shapes and the user's keys become
   * placeholders on the wire. An answer that is code for the file the secrets came from gets them back, so
   * accepting it never writes a placeholder over a secret; an explanation keeps the placeholders (a rendered
   * link must never carry a secret). The settings are taken once, here, and the whole request (fallback
   * and recording included) uses that snapshot.
   */
  async run(request: TaskRequest, handlers: TaskHandlers = {}): Promise<TaskOutcome> {
    const settings = this.deps.settings();
    const prompt = this.redact(request.task, request.system, request.messages);
    if (prompt.redaction.count === 0) return this.runRouted(request, handlers, settings);
    const outcome = await this.runRouted({ ...request, system: prompt.system, messages: prompt.messages }, handlers, settings);
    return request.task === 'explain' ? outcome : { ...outcome, result: restored(outcome.result, prompt.redaction) };
  }

  /** The redaction `run` applies, for prompts that leave another way (batch jobs); says what it replaced, never the values. */
  redact(task: TaskKind, system: readonly string[], messages: readonly ChatMessage[]): RedactedPrompt {
    const prompt = redactPrompt(system, messages, this.deps.knownSecrets?.() ?? []);
    if (prompt.redaction.count > 0) this.deps.log.info(`privacy: redacted from the ${task} prompt before sending: ${prompt.redaction.summary()}`);
    return prompt;
  }

  private async runRouted(asked: TaskRequest, handlers: TaskHandlers, settings: SettingsSnapshot): Promise<TaskOutcome> {
    const { models, routes } = settings;
    const keys = { openai: await this.deps.hasKey('openai'), anthropic: await this.deps.hasKey('anthropic') };
    const inputTokens = {
      openai: await openAIInputTokens(asked, settings, this.deps.tokens),
      anthropic: estimateRequestTokens(asked.system, asked.messages, 'anthropic'),
    };
    const trial = await this.trial?.decide({
      ...asked, settings, inputTokens, hasKey: (p) => keys[p], isCoolingDown: (p) => this.deps.cooldowns.isCoolingDown(p), spent: () => this.deps.periodSpend.current(),
    });
    const trialLine = trial && trialLogLine(asked.task, trial);
    if (trialLine) this.deps.log.info(trialLine);
    // The trial arm runs as if the user had chosen the other model: same checks, same fallback.
    const request = trial?.kind === 'trial' ? { ...asked, forceModel: trial.model } : asked;
    const tag = trial && trial.kind !== 'outside' ? trial.tag : undefined;
    const decision = route({
      task: request.task,
      inputTokens,
      hasKey: (p) => keys[p],
      isCoolingDown: (p) => this.deps.cooldowns.isCoolingDown(p),
      fallbackEnabled: settings.fallbackEnabled,
      forceModel: request.forceModel,
    }, models, routes);
    const reasonOf = (model: ModelId, reason: string): CallWhy => ({ reason: trial?.kind === 'trial' && model === trial.model ? trial.reason : reason, trial: tag });
    this.deps.log.info(`route: ${decision.kind === 'call' ? reasonOf(decision.model, decision.reason).reason : decision.reason}`);

    switch (decision.kind) {
      case 'refuse':
        throw new InputTooLargeError(decision.reason);
      case 'needs-key': {
        const provider = models[decision.model].provider;
        const alt = decision.alternative ? ` You can also run it on ${models[decision.alternative].displayName}.` : '';
        throw new NeedsKeyError(provider, decision.model, decision.alternative,
          `${models[decision.model].displayName} needs an ${provider === 'openai' ? 'OpenAI' : 'Anthropic'} API key. Run "Tandem: Set API Key…".${alt}`,
          decision.alternative && models[decision.alternative].displayName);
      }
      case 'segment':
        await this.guardBudget(decision.model, inputTokens[models[decision.model].provider], decision.route.maxOutputTokens, settings, request.background);
        return runSegmented(request, handlers, decision, (req, h) => this.callOnce(settings, decision.model, req, decision.route, { reason: decision.reason, trial: tag }, false, h), models);
      case 'call':
        break;
    }

    const maxOut = request.maxOutputTokens ?? decision.route.maxOutputTokens;
    await this.guardBudget(decision.model, inputTokens[models[decision.model].provider], maxOut, settings, request.background);
    const fallback = decision.fallback;
    try {
      const why = reasonOf(decision.model, decision.reason);
      const { result, callId } = await this.callOnce(settings, decision.model, request, decision.route, why, fallback !== undefined, handlers);
      return { result, callId, model: decision.model, reason: why.reason };
    } catch (error) {
      if (!(error instanceof ProviderError) || !fallback || !shouldFallBack(error.kind)) throw error;
      const from = models[decision.model];
      const to = models[fallback];
      this.deps.cooldowns.trip(from.provider);
      const line = `${from.displayName} failed (${describeFailure(error.kind)}); ran this on ${to.displayName} instead.`;
      this.deps.log.warn(`fallback: ${line}`);
      handlers.onRestart?.(line);
      if (!request.background) this.deps.ui.announceFallback(line);
      const reason = `${request.task} → ${to.displayName}: fallback after ${from.displayName} failed (${error.kind})`;
      const { result, callId } = await this.callOnce(settings, fallback, request, decision.route, { reason, trial: tag }, false, handlers);
      return { result, callId, model: fallback, reason, fellBackFrom: decision.model };
    }
  }

  private async guardBudget(model: ModelId, inputTokens: number, maxOutputTokens: number, settings: SettingsSnapshot, background = false): Promise<void> {
    const { caps, mode } = settings.budget;
    if (!caps.sessionMicroUsd && !caps.dailyMicroUsd && !caps.monthlyMicroUsd) return;
    const prices = settings.models[model].prices;
    const estimate = costMicroUsd({ ...ZERO_USAGE, input: inputTokens, output: maxOutputTokens }, prices);
    const spent = await this.deps.periodSpend.current();
    const check = checkBudget(caps, spent, estimate);
    if (check.state !== 'over' || !check.message) return;
    // The ledger could not be read: the figures are what is known, and the message says so.
    const message = spent.caveat ? `${check.message} ${spent.caveat}` : check.message;
    if (mode === 'warn') {
      this.deps.log.warn(`budget: ${message}`);
      if (!background) this.deps.ui.warnOverBudget(message);
      return;
    }
    this.deps.log.warn(`budget: ${message} ${background ? 'Not sent: background work never asks.' : 'Asking before sending.'}`);
    if (background || !(await this.deps.ui.confirmOverBudget(message))) {
      throw new BudgetBlockedError(`Not sent: ${message}`);
    }
  }

  /** One request to one model, recorded whatever happens. Resolves with the result and its ledger record's id. */
  private async callOnce(
    settings: SettingsSnapshot, model: ModelId, request: TaskRequest, taskRoute: TaskRoute, why: CallWhy, mayFallBack: boolean, handlers: StreamHandlers,
  ): Promise<{ result: ModelResult; callId: string }> {
    const spec = settings.models[model];
    const started = this.now();
    const modelRequest: ModelRequest = {
      task: request.task,
      model,
      system: request.system,
      messages: request.messages,
      jsonSchema: request.jsonSchema,
      maxOutputTokens: Math.min(request.maxOutputTokens ?? taskRoute.maxOutputTokens, spec.maxOutput),
      reasoningEffort: spec.provider === 'openai' ? taskRoute.reasoningEffort : undefined,
      promptCacheKey: request.promptCacheKey,
      cacheTtl: request.cacheTtl,
      minCacheablePrefix: spec.minCacheablePrefix,
      signal: request.signal,
    };
    const client = await this.deps.client(spec.provider, { background: request.background });
    const end = request.background ? () => {} : this.deps.session.begin();
    try {
      const result = await client.stream(modelRequest, handlers);
      const callId = await this.record(settings, model, request, started, why, {
        usage: result.usage, estimated: result.usageEstimated, latencyMs: result.latencyMs,
        outcome: result.stop === 'cancelled' ? 'cancelled' : 'ok', requestId: result.requestId,
        ...(result.firstTokenMs !== undefined ? { firstTokenMs: result.firstTokenMs } : {}),
        ...(result.gatewayCostMicroUsd !== undefined ? { gatewayCostMicroUsd: result.gatewayCostMicroUsd } : {}),
      });
      this.deps.log.info(`${spec.displayName}: ${request.task} done in ${result.latencyMs} ms, request ${result.requestId ?? 'n/a'}`);
      return { result, callId };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      // What it is billed for was settled by the billing policy where the evidence is (core/cost/billing.ts).
      const partial = error.details.partial;
      if (error.kind === 'cancelled' && (!partial || partial.basis === 'not-sent')) {
        // Cancelled before anything left this machine: not a call, nothing to bill or count.
        this.deps.log.info(`${spec.displayName}: ${request.task} cancelled before it was sent`);
        throw error;
      }
      const outcome = error.kind === 'cancelled' ? 'cancelled' : mayFallBack && shouldFallBack(error.kind) ? 'fallback' : 'error';
      await this.record(settings, model, request, started, why, {
        usage: partial?.usage ?? ZERO_USAGE,
        estimated: partial?.usageEstimated ?? false,
        latencyMs: partial?.latencyMs ?? this.now().getTime() - started.getTime(),
        outcome,
        requestId: error.details.requestId,
        error: `${error.kind}: ${error.message}`,
        ...(partial?.firstTokenMs !== undefined ? { firstTokenMs: partial.firstTokenMs } : {}),
        ...(partial?.gatewayCostMicroUsd !== undefined ? { gatewayCostMicroUsd: partial.gatewayCostMicroUsd } : {}),
      });
      this.deps.log[outcome === 'cancelled' ? 'info' : 'warn'](`${spec.displayName}: ${request.task} ${outcome}: ${error.message}`);
      throw error;
    } finally {
      end();
    }
  }

  /** Priced with the request's own snapshot: the prices that routed the call are the ones it is recorded at. */
  private async record(
    settings: SettingsSnapshot, model: ModelId, { task, repairOf }: Pick<TaskRequest, 'task' | 'repairOf'>, started: Date, why: CallWhy,
    call: Pick<LedgerRecord, 'usage' | 'estimated' | 'latencyMs' | 'firstTokenMs' | 'outcome' | 'requestId' | 'error' | 'gatewayCostMicroUsd'>,
  ): Promise<string> {
    const spec = settings.models[model];
    const record: LedgerRecord = {
      v: 1,
      id: this.newId(),
      time: started.toISOString(),
      session: this.deps.session.id,
      task,
      model,
      provider: spec.provider,
      batch: false,
      reason: why.reason,
      ...(why.trial ? { trial: why.trial } : {}),
      ...(repairOf ? { repairOf } : {}),
      costMicroUsd: costMicroUsd(call.usage, spec.prices),
      ...call,
    };
    await this.file(record, settings);
    return record.id;
  }

  /**
   * Counts a finished call everywhere at once: the ledger (and with it the period spend), the session
   * total, the log. Batch results come through here too, priced at the batch rate by their caller. A
   * ledger that cannot be written keeps the record and says so itself (a message, the status bar), so the
   * call is never lost.
   */
  recordCall(record: LedgerRecord): Promise<void> {
    return this.file(record, this.deps.settings());
  }

  private async file(record: LedgerRecord, settings: SettingsSnapshot): Promise<void> {
    // Handed to the ledger first: it counts the record at once (the period spend reads it), so whatever
    // the session total wakes (the status bar's budget colour) already sees it.
    const filed = this.deps.ledger.append(record);
    this.count(record, settings);
    try {
      await filed;
    } catch (error) {
      // Only a record that cannot be filed at all (an invalid time) ends here.
      this.deps.log.error(`ledger: record ${record.id} cannot be filed (${errorText(error)}); it counts in this session only`);
    }
  }

  /**
   * Records a call unless the ledger already holds one with the same id: batch results carry an id made
   * from (job id, custom id), so polling, reloads and other windows can offer the same result again.
   * The ledger checks and appends under a lock shared with other windows. Resolves true when it was
   * recorded now.
   */
  async recordCallOnce(record: LedgerRecord): Promise<boolean> {
    const settings = this.deps.settings();
    if (!(await this.deps.ledger.appendOnce(record))) return false;
    this.count(record, settings);
    return true;
  }

  /** The session total and the log; the ledger's own count (period spend, report) comes with the append. */
  private count(record: LedgerRecord, settings: SettingsSnapshot): void {
    // A batch result can land after its model left the catalog: it is still counted, under its id.
    const name = settings.models[record.model]?.displayName ?? record.model;
    this.deps.session.add(record);
    this.deps.log.info(`cost: ${name} ${record.task}${record.batch ? ' (batch)' : ''} ${formatUsd(record.costMicroUsd)} (${totalTokens(record.usage)} tokens${record.estimated ? ', estimated' : ''})`);
  }

  get sessionId(): string {
    return this.deps.session.id;
  }
}

/** The answer with the secrets its prompt was redacted of put back. */
function restored(result: ModelResult, redaction: Redaction): ModelResult {
  return { ...result, text: redaction.restore(result.text), ...(result.json !== undefined ? { json: redaction.restoreJson(result.json) } : {}) };
}

/** How a failure reads in the one-line fallback notice. */
const FAILURE_WORDS: Readonly<Record<string, string>> = {
  'rate-limit': 'rate limited',
  overloaded: 'overloaded',
  server: 'server error',
  connection: 'could not connect',
  timeout: 'timed out',
  'mid-stream': 'the answer broke off',
};

function describeFailure(kind: string): string {
  return FAILURE_WORDS[kind] ?? kind;
}
