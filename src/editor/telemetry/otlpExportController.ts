import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { inBackground } from '../../core/log/background';
import { mergeHeaders } from '../../core/keys/gatewayHeaders';
import type { ModelTable } from '../../core/models/modelTable';
import { ExportFeed } from '../../core/telemetry/exportFeed';
import { describeOtlpConfig, resolveOtlpConfig, type OtlpConfig } from '../../core/telemetry/otlpSettings';
import type { SecretHeaderStore } from '../keys/headerStore';
import type { TandemLog } from '../log';
import { approveEnvironmentEndpoint } from './environmentEndpointApproval';
import { loadOtlpExportModule } from './otlpModule';
import { readOtlpSettingValues } from './otlpSettingValues';

export interface OtlpExportControllerDeps {
  readonly state: vscode.Memento;
  readonly headers: SecretHeaderStore;
  readonly log: TandemLog;
  readonly models: () => ModelTable;
  readonly serviceVersion: string;
  /** The extension host's environment, read at each configuration (OTEL_EXPORTER_OTLP_*). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Turns the settings, the OTEL_* environment and the stored header tokens into the running export, and keeps
 * it in step with them. The feed it owns is what the ledger and the quality log are connected to.
 */
export class OtlpExportController implements vscode.Disposable {
  readonly feed: ExportFeed;
  private generation = 0;
  private readonly told = new Set<string>();
  private running: OtlpConfig | undefined;
  private readonly instanceId = randomUUID();

  constructor(private readonly deps: OtlpExportControllerDeps) {
    this.feed = new ExportFeed({ failed: (error) => this.openFailed(error) });
  }

  /** The configuration being exported with (headers included: never show it whole). */
  get config(): OtlpConfig | undefined {
    return this.running;
  }

  /** Reads everything again and restarts the export when it changed; what the old export held is sent first. */
  async configure(): Promise<void> {
    const generation = ++this.generation;
    // The old export sends what it holds in the background: a collector that is down must not delay the new one.
    inBackground(this.stopExport(), this.deps.log, 'stopping the previous OpenTelemetry export');
    const resolution = resolveOtlpConfig({ settings: readOtlpSettingValues(), env: this.deps.env ?? process.env, serviceVersion: this.deps.serviceVersion, instanceId: this.instanceId });
    if (!resolution.enabled) {
      if ('problem' in resolution) this.tellOnce(resolution.problem);
      return;
    }
    // Calls made while the question is open or the headers are read wait (bounded) rather than being lost.
    this.feed.hold();
    if (resolution.source === 'environment' && !(await approveEnvironmentEndpoint(this.deps.state, resolution.endpoint))) {
      if (generation === this.generation) this.feed.stop();
      return;
    }
    const stored = await this.deps.headers.headersFor('telemetry', {});
    if (generation !== this.generation) return;
    const config: OtlpConfig = { ...resolution, headers: mergeHeaders(resolution.headers, stored) };
    this.running = config;
    this.feed.start(() => loadOtlpExportModule().createOtlpExport({ config, models: this.deps.models(), log: (line) => this.deps.log.warn(line) }));
    const ignored = config.ignoredEntries > 0 ? ` ${config.ignoredEntries} malformed entr${config.ignoredEntries === 1 ? 'y' : 'ies'} of the OTEL_* variables ignored.` : '';
    this.deps.log.info(`${describeOtlpConfig(config)}.${ignored}`);
  }

  /** Sends what the export holds now (tests, and the end of the session). */
  flush(): Promise<void> {
    return this.feed.flush();
  }

  /** Stops exporting after sending what is left: awaited at deactivation so the last totals leave. */
  async shutdown(): Promise<void> {
    this.generation++;
    await this.stopExport();
  }

  dispose(): void {
    inBackground(this.shutdown(), this.deps.log, 'stopping the OpenTelemetry export');
  }

  private async stopExport(): Promise<void> {
    const wasRunning = this.running;
    this.running = undefined;
    const sink = this.feed.stop();
    if (wasRunning) this.deps.log.info('OpenTelemetry export stopped.');
    await sink?.shutdown();
  }

  private openFailed(error: unknown): void {
    this.running = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    this.deps.log.error(`OpenTelemetry export could not start (${reason}); usage is still recorded in the ledger.`);
    this.tellOnce('OpenTelemetry export could not start; your calls are unaffected. Reinstalling Tandem restores its files; the Tandem log says more.');
  }

  /** A settings problem or a failure to start, shown once per distinct text in this window. */
  private tellOnce(message: string): void {
    this.deps.log.warn(`telemetry: ${message}`);
    if (this.told.has(message)) return;
    this.told.add(message);
    void vscode.window.showWarningMessage(`Tandem: ${message}`, 'Open Settings').then(
      (choice) => (choice ? vscode.commands.executeCommand('workbench.action.openSettings', 'tandem.telemetry') : undefined),
      () => undefined,
    );
  }
}
