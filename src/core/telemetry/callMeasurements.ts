import type { LedgerRecord } from '../ledger/record';
import type { ModelTable } from '../models/modelTable';
import type { ProviderId } from '../models/providers';
import { CacheSavings } from '../report/cacheSavings';
import { ATTR, ERROR_TYPE_OTHER, OPERATION_CHAT, TOKEN_TYPE, type AttributeKey, type InstrumentId, type TokenType } from './telemetryNames';

export type AttributeValue = string | boolean;

/** One value to record on one instrument. Attributes hold names, model ids and fixed words only. */
export interface Measurement {
  readonly instrument: InstrumentId;
  readonly value: number;
  readonly attributes: Readonly<Partial<Record<AttributeKey, AttributeValue>>>;
}

/** `gen_ai.provider.name` as the conventions' registry spells each provider. */
export const PROVIDER_NAME: Readonly<Record<ProviderId, string>> = { openai: 'openai', anthropic: 'anthropic' };

/**
 * Exported money is USD (the OTLP value is a double); the ledger's is integer micro-dollars. A collector's sum
 * must equal the ledger's to the micro-dollar, so a receiver converts back with `microUsdFromUsd` (exact for
 * one call's figure, and for sums far beyond a team's yearly spend) rather than comparing doubles.
 */
export function usdFromMicroUsd(microUsd: number): number {
  return microUsd / 1e6;
}

export function microUsdFromUsd(usd: number): number {
  return Math.round(usd * 1e6);
}

/**
 * What one ledger record adds to the exported metrics. Token usage is one histogram value per non-zero token
 * type (uncached input, cache reads, cache writes of both lifetimes, output — reasoning is inside output), so
 * summing the histogram gives the ledger's tokens exactly. Cost is the ledger's own figure; cache savings are
 * priced with the model table as the usage report prices them, and left out when the table no longer knows
 * the model or the call used no cache.
 */
export function callMeasurements(record: LedgerRecord, models: ModelTable): Measurement[] {
  const genAi = {
    [ATTR.providerName]: PROVIDER_NAME[record.provider],
    [ATTR.requestModel]: record.model,
    [ATTR.operationName]: OPERATION_CHAT,
    [ATTR.task]: record.task,
    [ATTR.batch]: record.batch,
  };
  const out: Measurement[] = [];

  const { usage } = record;
  const tokens: readonly [TokenType, number][] = [
    [TOKEN_TYPE.input, usage.input],
    [TOKEN_TYPE.cacheRead, usage.cacheRead],
    [TOKEN_TYPE.cacheCreation, usage.cacheWrite5m + usage.cacheWrite1h],
    [TOKEN_TYPE.output, usage.output],
  ];
  for (const [type, count] of tokens) {
    if (count > 0) out.push({ instrument: 'tokenUsage', value: count, attributes: { ...genAi, [ATTR.tokenType]: type } });
  }

  // A fallback is a failed call too (the task then went to the other model).
  const failed = record.outcome === 'error' || record.outcome === 'fallback';
  out.push({
    instrument: 'operationDuration',
    value: record.latencyMs / 1000,
    attributes: failed ? { ...genAi, [ATTR.errorType]: ERROR_TYPE_OTHER } : genAi,
  });

  out.push({
    instrument: 'cost',
    value: usdFromMicroUsd(record.costMicroUsd),
    attributes: {
      [ATTR.task]: record.task,
      [ATTR.requestModel]: record.model,
      [ATTR.outcome]: record.outcome,
      [ATTR.batch]: record.batch,
      [ATTR.estimated]: record.estimated,
    },
  });

  const savedMicroUsd = cacheSavingsMicroUsd(record, models);
  if (savedMicroUsd !== 0) {
    out.push({
      instrument: 'cacheSavings',
      value: usdFromMicroUsd(savedMicroUsd),
      attributes: { [ATTR.task]: record.task, [ATTR.requestModel]: record.model, [ATTR.batch]: record.batch },
    });
  }
  return out;
}

/** One call's cache savings in micro-dollars (0 when the model is no longer in the table). */
export function cacheSavingsMicroUsd(record: LedgerRecord, models: ModelTable): number {
  const spec = models[record.model];
  if (!spec) return 0;
  const savings = new CacheSavings();
  savings.add(record.usage, spec.prices, record.batch);
  return savings.microUsd();
}
