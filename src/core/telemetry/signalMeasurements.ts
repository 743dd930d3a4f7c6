import type { LedgerRecord } from '../ledger/record';
import type { QualitySignal } from '../quality/signal';
import type { Measurement } from './callMeasurements';
import { ATTR, COMPLETION_EVENTS, type CompletionEvent } from './telemetryNames';

function isCompletionEvent(name: string): name is CompletionEvent {
  return (COMPLETION_EVENTS as readonly string[]).includes(name);
}

/**
 * What one quality signal adds: one to `tandem.quality.signals` under its name, and for a completion shown,
 * accepted or dismissed one to `tandem.completions`. Shares (how much of a completion survived) are not counts
 * and are not exported. The model and task come from the call's ledger record; without it (the signal arrived
 * for a call this window did not make, or made before export was on) nothing is counted rather than counting it
 * under no model.
 */
export function signalMeasurements(signal: QualitySignal, call: LedgerRecord | undefined): Measurement[] {
  if (!call || call.id !== signal.call) return [];
  const byCall = { [ATTR.task]: call.task, [ATTR.requestModel]: call.model };
  const out: Measurement[] = [{ instrument: 'qualitySignals', value: 1, attributes: { [ATTR.signal]: signal.name, ...byCall } }];
  if (isCompletionEvent(signal.name)) out.push({ instrument: 'completions', value: 1, attributes: { [ATTR.completionEvent]: signal.name, ...byCall } });
  return out;
}
