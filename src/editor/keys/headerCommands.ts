import * as vscode from 'vscode';
import { validateHeaderName, validateHeaderValue } from '../../core/keys/gatewayHeaders';
import { PROVIDERS, isProviderId, providerInfo, type ProviderId } from '../../core/models/providers';
import type { TandemLog } from '../log';
import type { GatewayHeaderStore } from './headerStore';

/**
 * `Tandem: Set Gateway Header…` and `Tandem: Clear Gateway Header…`: a gateway's token (LiteLLM, Portkey,
 * Helicone…) kept in SecretStorage like the keys, instead of the plain-text headers setting. Values are never
 * shown again, logged or put in a message; only names are.
 */
export function registerHeaderCommands(headers: GatewayHeaderStore, log: TandemLog): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tandem.setGatewayHeader', (arg?: unknown) => setHeader(headers, log, arg)),
    vscode.commands.registerCommand('tandem.clearGatewayHeader', (arg?: unknown) => clearHeader(headers, log, arg)),
  );
}

async function setHeader(headers: GatewayHeaderStore, log: TandemLog, arg: unknown): Promise<void> {
  const provider = isProviderId(arg) ? arg : await pickProvider(headers, 'Set a gateway header for which provider?');
  if (!provider) return;
  const info = providerInfo(provider);
  const name = await vscode.window.showInputBox({
    title: `Tandem: ${info.displayName} gateway header`,
    prompt: `The header's name (for example x-litellm-api-key). It is sent with every ${info.displayName} request.`,
    ignoreFocusOut: true,
    validateInput: validateHeaderName,
  });
  if (name === undefined) return;
  const value = await vscode.window.showInputBox({
    title: `Tandem: ${info.displayName} gateway header ${name.trim()}`,
    prompt: 'Paste the value. It is kept in VS Code\'s secret storage only, and kept out of the log and messages.',
    password: true,
    ignoreFocusOut: true,
    validateInput: validateHeaderValue,
  });
  if (value === undefined) return;
  await headers.set(provider, name.trim(), value.trim());
  log.info(`${info.displayName} gateway header ${name.trim()} saved in secret storage.`);
  void vscode.window.showInformationMessage(`Tandem: ${info.displayName} gateway header ${name.trim()} saved in VS Code's secret storage.`);
}

async function clearHeader(headers: GatewayHeaderStore, log: TandemLog, arg: unknown): Promise<void> {
  const provider = isProviderId(arg) ? arg : await pickProvider(headers, 'Clear a gateway header of which provider?');
  if (!provider) return;
  const info = providerInfo(provider);
  const names = await headers.names(provider);
  if (names.length === 0) {
    void vscode.window.showInformationMessage(`Tandem: no ${info.displayName} gateway header is stored.`);
    return;
  }
  const name = await vscode.window.showQuickPick(names, { title: `Tandem: clear which ${info.displayName} gateway header?`, ignoreFocusOut: true });
  if (!name) return;
  await headers.remove(provider, name);
  log.info(`${info.displayName} gateway header ${name} removed from secret storage.`);
  void vscode.window.showInformationMessage(`Tandem: ${info.displayName} gateway header ${name} cleared.`);
}

async function pickProvider(headers: GatewayHeaderStore, title: string): Promise<ProviderId | undefined> {
  const items = await Promise.all(PROVIDERS.map(async (p) => {
    const names = await headers.names(p.id);
    return { provider: p.id, label: p.displayName, description: names.length > 0 ? `stored: ${names.join(', ')}` : 'no gateway header stored' };
  }));
  return (await vscode.window.showQuickPick(items, { title: `Tandem: ${title}`, ignoreFocusOut: true }))?.provider;
}
