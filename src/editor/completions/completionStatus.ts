import * as vscode from 'vscode';

/** What the completion status item says; the problems stay until a completion succeeds or settings change. */
export type CompletionState =
  | { readonly kind: 'on'; readonly language: string }
  | { readonly kind: 'off' }
  | { readonly kind: 'off-language'; readonly language: string }
  | { readonly kind: 'restricted' }
  /** The active file is never sent (`rule` says which rule excludes it). */
  | { readonly kind: 'excluded'; readonly rule: string }
  | { readonly kind: 'needs-key'; readonly message: string }
  | { readonly kind: 'blocked'; readonly message: string }
  | { readonly kind: 'untrusted-endpoint'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

interface Look {
  readonly text: string;
  readonly tooltip: string;
  readonly command?: string;
  readonly warning?: boolean;
}

function look(state: CompletionState): Look {
  switch (state.kind) {
    case 'on':
      return { text: '$(sparkle)', tooltip: `Tandem inline completions: on for ${state.language}. Click to turn them off.`, command: 'tandem.toggleCompletions' };
    case 'off':
      return { text: '$(circle-slash)', tooltip: 'Tandem inline completions: off. Click to turn them on.', command: 'tandem.toggleCompletions' };
    case 'off-language':
      return {
        text: '$(circle-slash)',
        tooltip: `Tandem inline completions: off for ${state.language} (tandem.completions.disabledLanguages). Click to turn them on for ${state.language}.`,
        command: 'tandem.toggleCompletionsForLanguage',
      };
    case 'excluded':
      return { text: '$(lock) excluded here', tooltip: `Tandem inline completions: excluded here. This file is never sent to a model (excluded by ${state.rule}).` };
    case 'restricted':
      return { text: '$(shield)', tooltip: 'Tandem inline completions: off in Restricted Mode (nothing from this workspace is sent). Click to manage Workspace Trust.', command: 'workbench.trust.manage' };
    case 'needs-key':
      return { text: '$(key)', tooltip: `Tandem inline completions: ${state.message} Click to set the key.`, command: 'tandem.setApiKey', warning: true };
    case 'blocked':
      return { text: '$(sparkle)', tooltip: `Tandem inline completions paused: ${state.message}`, command: 'tandem.showUsage', warning: true };
    case 'untrusted-endpoint':
      return { text: '$(shield)', tooltip: `Tandem inline completions paused: ${state.message}`, command: 'tandem.showLog', warning: true };
    case 'failed':
      return { text: '$(warning)', tooltip: `Tandem inline completions: the last request failed. ${state.message} Click to open the log.`, command: 'tandem.showLog' };
  }
}

/** A small status bar item next to the spend: completions on or off, working, or what is stopping them. */
export class CompletionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.completions', vscode.StatusBarAlignment.Right, 101);
  private state: CompletionState = { kind: 'off' };
  private working = false;

  constructor() {
    this.item.name = 'Tandem Completions';
    this.render();
    this.item.show();
  }

  get current(): CompletionState {
    return this.state;
  }

  get isWorking(): boolean {
    return this.working;
  }

  get text(): string {
    return this.item.text;
  }

  set(state: CompletionState): void {
    this.state = state;
    this.render();
  }

  setWorking(working: boolean): void {
    this.working = working;
    this.render();
  }

  private render(): void {
    const { text, tooltip, command, warning } = look(this.state);
    const working = this.working && this.state.kind === 'on';
    this.item.text = working ? '$(loading~spin)' : text;
    this.item.tooltip = working ? 'Tandem: waiting for a completion…' : tooltip;
    this.item.command = command;
    this.item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: working ? 'Tandem is fetching a completion' : tooltip };
  }

  dispose(): void {
    this.item.dispose();
  }
}
