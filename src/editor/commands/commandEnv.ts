import type * as vscode from 'vscode';
import type { ModelService } from '../../core/calls/modelService';
import type { JsonValidator } from '../../core/json/jsonValidator';
import type { SqlValidator } from '../../core/sql/sqlValidator';
import type { TandemLog } from '../log';
import type { ContentBoundary } from '../privacy/contentBoundary';
import type { InsertionSignals } from '../quality/insertionSignals';

/** What the editor commands need: the model layer to call, the checkers for answers, the log, the context, the exclusions. */
export interface CommandEnv {
  readonly service: ModelService;
  readonly sql: SqlValidator;
  readonly json: JsonValidator;
  readonly log: TandemLog;
  readonly context: vscode.ExtensionContext;
  /** Which files may be sent: every command refuses an excluded one. */
  readonly boundary: ContentBoundary;
  /** Generated code's fate (kept, undone) for the quality log. */
  readonly insertions: InsertionSignals;
}
