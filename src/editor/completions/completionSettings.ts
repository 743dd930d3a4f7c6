import * as vscode from 'vscode';
import { COMPLETION_DEFAULTS, type CompletionParameters } from '../../core/completion/parameters';

const SECTION = 'tandem.completions';

/** The completion settings as one value: whether completions run, where, and the pipeline's parameters. */
export interface CompletionSettingsSnapshot {
  readonly enabled: boolean;
  readonly disabledLanguages: readonly string[];
  readonly parameters: CompletionParameters;
}

/** Whether completions run for a language, by one snapshot of the settings. */
export function enabledFor(settings: CompletionSettingsSnapshot, languageId: string): boolean {
  return settings.enabled && !settings.disabledLanguages.includes(languageId);
}

/**
 * `tandem.completions.*`, read fresh each time (VS Code caches the configuration): a keystroke reads them
 * once, with `read()`, and passes that value on.
 */
export class CompletionSettings {
  read(): CompletionSettingsSnapshot {
    const config = vscode.workspace.getConfiguration(SECTION);
    const languages = config.get<unknown>('disabledLanguages');
    const debounce = config.get<unknown>('debounceMs');
    const debounceMs = typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 5_000) : COMPLETION_DEFAULTS.debounceMs;
    return {
      enabled: config.get<boolean>('enabled', true),
      disabledLanguages: Array.isArray(languages) ? languages.filter((v): v is string => typeof v === 'string') : [],
      parameters: { ...COMPLETION_DEFAULTS, debounceMs },
    };
  }

  /** Flips the switch where it is set: the workspace's value if it has one, else the user's. */
  async toggle(): Promise<boolean> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const next = !this.read().enabled;
    const inWorkspace = config.inspect<boolean>('enabled')?.workspaceValue !== undefined;
    await config.update('enabled', next, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    return next;
  }

  /** Adds or removes a language from the off list (where it is set); resolves true when completions are now on for it. */
  async toggleLanguage(languageId: string): Promise<boolean> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const current = this.read().disabledLanguages;
    const off = current.includes(languageId);
    const next = off ? current.filter((id) => id !== languageId) : [...current, languageId];
    const inWorkspace = config.inspect('disabledLanguages')?.workspaceValue !== undefined;
    await config.update('disabledLanguages', next, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
    return off;
  }
}
