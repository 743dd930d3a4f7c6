/** Reading the quality log in the integration tests: the signals recorded about one call's answer. */
import type { LedgerRecord } from '../../src/core/ledger/record';
import type { QualitySignal } from '../../src/core/quality/signal';
import { activateTandem, waitFor } from './tandem';

/** The signals about a call (a ledger record id), oldest first, as `name` or `name#item`. */
export async function signalsOf(call: string): Promise<string[]> {
  const { signals } = await (await activateTandem()).models.quality.read();
  return signals.filter((s: QualitySignal) => s.call === call).map((s) => (s.item === undefined ? s.name : `${s.name}#${s.item}`));
}

/** Waits until a call has `count` signals (some are recorded in the background), then gives them. */
export async function settledSignals(call: string, count = 1): Promise<string[]> {
  return waitFor(`${count} quality signal(s) for call ${call}`, async () => {
    const names = await signalsOf(call);
    return names.length >= count ? names : undefined;
  });
}

/** This session's ledger records of a task, oldest first. */
export async function recordsOf(task: LedgerRecord['task']): Promise<LedgerRecord[]> {
  return (await activateTandem()).session.records.filter((r) => r.task === task && !r.batch);
}
