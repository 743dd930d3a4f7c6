/** A tests entry for the benchmark: reports how long Tandem's activation took in this extension host. */
import * as vscode from 'vscode';
import type { LedgerRecord } from '../../src/core/ledger/record';
import type { TandemTestApi } from '../../src/editor/contributions/testApi';
import { OtlpReceiver } from '../../test/fixtures/otlpReceiver';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<TandemTestApi | undefined>('tandem-dev.tandem');
  const api = await extension?.activate();
  if (!api) throw new Error('Tandem did not activate in test mode.');
  const otlp = await otlpExportCost(api);
  console.log(`TANDEM_BENCH ${JSON.stringify({ activationMs: api.activationMs, otlp })}`);
}

export interface OtlpCost {
  readonly configureOff: { readonly syncMs: number; readonly settledMs: number };
  readonly configureOn: { readonly syncMs: number; readonly settledMs: number };
  readonly firstRecordMs: number;
  readonly loadedAtActivation: boolean;
}

const RECORD: LedgerRecord = {
  v: 1, id: 'bench-otlp', time: new Date().toISOString(), session: 'bench', task: 'completion', model: 'gpt-5.4-mini',
  provider: 'openai', usage: { input: 900, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 40, reasoning: 0 },
  costMicroUsd: 855, latencyMs: 420, outcome: 'ok', batch: false, estimated: false,
};

/**
 * What the OpenTelemetry export adds. At activation it only configures itself (reads its settings; with an
 * endpoint, the stored header token too); the SDK loads at the first record, after activation.
 */
async function otlpExportCost(api: TandemTestApi): Promise<OtlpCost> {
  const loaded = () => Object.keys(require.cache).some((file) => /[\\/]dist[\\/]telemetry[\\/]otlp\.js$/.test(file));
  const loadedAtActivation = loaded();
  // What activation pays is the synchronous part (until the first await); the rest runs after activate() returned.
  const timed = async (work: () => unknown): Promise<{ syncMs: number; settledMs: number }> => {
    const start = performance.now();
    const pending = work();
    const syncMs = performance.now() - start;
    await pending;
    return { syncMs, settledMs: performance.now() - start };
  };
  const configureOff = await timed(() => api.telemetry.configure());
  const receiver = await OtlpReceiver.start();
  const settings = vscode.workspace.getConfiguration('tandem.telemetry.otlp');
  try {
    await settings.update('endpoint', receiver.baseUrl, vscode.ConfigurationTarget.Global);
    const configureOn = await timed(() => api.telemetry.configure());
    const firstRecord = await timed(() => api.telemetry.call(RECORD));
    if (!loaded()) throw new Error('the first record did not load dist/telemetry/otlp.js');
    return { configureOff, configureOn, firstRecordMs: firstRecord.syncMs, loadedAtActivation };
  } finally {
    await settings.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
    await api.telemetry.shutdown();
    await receiver.close();
  }
}
