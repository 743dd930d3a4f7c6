import * as vscode from 'vscode';
import { EndpointConsent, type ConsentAnswer, type ConsentQuestion } from '../../core/endpoints/consent';
import { displayUrl, sourceLabel } from '../../core/endpoints/endpoint';
import type { Logger } from '../../core/log/logger';
import { providerInfo } from '../../core/models/providers';
import type { TandemSettings } from './settings';

/** The endpoint check with its VS Code side: a modal question, and `tandem.trustedEndpoints` in the user's settings. */
export function createEndpointConsent(settings: TandemSettings, log: Logger): EndpointConsent {
  return new EndpointConsent({ trusted: () => settings.trustedEndpoints(), ask: askToSend, alwaysAllow: addTrustedEndpoint, log });
}

const ALLOW_ONCE: vscode.MessageItem = { title: 'Allow Once' };
const ALWAYS_ALLOW: vscode.MessageItem = { title: 'Always Allow' };
// The close affordance: Escape and the dialog's close button mean "Don't Send" too.
const DONT_SEND: vscode.MessageItem = { title: "Don't Send", isCloseAffordance: true };

async function askToSend(question: ConsentQuestion): Promise<ConsentAnswer> {
  const { endpoint, origin, plainHttp } = question;
  const name = providerInfo(endpoint.provider).displayName;
  const where = endpoint.source === 'environment'
    ? `${displayUrl(endpoint)} comes from ${sourceLabel(endpoint)} of VS Code (which a dev container or a shell profile can set), not from your settings.`
    : `${displayUrl(endpoint)} comes from ${sourceLabel(endpoint)}.`;
  const risk = plainHttp ? ' It is plain http to another machine: the key and your code would cross the network unencrypted.' : '';
  const detail = `${where}${risk} Allow it only if you know this server. Always Allow adds ${origin} to tandem.trustedEndpoints in your user settings.`;
  const choice = await vscode.window.showWarningMessage(`Send your ${name} API key and code to ${origin}?`, { modal: true, detail }, ALLOW_ONCE, ALWAYS_ALLOW, DONT_SEND);
  return choice === ALLOW_ONCE ? 'allow-once' : choice === ALWAYS_ALLOW ? 'always-allow' : 'decline';
}

async function addTrustedEndpoint(origin: string): Promise<void> {
  const config = vscode.workspace.getConfiguration('tandem');
  const current = config.inspect<unknown>('trustedEndpoints')?.globalValue;
  const list = Array.isArray(current) ? current : [];
  if (!list.includes(origin)) await config.update('trustedEndpoints', [...list, origin], vscode.ConfigurationTarget.Global);
}
