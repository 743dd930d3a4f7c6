import * as vscode from 'vscode';
import { activateFeatures } from './editor/contributions/contribution';
import { CONTRIBUTIONS } from './editor/contributions/list';
import { createServices } from './editor/contributions/services';
import { tandemTestApi, type TandemTestApi } from './editor/contributions/testApi';
import { runDeactivationTasks } from './editor/deactivation';

/** Set by esbuild's banner at the first line of the bundle, so code loading counts as activation time. */
declare const __tandemBundleStart: number | undefined;
// Top-level code of the entry runs after every imported module: this is the end of code loading.
const codeLoadingMs = typeof __tandemBundleStart === 'number' ? performance.now() - __tandemBundleStart : 0;

/**
 * Builds the shared services once, then starts every feature of the list (editor/contributions/list.ts),
 * each on its own: one that fails is logged and the others still run.
 */
export function activate(context: vscode.ExtensionContext): TandemTestApi | undefined {
  const started = performance.now();

  const services = createServices(context);
  const features = activateFeatures(CONTRIBUTIONS, services);
  context.subscriptions.push(features);

  const activateCallMs = performance.now() - started;
  const activationMs = codeLoadingMs + activateCallMs;
  services.log.info(`Tandem ${context.extension.packageJSON.version} activated in ${activationMs.toFixed(1)} ms `
    + `(code loading ${codeLoadingMs.toFixed(1)} ms, activate ${activateCallMs.toFixed(1)} ms).`);
  return context.extensionMode === vscode.ExtensionMode.Test ? tandemTestApi(services, features.testApi, activationMs) : undefined;
}

/** How long closing the window waits for the last OpenTelemetry export. */
const DEACTIVATION_TIMEOUT_MS = 3_000;

export function deactivate(): Promise<void> {
  return runDeactivationTasks(DEACTIVATION_TIMEOUT_MS);
}
