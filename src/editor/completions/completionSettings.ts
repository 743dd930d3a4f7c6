import * as vscode from 'vscode';
import { COMPLETION_DEFAULTS, type CompletionParameters } from '../../core/completion/parameters';

const SECTION = 'tandem.completions';

/** Whether completions run, where, and the one tuning setting; read fresh each time (VS Code caches it). */
export class CompletionSettings {
  enabled(): boolean {
    return vscode.workspace.getConfiguration(SECTION).get<boolean>('enabled', true);
  }

  disabledLanguages(): readonly string[] {
    const value = vscode.workspace.getConfiguration(SECTION).get<unknown>('disabledLanguages');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  enabledFor(languageId: string): boolean {
    return this.enabled() && !this.disabledLanguages().includes(languageId);
  }

  parameters(): CompletionParameters {
    const debounce = vscode.workspace.getConfiguration(SECTION).get<unknown>('debounceMs');
    const debounceMs = typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 5_000) : COMPLETION_DEFAULTS.debounceMs;
    return { ...COMPLETION_DEFAULTS, debounceMs };
  }

  /** Flips the switch where it is set: the workspace's value if it has one, else the user's. */
  async toggle(): Promise<boolean> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const next = !this.enabled();
    const inWorkspace = config.inspect<boolean>('enabled')?.workspaceValue !== undefined;
    await config.update('enabled', next, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    return next;
  }

  /** Adds or removes a language from the off list (where it is set); resolves true when completions are now on for it. */
  async toggleLanguage(languageId: string): Promise<boolean> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const current = this.disabledLanguages();
    const off = current.includes(languageId);
    const next = off ? current.filter((id) => id !== languageId) : [...current, languageId];
    const inWorkspace = config.inspect('disabledLanguages')?.workspaceValue !== undefined;
    await config.update('disabledLanguages', next, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    return off;
  }
}
