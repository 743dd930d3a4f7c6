import * as vscode from 'vscode';
import type { ModelService } from '../../core/calls/modelService';
import type { SettingsSnapshot } from '../../core/calls/settingsSnapshot';
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

/** The compliance review: two commands, the findings as diagnostics, and their quick fixes. */
export function registerReview(service: ModelService, settings: () => Pick<SettingsSnapshot, 'models' | 'routes'>, log: TandemLog, boundary: ContentBoundary): ComplianceReview {
  let lastRules: LoadedRules | undefined;
  // A diagnostic's rule id links to the line of the rules file that defines it.
  const diagnostics = new ReviewDiagnostics((ruleId) => {
    const rule = lastRules?.set.rules.find((r) => r.id === ruleId);
    const uri = rule && lastRules?.uris.get(rule.path);
    return rule && uri?.with({ fragment: `L${rule.line}` });
  });
  const env = { service, log, diagnostics, boundary, rulesUsed: (rules: LoadedRules) => (lastRules = rules) };
  const registrations = vscode.Disposable.from(
    diagnostics,
    vscode.languages.registerCodeActionsProvider({ pattern: '**' }, new ReviewQuickFixes(diagnostics), { providedCodeActionKinds: ReviewQuickFixes.kinds }),
    vscode.commands.registerCommand('tandem.reviewSelection', () => reviewCode(env, 'selection')),
    vscode.commands.registerCommand('tandem.reviewFile', () => reviewCode(env, 'file')),
    vscode.commands.registerCommand('tandem.dismissFinding', (uri: vscode.Uri, diagnostic: vscode.Diagnostic) => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (document) diagnostics.remove(document, diagnostic);
    }),
  );
  const reportNotes = (): string[] => {
    const { models, routes } = settings();
    const model = models[routes.review.model];
    // OpenAI caches automatically from 1,024 tokens with no write premium: nothing to warn about there.
    if (!lastRules || model.provider !== 'anthropic') return [];
    const { note } = rulesCacheNote(lastRules.set, model.minCacheablePrefix, model.displayName);
    return note ? [note] : [];
  };
  return { diagnostics, lastRules: () => lastRules, reportNotes, dispose: () => registrations.dispose() };
}
