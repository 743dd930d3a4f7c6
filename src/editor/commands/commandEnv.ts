import type * as vscode from 'vscode';
import type { ModelService } from '../../core/calls/modelService';
import type { JsonValidator } from '../../core/json/jsonValidator';
import type { QualityLog } from '../../core/quality/qualityLog';
import type { SqlValidator } from '../../core/sql/sqlValidator';
import type { TandemLog } from '../log';
import type { ContentBoundary } from '../privacy/contentBoundary';
import type { InsertionSignals } from '../quality/insertionSignals';

/** What the editor commands need: the model layer to call, the checkers for answers, the log, the context, the exclusions, the quality log. */
export interface CommandEnv {
  readonly service: ModelService;
  readonly sql: SqlValidator;
  readonly json: JsonValidator;
  readonly log: TandemLog;
  readonly context: vscode.ExtensionContext;
  /** Which files may be sent: every command refuses an excluded one. */
  readonly boundary: ContentBoundary;
  /** Where what the user did with each answer is recorded (named by the answer's call id). */
  readonly quality: QualityLog;
  /** Generated code's fate (kept, undone) for the quality log. */
  readonly insertions: InsertionSignals;
}
