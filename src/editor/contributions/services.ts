import * as vscode from 'vscode';
import { SessionSpend } from '../../core/spend/sessionSpend';
import { SecretHeaderStore } from '../keys/headerStore';
import { KeyStore } from '../keys/keyStore';
import { TandemLog } from '../log';
import { createModelLayer } from '../models/modelLayer';
import { ContentBoundary } from '../privacy/contentBoundary';
import { InsertionSignals } from '../quality/insertionSignals';
import { createReviewFindings } from '../review/registerReview';
import type { TandemServices } from './contribution';

/**
 * The services every feature shares, built once at activation and disposed with the extension. Not isolated
 * like the features: without these no feature can work. Keep them cheap to build (activation time).
 */
export function createServices(context: vscode.ExtensionContext): TandemServices {
  const keys = new KeyStore(context.secrets);
  const headers = new SecretHeaderStore(context.secrets);
  // Every known key and gateway header value is redacted from every line.
  const log = new TandemLog(vscode.window.createOutputChannel('Tandem', { log: true }), () => [...keys.knownKeys(), ...headers.knownValues()]);
  if (keys.demoKeysProblem) log.warn(`keys: ${keys.demoKeysProblem}`);
  const session = new SessionSpend(() => `${vscode.env.sessionId}.${Date.now().toString(36)}`);
  const models = createModelLayer(context, keys, headers, log, session);
  const boundary = new ContentBoundary(log);
  const review = createReviewFindings(() => models.settings.models(), models.quality);
  // Its timers end with the extension: a survival not measured by then is not recorded.
  const insertions = new InsertionSignals(models.quality);
  context.subscriptions.push(log.channel, keys, headers, session, boundary, review, insertions);
  return { context, log, keys, headers, session, models, boundary, review, insertions };
}
