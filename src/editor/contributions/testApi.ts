import type * as vscode from 'vscode';
import type { SignalParameters } from '../../core/quality/signalParameters';
import type { SessionSpend } from '../../core/spend/sessionSpend';
import type { BatchJobs } from '../batch/registerBatch';
import type { EditorCommands } from '../commands/registerCommands';
import type { InlineCompletions } from '../completions/registerCompletions';
import type { ModelLayer } from '../models/modelLayer';
import type { ContentBoundary } from '../privacy/contentBoundary';
import { ReportPanel } from '../report/reportPanel';
import type { ComplianceReview } from '../review/registerReview';
import type { BatchTreeProvider } from '../views/batchView';
import type { SpendTreeProvider } from '../views/spendView';
import type { OtlpExportController } from '../telemetry/otlpExportController';
import type { TrialTreeProvider } from '../views/trialView';
import type { FeatureTestParts, TandemServices } from './contribution';

/** Internals handed to the integration tests only (ExtensionMode.Test); other extensions get nothing. */
export interface TandemTestApi {
  readonly statusBarItem: vscode.StatusBarItem;
  readonly session: SessionSpend;
  readonly context: vscode.ExtensionContext;
  readonly models: ModelLayer;
  /** The editor commands' pending edit proposals and explanations. */
  readonly commands: EditorCommands;
  /** Inline completions: the pipeline (with its counters) and the status item. */
  readonly completions: InlineCompletions;
  /** The compliance review: its diagnostics and the rules it last used. */
  readonly review: ComplianceReview;
  /** Batch jobs: their store, runner, status item and pending bulk edits. */
  readonly batch: BatchJobs;
  /** The Tandem view's sections: what their trees hold, as VS Code asks for it. */
  readonly spendView: SpendTreeProvider;
  readonly batchView: BatchTreeProvider;
  /** The Routing Trial section (the trial itself is models.trial). */
  readonly trialView: TrialTreeProvider;
  /** The OpenTelemetry export: its configuration and feed, and flush. */
  readonly telemetry: OtlpExportController;
  /** Which files are never sent (built-in list, tandem.exclude, .tandemignore). */
  readonly boundary: ContentBoundary;
  /** The open usage report, if any. */
  readonly report: () => ReportPanel | undefined;
  /** Code loading plus the activate() call, as VS Code's own activation times count them. */
  readonly activationMs: number;
  /** The survival signals' delays: tests set short ones (each insertion uses the value current when it is made). */
  signalParameters: SignalParameters;
}

/**
 * The test API from the services and what the features handed over. A feature that did not start leaves
 * its part missing: reading it throws (the test that needs it fails, saying why), the others are unaffected.
 */
export function tandemTestApi(services: TandemServices, features: Partial<FeatureTestParts>, activationMs: number): TandemTestApi {
  const part = <K extends keyof FeatureTestParts>(key: K): FeatureTestParts[K] => {
    const value = features[key];
    if (value === undefined) throw new Error(`Tandem test API: no ${key}, its feature did not start (the Tandem log says why).`);
    return value;
  };
  const { session, context, models, review, boundary, insertions } = services;
  return {
    get statusBarItem() {
      return part('statusBarItem');
    },
    get commands() {
      return part('commands');
    },
    get completions() {
      return part('completions');
    },
    get batch() {
      return part('batch');
    },
    get spendView() {
      return part('spendView');
    },
    get batchView() {
      return part('batchView');
    },
    get trialView() {
      return part('trialView');
    },
    get telemetry() {
      return part('telemetry');
    },
    session,
    context,
    models,
    review,
    boundary,
    report: () => ReportPanel.current,
    activationMs,
    get signalParameters() {
      return insertions.parameters;
    },
    set signalParameters(value: SignalParameters) {
      insertions.parameters = value;
    },
  };
}
