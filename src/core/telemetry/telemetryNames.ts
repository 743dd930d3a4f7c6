/**
 * The names Tandem exports over OpenTelemetry (product.md "Team scale", issue 19). Dashboards and alert rules
 * key on these strings, so they are defined once here and never spelled elsewhere.
 *
 * GenAI names follow the OpenTelemetry GenAI semantic conventions (open-telemetry/semantic-conventions,
 * model/gen-ai/registry.yaml and metrics.yaml; stability "development").
 */

export type InstrumentKind = 'histogram' | 'counter' | 'upDownCounter';

export interface InstrumentSpec {
  readonly name: string;
  readonly kind: InstrumentKind;
  readonly unit: string;
  readonly description: string;
}

export const INSTRUMENTS = {
  tokenUsage: {
    name: 'gen_ai.client.token.usage',
    kind: 'histogram',
    unit: '{token}',
    description: 'Number of input and output tokens used, by token type',
  },
  operationDuration: {
    name: 'gen_ai.client.operation.duration',
    kind: 'histogram',
    unit: 's',
    description: 'GenAI operation duration',
  },
  cost: {
    name: 'tandem.cost',
    kind: 'counter',
    unit: 'USD',
    description: "What the calls cost at Tandem's prices (the ledger's figure)",
  },
  cacheSavings: {
    name: 'tandem.cache.savings',
    // product.md says "counter", but a call that only writes the cache saves less than nothing (the write
    // premium), and an OpenTelemetry Counter drops negative increments: the sum would then drift from the
    // usage report. An UpDownCounter keeps it exact and is exported as a non-monotonic sum.
    kind: 'upDownCounter',
    unit: 'USD',
    description: 'What prompt caching saved compared with paying full input price',
  },
  completions: {
    name: 'tandem.completions',
    kind: 'counter',
    unit: '{completion}',
    description: 'Inline completions shown, accepted and dismissed',
  },
  qualitySignals: {
    name: 'tandem.quality.signals',
    kind: 'counter',
    unit: '{signal}',
    description: 'What became of the answers: one per quality signal (accepted, undone, valid first time, finding fixed…)',
  },
} as const satisfies Record<string, InstrumentSpec>;

export type InstrumentId = keyof typeof INSTRUMENTS;

/** Attribute keys. Values are only these names, model ids and fixed words: never text from a prompt, answer or error. */
export const ATTR = {
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  /**
   * Defined for completeness; not exported yet: the ledger records the model Tandem asked for, not the one
   * the provider says answered, and sending the request model under this name would claim what we do not know.
   */
  responseModel: 'gen_ai.response.model',
  operationName: 'gen_ai.operation.name',
  tokenType: 'gen_ai.token.type',
  /** The conventions' low-cardinality failure class, conditionally required on the duration of a failed call. */
  errorType: 'error.type',
  task: 'tandem.task',
  outcome: 'tandem.outcome',
  batch: 'tandem.batch',
  estimated: 'tandem.estimated',
  completionEvent: 'tandem.completion.event',
  /** The quality signal's name (core/quality/signal.ts SIGNAL_NAMES): a fixed word, never a value or text. */
  signal: 'tandem.signal',
  /** Usage attributes of the conventions' inference event; `input_tokens` includes cache reads and writes. */
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  /** The call's cost on its log record (USD, the ledger's figure), next to its latency and time to first token. */
  costUsd: 'tandem.cost.usd',
  latencyMs: 'tandem.latency_ms',
  firstTokenMs: 'tandem.first_token_ms',
} as const;

export type AttributeKey = (typeof ATTR)[keyof typeof ATTR];

/**
 * Event names of the log records. One per call: the GenAI conventions' client inference event
 * (model/gen-ai/events.yaml), carrying only its usage and Tandem's attributes, never the messages it may hold.
 */
export const EVENTS = {
  callDetails: 'gen_ai.client.inference.operation.details',
} as const;

/** Tandem's calls are all chat-style requests (OpenAI Responses / Anthropic Messages). */
export const OPERATION_CHAT = 'chat';

/** The registry's fallback `error.type` value when no better low-cardinality class is known. */
export const ERROR_TYPE_OTHER = '_OTHER';

/**
 * Values of `gen_ai.token.type`. The registry (model/gen-ai/registry.yaml) defines only `input` and `output`
 * (`completion` deprecated, renamed to `output`); it has no cache token types. Cache tokens appear in the
 * conventions only as span/event usage attributes `gen_ai.usage.cache_read.input_tokens` and
 * `gen_ai.usage.cache_creation.input_tokens`, which SHOULD be included in `gen_ai.usage.input_tokens`.
 * So the cache types here borrow those attributes' segment names, `cache_read` and `cache_creation`, and
 * `input` counts uncached input only: summing every type gives the call's tokens exactly once. A dashboard that
 * wants the conventions' all-inclusive input adds the three input-side types.
 */
export const TOKEN_TYPE = {
  input: 'input',
  cacheRead: 'cache_read',
  cacheCreation: 'cache_creation',
  output: 'output',
} as const;

export type TokenType = (typeof TOKEN_TYPE)[keyof typeof TOKEN_TYPE];

/** Values of `tandem.completion.event`. */
export const COMPLETION_EVENTS = ['shown', 'accepted', 'dismissed'] as const;

export type CompletionEvent = (typeof COMPLETION_EVENTS)[number];

/** Resource attribute keys. `service.*` are the OpenTelemetry resource conventions'; the label is the user's own. */
export const RESOURCE_ATTR = {
  serviceName: 'service.name',
  serviceVersion: 'service.version',
  /**
   * A random id per VS Code window, as the resource conventions ask: a collector's Prometheus exporter keeps
   * one cumulative series per label set, and two windows of one developer would otherwise overwrite each other.
   */
  serviceInstanceId: 'service.instance.id',
  userLabel: 'tandem.user.label',
} as const;

export const SERVICE_NAME = 'tandem';
