import * as vscode from 'vscode';
import { validateHeaderName, validateHeaderValue, type HeaderTarget } from '../../core/keys/gatewayHeaders';
import { PROVIDERS, isProviderId, providerInfo, type ProviderId } from '../../core/models/providers';
import type { TandemLog } from '../log';
import type { SecretHeaderStore } from './headerStore';

/**
 * `Tandem: Set Gateway Header…` and `Tandem: Clear Gateway Header…`: a gateway's token (LiteLLM, Portkey,
 * Helicone…) kept in SecretStorage like the keys, instead of the plain-text headers setting. Values are never
 * shown again, logged or put in a message; only names are.
 */
export function registerHeaderCommands(headers: SecretHeaderStore, log: TandemLog): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('tandem.setGatewayHeader', (arg?: unknown) => setHeader(headers, log, arg)),
    vscode.commands.registerCommand('tandem.clearGatewayHeader', (arg?: unknown) => clearHeader(headers, log, arg)),
  );
}

/** Who stored headers go to, as the input boxes and messages name it. */
export interface HeaderDestination {
  readonly target: HeaderTarget;
  /** "OpenAI gateway", "OpenTelemetry collector". */
  readonly label: string;
  /** A typical header name, for the prompt. */
  readonly example: string;
  /** When the header is sent, for the prompt: "with every OpenAI request". */
  readonly sentWith: string;
}

function gatewayDestination(provider: ProviderId): HeaderDestination {
  const name = providerInfo(provider).displayName;
  return { target: provider, label: `${name} gateway`, example: 'x-litellm-api-key', sentWith: `with every ${name} request` };
}

async function setHeader(headers: SecretHeaderStore, log: TandemLog, arg: unknown): Promise<void> {
  const provider = isProviderId(arg) ? arg : await pickProvider(headers, 'Set a gateway header for which provider?');
  if (provider) await setStoredHeader(headers, log, gatewayDestination(provider));
}

async function clearHeader(headers: SecretHeaderStore, log: TandemLog, arg: unknown): Promise<void> {
  const provider = isProviderId(arg) ? arg : await pickProvider(headers, 'Clear a gateway header of which provider?');
  if (provider) await clearStoredHeader(headers, log, gatewayDestination(provider));
}

/** Asks for a header's name and value and keeps it in secret storage. Resolves true when one was saved. */
export async function setStoredHeader(headers: SecretHeaderStore, log: TandemLog, to: HeaderDestination): Promise<boolean> {
  const name = await vscode.window.showInputBox({
    title: `Tandem: ${to.label} header`,
    prompt: `The header's name (for example ${to.example}). It is sent ${to.sentWith}.`,
    ignoreFocusOut: true,
    validateInput: validateHeaderName,
  });
  if (name === undefined) return false;
  const value = await vscode.window.showInputBox({
    title: `Tandem: ${to.label} header ${name.trim()}`,
    prompt: 'Paste the value. It is kept in VS Code\'s secret storage only, and kept out of the log and messages.',
    password: true,
    ignoreFocusOut: true,
    validateInput: validateHeaderValue,
  });
  if (value === undefined) return false;
  await headers.set(to.target, name.trim(), value.trim());
  log.info(`${to.label} header ${name.trim()} saved in secret storage.`);
  void vscode.window.showInformationMessage(`Tandem: ${to.label} header ${name.trim()} saved in VS Code's secret storage.`);
  return true;
}

/** Lets the user pick a stored header and removes it. Resolves true when one was removed. */
export async function clearStoredHeader(headers: SecretHeaderStore, log: TandemLog, to: HeaderDestination): Promise<boolean> {
  const names = await headers.names(to.target);
  if (names.length === 0) {
    void vscode.window.showInformationMessage(`Tandem: no ${to.label} header is stored.`);
    return false;
  }
  const name = await vscode.window.showQuickPick(names, { title: `Tandem: clear which ${to.label} header?`, ignoreFocusOut: true });
  if (!name) return false;
  await headers.remove(to.target, name);
  log.info(`${to.label} header ${name} removed from secret storage.`);
  void vscode.window.showInformationMessage(`Tandem: ${to.label} header ${name} cleared.`);
  return true;
}

async function pickProvider(headers: SecretHeaderStore, title: string): Promise<ProviderId | undefined> {
  const items = await Promise.all(PROVIDERS.map(async (p) => {
    const names = await headers.names(p.id);
    return { provider: p.id, label: p.displayName, description: names.length > 0 ? `stored: ${names.join(', ')}` : 'no gateway header stored' };
  }));
  return (await vscode.window.showQuickPick(items, { title: `Tandem: ${title}`, ignoreFocusOut: true }))?.provider;
}
