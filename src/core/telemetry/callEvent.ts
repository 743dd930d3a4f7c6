import type { LedgerRecord } from '../ledger/record';
import { promptTokens } from '../usage/usage';
import { PROVIDER_NAME, usdFromMicroUsd } from './callMeasurements';
import { ATTR, ERROR_TYPE_OTHER, EVENTS, OPERATION_CHAT, type AttributeKey } from './telemetryNames';

export type EventAttributeValue = string | number | boolean;

/** What one call's log record holds: its event name, when the call started, and attributes only (no body). */
export interface CallEvent {
  readonly eventName: string;
  /** Milliseconds since the epoch: the ledger record's start time. */
  readonly timeMs: number;
  readonly attributes: Readonly<Partial<Record<AttributeKey, EventAttributeValue>>>;
}

/**
 * One ledger record as the GenAI conventions' inference event. Attributes are counts, fixed words and model
 * ids: no ids (call, session, request), no error text, no reason, no prompt or answer, so nothing in it can
 * carry code or a key. `gen_ai.usage.input_tokens` is all the input, cache reads and writes included, as the
 * conventions define it (the metrics split it by token type instead).
 *
 * `tandem.cost.usd` is a double on the wire except when it is a whole number (a failed call's 0): the SDK
 * encodes integral numbers as int values, and a receiver reads either as a number.
 */
export function callEvent(record: LedgerRecord): CallEvent {
  const { usage } = record;
  // A fallback is a failed call too (the task then went to the other model), as on the duration metric.
  const failed = record.outcome === 'error' || record.outcome === 'fallback';
  return {
    eventName: EVENTS.callDetails,
    timeMs: Date.parse(record.time),
    attributes: {
      [ATTR.operationName]: OPERATION_CHAT,
      [ATTR.providerName]: PROVIDER_NAME[record.provider],
      [ATTR.requestModel]: record.model,
      [ATTR.usageInputTokens]: promptTokens(usage),
      [ATTR.usageOutputTokens]: usage.output,
      [ATTR.usageCacheReadInputTokens]: usage.cacheRead,
      [ATTR.usageCacheCreationInputTokens]: usage.cacheWrite5m + usage.cacheWrite1h,
      ...(failed ? { [ATTR.errorType]: ERROR_TYPE_OTHER } : {}),
      [ATTR.task]: record.task,
      [ATTR.outcome]: record.outcome,
      [ATTR.batch]: record.batch,
      [ATTR.estimated]: record.estimated,
      [ATTR.costUsd]: usdFromMicroUsd(record.costMicroUsd),
      [ATTR.latencyMs]: record.latencyMs,
      ...(record.firstTokenMs === undefined ? {} : { [ATTR.firstTokenMs]: record.firstTokenMs }),
    },
  };
}
