import * as vscode from 'vscode';
import type { ModelService } from '../../core/calls/modelService';
import type { SettingsSnapshot } from '../../core/calls/settingsSnapshot';
import type { QualityLog } from '../../core/quality/qualityLog';
import { rulesCacheNote } from '../../core/review/rulesCache';
import type { TandemLog } from '../log';
import type { ContentBoundary } from '../privacy/contentBoundary';
import { reviewCode } from './reviewCode';
import { ReviewDiagnostics } from './reviewDiagnostics';
import { ReviewQuickFixes } from './reviewQuickFixes';
import type { LoadedRules } from './rulesFiles';

/** What the report and the integration tests reach: the diagnostics, and the rules the last review used. */
export interface ComplianceReview extends vscode.Disposable {
  readonly diagnostics: ReviewDiagnostics;
  readonly lastRules: () => LoadedRules | undefined;
  /** For the usage report: whether the rules last used are too short for the review model to cache. */
  readonly reportNotes: () => string[];
}

/** The review's state, kept apart from its commands: batch reviews land in its diagnostics, the usage report reads its notes. */
export interface ReviewFindings extends ComplianceReview {
  /** Called by each review with the rules it loaded. */
  readonly rulesUsed: (rules: LoadedRules) => void;
}

/** The findings as diagnostics (each one's end recorded in the quality log), and the rules the last review used. */
export function createReviewFindings(settings: () => Pick<SettingsSnapshot, 'models' | 'routes'>, quality: Pick<QualityLog, 'record'>): ReviewFindings {
  let lastRules: LoadedRules | undefined;
  // A diagnostic's rule id links to the line of the rules file that defines it.
  const diagnostics = new ReviewDiagnostics((ruleId) => {
    const rule = lastRules?.set.rules.find((r) => r.id === ruleId);
    const uri = rule && lastRules?.uris.get(rule.path);
    return rule && uri?.with({ fragment: `L${rule.line}` });
  }, ({ call, name, item }) => quality.record(call, name, { item }));
  const reportNotes = (): string[] => {
    const { models, routes } = settings();
    const model = models[routes.review.model];
    // OpenAI caches automatically from 1,024 tokens with no write premium: nothing to warn about there.
    if (!lastRules || model.provider !== 'anthropic') return [];
    const { note } = rulesCacheNote(lastRules.set, model.minCacheablePrefix, model.displayName);
    return note ? [note] : [];
  };
  return {
    diagnostics,
    lastRules: () => lastRules,
    rulesUsed: (rules) => (lastRules = rules),
    reportNotes,
    dispose: () => diagnostics.dispose(),
  };
}

/** The compliance review: two commands, the findings as diagnostics, and their quick fixes. */
export function registerReview(findings: ReviewFindings, service: ModelService, log: TandemLog, boundary: ContentBoundary): vscode.Disposable {
  const { diagnostics } = findings;
  const env = { service, log, diagnostics, boundary, rulesUsed: findings.rulesUsed };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new ReviewQuickFixes(diagnostics), { providedCodeActionKinds: ReviewQuickFixes.kinds }),
    vscode.commands.registerCommand('tandem.reviewSelection', () => reviewCode(env, 'selection')),
    vscode.commands.registerCommand('tandem.reviewFile', () => reviewCode(env, 'file')),
    vscode.commands.registerCommand('tandem.dismissFinding', (uri: vscode.Uri, diagnostic: vscode.Diagnostic) => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (document) diagnostics.dismiss(document, diagnostic);
    }),
  );
}
