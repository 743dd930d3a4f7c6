import * as vscode from 'vscode';
import { activateContributions, type ActiveContributions, type Contribution } from '../../core/contributions/activateContributions';
import { inBackground } from '../../core/log/background';
import type { SessionSpend } from '../../core/spend/sessionSpend';
import type { InlineCompletions } from '../completions/registerCompletions';
import type { BatchJobs } from '../batch/registerBatch';
import type { EditorCommands } from '../commands/registerCommands';
import type { SecretHeaderStore } from '../keys/headerStore';
import type { KeyStore } from '../keys/keyStore';
import type { TandemLog } from '../log';
import type { ModelLayer } from '../models/modelLayer';
import type { ContentBoundary } from '../privacy/contentBoundary';
import type { InsertionSignals } from '../quality/insertionSignals';
import type { ReviewFindings } from '../review/registerReview';
import type { BatchTreeProvider } from '../views/batchView';
import type { SpendTreeProvider } from '../views/spendView';
import type { OtlpExportController } from '../telemetry/otlpExportController';
import type { TrialTreeProvider } from '../views/trialView';

/** What every feature may use, built once at activation (services.ts). A feature reaches another only through these. */
export interface TandemServices {
  readonly context: vscode.ExtensionContext;
  /** The "Tandem" output channel, secrets redacted. */
  readonly log: TandemLog;
  readonly keys: KeyStore;
  readonly headers: SecretHeaderStore;
  /** What this session has spent, live. */
  readonly session: SessionSpend;
  /** Settings, clients, the ledger, and the ModelService every model call goes through. */
  readonly models: ModelLayer;
  /** Which files are never sent (built-in list, tandem.exclude, .tandemignore). */
  readonly boundary: ContentBoundary;
  /** The review's findings and the rules it last used: batch reviews land in them, the usage report notes them. */
  readonly review: ReviewFindings;
  /** Follows text Tandem inserted (accepted completions, generated code) for its survival and undo signals. */
  readonly insertions: InsertionSignals;
}

/** What features hand the integration tests (the rest of the test API comes from the services). */
export interface FeatureTestParts {
  readonly statusBarItem: vscode.StatusBarItem;
  /** The editor commands' pending edit proposals and explanations. */
  readonly commands: EditorCommands;
  /** Inline completions: the pipeline (with its counters) and the status item. */
  readonly completions: InlineCompletions;
  /** Batch jobs: their store, runner, status item and pending bulk edits. */
  readonly batch: BatchJobs;
  /** The Tandem view's sections: what their trees hold, as VS Code asks for it. */
  readonly spendView: SpendTreeProvider;
  readonly batchView: BatchTreeProvider;
  readonly trialView: TrialTreeProvider;
  /** The OpenTelemetry export: its configuration and feed, and flush. */
  readonly telemetry: OtlpExportController;
}

/** One feature: created from the services, it returns what to dispose (and, optionally, its part of the test API). */
export type TandemContribution = Contribution<TandemServices, Partial<FeatureTestParts>>;

/**
 * Starts the features, each on its own (core/contributions): one that throws is logged, the others start,
 * and the user is told once which did not, since their commands now answer "not found".
 */
export function activateFeatures(list: readonly TandemContribution[], services: TandemServices): ActiveContributions<Partial<FeatureTestParts>> {
  const active = activateContributions(list, services, services.log);
  if (active.failed.length > 0) inBackground(tellNotStarted(active.failed, services.log), services.log, 'the message about features that did not start');
  return active;
}

async function tellNotStarted(names: readonly string[], log: TandemLog): Promise<void> {
  const choice = await vscode.window.showErrorMessage(`Tandem: ${names.join(', ')} did not start; the rest of Tandem works. The Tandem log says why.`, 'Show Log');
  if (choice) log.channel.show();
}
