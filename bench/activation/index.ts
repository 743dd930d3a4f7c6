/** A tests entry for the benchmark: reports how long Tandem's activation took in this extension host. */
import * as vscode from 'vscode';
import type { TandemTestApi } from '../../src/editor/contributions/testApi';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<TandemTestApi | undefined>('tandem-dev.tandem');
  const api = await extension?.activate();
  if (!api) throw new Error('Tandem did not activate in test mode.');
  console.log(`TANDEM_BENCH ${JSON.stringify({ activationMs: api.activationMs })}`);
}
