import type { QualitySignal } from './signal';

/**
 * Each call's signals in time order (the order they were logged where times tie), keyed by the call's ledger
 * record id. The measures read them from the end, so for a call (or a review finding, by its `item`) that
 * changed state — a diff accepted then rejected, 👍 changed to 👎 — the latest signal wins.
 */
export function signalsByCall(signals: readonly QualitySignal[]): Map<string, QualitySignal[]> {
  const byCall = new Map<string, QualitySignal[]>();
  for (const signal of signals) {
    const ofCall = byCall.get(signal.call);
    if (ofCall === undefined) byCall.set(signal.call, [signal]);
    else ofCall.push(signal);
  }
  // Array.prototype.sort is stable: signals of the same instant keep the order they were logged in.
  for (const ofCall of byCall.values()) ofCall.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return byCall;
}
