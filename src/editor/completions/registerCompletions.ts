import * as vscode from 'vscode';
import { BudgetBlockedError, NeedsKeyError } from '../../core/calls/errors';
import type { ModelService } from '../../core/calls/modelService';
import { EndpointNotAllowedError } from '../../core/endpoints/consent';
import type { Event } from '../../core/events/emitter';
import { CompletionPipeline } from '../../core/completion/pipeline';
import { modelServiceRequester } from '../../core/completion/request/completionRequest';
import { errorText } from '../../core/format/errorText';
import { describeRule } from '../../core/privacy/exclusion';
import type { TandemLog } from '../log';
import type { ContentBoundary } from '../privacy/contentBoundary';
import type { CompletionSignals } from '../quality/completionSignals';
import { TandemCompletionProvider } from './completionProvider';
import { CompletionSettings } from './completionSettings';
import { CompletionStatus, type CompletionState } from './completionStatus';
import { EditorContext } from './editorContext';
import { inBackground } from '../../core/log/background';

/** What the integration tests reach: the pipeline's counters and the status item. */
export interface InlineCompletions extends vscode.Disposable {
  readonly pipeline: CompletionPipeline;
  readonly status: CompletionStatus;
}

/** Schemes of documents a user types code in (not output panes, diffs of other tools, or settings UIs). */
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-vfs' }];

/** Inline completions: the provider, its status item, and the commands that turn them off and on. */
export function registerCompletions(service: ModelService, secrets: vscode.SecretStorage, log: TandemLog, boundary: ContentBoundary, onDidChangeTrust: Event<void>, signals: CompletionSignals): InlineCompletions {
  const settings = new CompletionSettings();
  const status = new CompletionStatus();
  const context = new EditorContext(settings.read().parameters, log, boundary);
  // A problem (no key, budget, failure) shows until a completion succeeds or something relevant changes.
  let problem: CompletionState | undefined;

  const pipeline = new CompletionPipeline({
    snippets: (input, parameters) => context.snippets(input, parameters),
    request: modelServiceRequester(service),
    onWorking: (working) => status.setWorking(working),
    onError: (error) => {
      problem = describeProblem(error);
      if (problem.kind === 'failed') log.warn(`completions: ${errorText(error)}`);
      refresh();
    },
    trace: (event) => {
      if (event === 'answered' && problem) {
        problem = undefined;
        refresh();
      }
    },
  });

  const refresh = () => status.set(currentState(settings, boundary, problem));
  const clearProblemAndRefresh = () => {
    problem = undefined;
    refresh();
  };
  refresh();
  // The exclusion rules are read after activation; the status item says "excluded here" from then on.
  inBackground(boundary.ready.then(refresh), log, 'reading the exclusion rules');

  const registrations = vscode.Disposable.from(
    status,
    context,
    vscode.languages.registerInlineCompletionItemProvider(SELECTOR, new TandemCompletionProvider(pipeline, settings, boundary, signals)),
    vscode.commands.registerCommand('tandem.toggleCompletions', async () => {
      const on = await settings.toggle();
      if (!on) pipeline.stop();
      void vscode.window.showInformationMessage(`Tandem: inline completions ${on ? 'on' : 'off'}.`);
    }),
    vscode.commands.registerCommand('tandem.toggleCompletionsForLanguage', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (!document) {
        void vscode.window.showInformationMessage('Tandem: open a file first; completions are turned off and on per language of the file.');
        return;
      }
      const on = await settings.toggleLanguage(document.languageId);
      if (!on) pipeline.stop();
      void vscode.window.showInformationMessage(`Tandem: inline completions ${on ? 'on' : 'off'} for ${document.languageId}.`);
    }),
    vscode.commands.registerCommand('tandem.showLog', () => log.channel.show()),
    vscode.window.onDidChangeActiveTextEditor(() => refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => refresh()),
    boundary.onDidChange(() => refresh()),
    vscode.workspace.onDidCloseTextDocument((document) => pipeline.cache.forgetDocument(document.uri.toString())),
    // A key set (here or in another window) ends a "needs a key" state.
    secrets.onDidChange(() => problem?.kind === 'needs-key' && clearProblemAndRefresh()),
    // An endpoint allowed from a command ends an "endpoint not trusted" state.
    onDidChangeTrust(() => problem?.kind === 'untrusted-endpoint' && clearProblemAndRefresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tandem')) clearProblemAndRefresh();
    }),
  );
  return {
    pipeline,
    status,
    dispose: () => {
      pipeline.dispose();
      registrations.dispose();
    },
  };
}

function currentState(settings: CompletionSettings, boundary: ContentBoundary, problem: CompletionState | undefined): CompletionState {
  if (!vscode.workspace.isTrusted) return { kind: 'restricted' };
  const { enabled, disabledLanguages } = settings.read();
  if (!enabled) return { kind: 'off' };
  const document = vscode.window.activeTextEditor?.document;
  if (document && disabledLanguages.includes(document.languageId)) return { kind: 'off-language', language: document.languageId };
  const excludedBy = document && boundary.isReady ? boundary.excludedBy(document.uri) : undefined;
  if (excludedBy) return { kind: 'excluded', rule: describeRule(excludedBy) };
  return problem ?? { kind: 'on', language: document ? document.languageId : 'every language' };
}

function describeProblem(error: unknown): CompletionState {
  if (error instanceof NeedsKeyError) return { kind: 'needs-key', message: error.message };
  if (error instanceof BudgetBlockedError) return { kind: 'blocked', message: error.message };
  // Not asked about from background work: the consent check logged it once already.
  if (error instanceof EndpointNotAllowedError) return { kind: 'untrusted-endpoint', message: error.message };
  return { kind: 'failed', message: errorText(error) };
}
