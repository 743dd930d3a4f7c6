import * as vscode from 'vscode';
import { validateKeyInput, type KeySource } from '../../core/keys/apiKey';
import { DEMO_KEY_LABEL } from '../../core/keys/demoKeys';
import { PROVIDERS, isProviderId, providerInfo, type ProviderId } from '../../core/models/providers';
import { ProviderError } from '../../core/calls/providerError';
import type { TandemLog } from '../log';
import type { KeyStore } from './keyStore';
import { errorText } from '../../core/format/errorText';

/** Checks a key with a cheap authenticated call; throws ProviderError when it cannot be used. */
export type KeyCheck = (provider: ProviderId, key: string) => Promise<void>;

/** "Endpoint: https://api.openai.com/v1 (OpenAI's own endpoint)": where the key goes, shown under each provider in the picker. */
export type EndpointLine = (provider: ProviderId) => string;

interface ProviderPick extends vscode.QuickPickItem {
  readonly provider: ProviderId;
}

/** Where the key a request to the provider's endpoint would carry comes from (a demo key only for the local fake). */
export type KeySourceOf = (provider: ProviderId) => Promise<KeySource>;

/** What the picker says about each provider: where its key comes from, and where it goes. */
interface ProviderLines {
  readonly keySource: KeySourceOf;
  readonly endpoint: EndpointLine;
}

/** `Tandem: Set API Key…` and `Tandem: Clear API Key…`. A provider id may be passed to skip the pick. */
export function registerKeyCommands(keys: KeyStore, log: TandemLog, check: KeyCheck, lines: ProviderLines): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tandem.setApiKey', (arg?: unknown) => setApiKey(keys, log, check, lines, arg)),
    vscode.commands.registerCommand('tandem.clearApiKey', (arg?: unknown) => clearApiKey(keys, log, lines, arg)),
  );
}

async function setApiKey(keys: KeyStore, log: TandemLog, check: KeyCheck, lines: ProviderLines, arg: unknown): Promise<void> {
  const provider = isProviderId(arg) ? arg : await pickProvider(lines, 'Set the API key for which provider?');
  if (!provider) return;
  const info = providerInfo(provider);
  const key = await vscode.window.showInputBox({
    title: `Tandem: ${info.displayName} API key`,
    prompt: `Paste your ${info.displayName} API key (from ${info.keyPageUrl}). It is kept in VS Code's secret storage only.`,
    placeHolder: `${info.keyPrefixHint}…`,
    password: true,
    ignoreFocusOut: true,
    validateInput: validateKeyInput,
  });
  if (key === undefined) return;
  keys.remember(key);
  const problem = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Tandem: checking the ${info.displayName} key…` },
    () => check(provider, key.trim()).then(() => undefined, (error: unknown) => error),
  );
  if (problem instanceof ProviderError && (problem.kind === 'auth' || problem.kind === 'billing')) {
    log.warn(`${info.displayName} key check failed: ${problem.message}`);
    void vscode.window.showErrorMessage(`Tandem: ${log.clean(problem.message)} The key was not saved.`);
    return;
  }
  await keys.store(provider, key);
  log.info(`${info.displayName} API key saved in secret storage.`);
  if (problem) {
    const why = errorText(problem);
    log.warn(`${info.displayName} key saved without a check: ${why}`);
    void vscode.window.showWarningMessage(
      `Tandem: ${info.displayName} API key saved, but it could not be checked now: ${log.clean(why)}`);
    return;
  }
  void vscode.window.showInformationMessage(`Tandem: ${info.displayName} API key checked and saved in VS Code's secret storage.`);
}

async function clearApiKey(keys: KeyStore, log: TandemLog, lines: ProviderLines, arg: unknown): Promise<void> {
  const provider = isProviderId(arg) ? arg : await pickProvider(lines, 'Clear the stored API key of which provider?');
  if (!provider) return;
  const info = providerInfo(provider);
  if (!(await keys.hasStored(provider))) {
    void vscode.window.showInformationMessage(`Tandem: no ${info.displayName} API key is stored.`);
    return;
  }
  await keys.clear(provider);
  log.info(`${info.displayName} API key removed from secret storage.`);
  const fallback = INSTEAD[await lines.keySource(provider)](provider);
  void vscode.window.showInformationMessage(`Tandem: ${info.displayName} API key cleared.${fallback}`);
}

const INSTEAD: Readonly<Record<KeySource, (provider: ProviderId) => string>> = {
  'secret-storage': () => '',
  environment: (provider) => ` ${providerInfo(provider).keyEnvVar} from the environment will be used instead.`,
  demo: () => ` The ${DEMO_KEY_LABEL} will be used instead.`,
  none: () => '',
};

async function pickProvider(lines: ProviderLines, title: string): Promise<ProviderId | undefined> {
  const items: ProviderPick[] = await Promise.all(
    PROVIDERS.map(async (p) => ({ provider: p.id, label: p.displayName, description: describeSource(await lines.keySource(p.id), p.id), detail: lines.endpoint(p.id) })),
  );
  const picked = await vscode.window.showQuickPick(items, { title: `Tandem: ${title}`, ignoreFocusOut: true });
  return picked?.provider;
}

function describeSource(source: KeySource, provider: ProviderId): string {
  switch (source) {
    case 'secret-storage':
      return 'key stored in secret storage';
    case 'environment':
      return `using ${providerInfo(provider).keyEnvVar} from the environment`;
    case 'demo':
      return `using the ${DEMO_KEY_LABEL}`;
    case 'none':
      return 'no key set';
  }
}
