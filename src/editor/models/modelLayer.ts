import * as path from 'node:path';
import * as vscode from 'vscode';
import { ModelService } from '../../core/calls/modelService';
import { PeriodSpend } from '../../core/cost/periodSpend';
import { nodeLedgerFiles } from '../../core/ledger/node/nodeLedgerFiles';
import { openLedgerStore } from '../../core/ledger/node/openLedgerStore';
import type { LedgerStore } from '../../core/ledger/store';
import { QualityLog } from '../../core/quality/qualityLog';
import { Cooldowns } from '../../core/routing/fallback';
import { TokenCounter } from '../../core/tokens/tokenCounter';
import type { SessionSpend } from '../../core/spend/sessionSpend';
import type { EndpointConsent } from '../../core/endpoints/consent';
import type { SecretHeaderStore } from '../keys/headerStore';
import type { KeyStore } from '../keys/keyStore';
import type { TandemLog } from '../log';
import { ClientPool } from './clientPool';
import { createEndpointConsent } from './endpointTrust';
import { loadExactTokenizer } from './exactTokenizer';
import { TandemSettings } from './settings';
import { TrialStore } from '../trial/trialStore';

export interface ModelLayer {
  readonly service: ModelService;
  readonly ledger: LedgerStore;
  /** What happened to the answers (accepted, undone, valid…), beside the ledger and linked to its records. */
  readonly quality: QualityLog;
  readonly clients: ClientPool;
  /** Whether a key may go to an endpoint the user has not trusted: asked once per origin. */
  readonly consent: EndpointConsent;
  readonly settings: TandemSettings;
  readonly periodSpend: PeriodSpend;
  readonly cooldowns: Cooldowns;
  /** The routing trial, if one runs: the service sends its share of calls to the other model. */
  readonly trial: TrialStore;
}

/** Wires the core engine to VS Code: settings, keys, the ledger in global storage, and the user's prompts. */
export function createModelLayer(context: vscode.ExtensionContext, keys: KeyStore, headers: SecretHeaderStore, log: TandemLog, session: SessionSpend): ModelLayer {
  const settings = new TandemSettings((problems) => {
    problems.forEach((p) => log.warn(`settings: ${p}`));
    void vscode.window.showWarningMessage(`Tandem: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more in the Tandem log)` : ''}`);
  });
  const consent = createEndpointConsent(settings, log);
  const clients = new ClientPool(keys, headers, settings, consent, log);
  const ledgerDir = path.join(context.globalStorageUri.fsPath, 'ledger');
  const ledger = openLedgerStore(ledgerDir, {
    log,
    alert: (message) => {
      void vscode.window.showWarningMessage(`Tandem: ${message}`, 'Show Log').then((choice) => (choice ? log.channel.show() : undefined), () => undefined);
    },
  });
  const quality = new QualityLog(nodeLedgerFiles(ledgerDir), { log });
  context.subscriptions.push({ dispose: () => ledger.dispose() }, quality, settings, consent);
  const periodSpend = new PeriodSpend(ledger, () => session.totals.costMicroUsd, undefined, log);
  context.subscriptions.push(periodSpend);
  const cooldowns = new Cooldowns();
  const trial = new TrialStore(context.globalState, log);
  context.subscriptions.push(trial);
  const service = new ModelService({
    settings: () => settings.models(),
    hasKey: (p) => clients.hasKey(p),
    client: (p, purpose) => clients.client(p, purpose),
    ledger,
    periodSpend,
    session,
    cooldowns,
    // The o200k ranks are a file of their own (~2.7 MB), read only when an input nears the limit.
    tokens: new TokenCounter(async () => loadExactTokenizer(context.extensionPath)),
    log,
    knownSecrets: () => [...keys.knownKeys(), ...headers.knownValues()],
    trial: () => trial.current,
    ui: {
      confirmOverBudget: async (message) =>
        (await vscode.window.showWarningMessage(`Tandem: ${message}`, { modal: true }, 'Send Anyway')) === 'Send Anyway',
      warnOverBudget: (message) => void vscode.window.showWarningMessage(`Tandem: ${message}`),
      announceFallback: (line) => void vscode.window.showInformationMessage(`Tandem: ${line}`),
    },
  });
  return { service, ledger, quality, clients, consent, settings, periodSpend, cooldowns, trial };
}
