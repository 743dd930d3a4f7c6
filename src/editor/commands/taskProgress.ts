import * as vscode from 'vscode';
import { NeedsKeyError, TandemError } from '../../core/calls/errors';
import type { ModelId } from '../../core/models/modelTable';
import { ProviderError } from '../../core/calls/providerError';
import type { TandemLog } from '../log';
import { errorText } from '../../core/format/errorText';

/** How a command's work ended. 'cancelled': the user pressed Cancel (the request was aborted). */
export type WorkOutcome<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly error: unknown };

/** Every command's work in flight, so `Tandem: Cancel Running Request` can stop it from the palette. */
const running = new Set<AbortController>();

/** Aborts every command request in flight; returns how many there were. */
export function cancelRunning(): number {
  const count = running.size;
  for (const controller of running) controller.abort();
  return count;
}

/**
 * Runs a command's model work under a cancellable progress notification. Cancel aborts the HTTP request
 * through the signal; a failure is returned, not thrown, so each command decides what to undo first.
 */
export async function withCancellableProgress<T>(
  title: string,
  work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Promise<WorkOutcome<T>> {
  const abort = new AbortController();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const subscription = token.onCancellationRequested(() => abort.abort());
    running.add(abort);
    try {
      const value = await work(abort.signal, (message) => progress.report({ message }));
      return abort.signal.aborted ? { kind: 'cancelled' as const } : { kind: 'done' as const, value };
    } catch (error) {
      if (abort.signal.aborted || (error instanceof ProviderError && error.kind === 'cancelled')) return { kind: 'cancelled' as const };
      return { kind: 'failed' as const, error };
    } finally {
      running.delete(abort);
      subscription.dispose();
    }
  });
}

export const CANCELLED_MESSAGE = 'Tandem: cancelled. The file is as it was.';

/** The value of finished work; for cancelled or failed work, tells the user (offering a retry) and gives undefined. */
export async function finishedOrTold<T>(outcome: WorkOutcome<T>, log: TandemLog, retryOn: (model: ModelId) => void): Promise<T | undefined> {
  if (outcome.kind === 'done') return outcome.value;
  if (outcome.kind === 'cancelled') void vscode.window.showInformationMessage(CANCELLED_MESSAGE);
  else await showFailure(outcome.error, log, retryOn);
  return undefined;
}

/** A progress line while an answer streams in: how much has arrived. */
export function receivedLine(chars: number): string {
  return chars === 0 ? 'waiting for the model…' : `receiving… ${Math.ceil(chars / 4).toLocaleString('en-US')} tokens`;
}

/**
 * Shows a failure the way a user can act on: a missing key offers to set it (or to use the other model,
 * through `retryOn`), other Tandem and provider errors say what happened and what to do.
 */
export async function showFailure(error: unknown, log: TandemLog, retryOn?: (model: ModelId) => void): Promise<void> {
  if (error instanceof NeedsKeyError) {
    const actions = ['Set API Key…', ...(error.alternative && retryOn ? [`Use ${error.alternativeName ?? error.alternative}`] : [])];
    const choice = await vscode.window.showErrorMessage(`Tandem: ${error.message}`, ...actions);
    if (choice === 'Set API Key…') await vscode.commands.executeCommand('tandem.setApiKey', error.provider);
    else if (choice && error.alternative) retryOn?.(error.alternative);
    return;
  }
  if (error instanceof ProviderError && error.kind === 'auth') {
    const choice = await vscode.window.showErrorMessage(`Tandem: ${log.clean(error.message)}`, 'Set API Key…');
    if (choice) await vscode.commands.executeCommand('tandem.setApiKey', error.provider);
    return;
  }
  if (error instanceof TandemError || error instanceof ProviderError) {
    void vscode.window.showErrorMessage(`Tandem: ${log.clean(error.message)}`);
    return;
  }
  const text = errorText(error);
  log.error(`unexpected failure: ${text}`);
  void vscode.window.showErrorMessage(`Tandem: something went wrong (${log.clean(text)}). The Tandem log has the details.`);
}
