import type { LedgerRecord } from '../ledger/record';
import type { QualitySignal } from '../quality/signal';
import type { Measurement } from './callMeasurements';
import { ATTR, COMPLETION_EVENTS, type CompletionEvent } from './telemetryNames';

function isCompletionEvent(name: string): name is CompletionEvent {
  return (COMPLETION_EVENTS as readonly string[]).includes(name);
}

/**
 * What one quality signal adds to `tandem.completions`: one for shown, accepted or dismissed; nothing for the
 * other signals (partial takes and survival shares are not counts). The model and task come from the call's
 * ledger record; without it (the signal arrived for a call the ledger does not hold) nothing is counted rather
 * than counting it under no model.
 */
export function signalMeasurements(signal: QualitySignal, call: LedgerRecord | undefined): Measurement[] {
  if (!call || call.id !== signal.call || !isCompletionEvent(signal.name)) return [];
  return [
    {
      instrument: 'completions',
      value: 1,
      attributes: { [ATTR.completionEvent]: signal.name, [ATTR.task]: call.task, [ATTR.requestModel]: call.model },
    },
  ];
}
