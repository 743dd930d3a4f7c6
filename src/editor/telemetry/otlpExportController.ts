import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { errorText } from '../../core/format/errorText';
import { inBackground } from '../../core/log/background';
import { mergeHeaders } from '../../core/keys/gatewayHeaders';
import type { LedgerRecord } from '../../core/ledger/record';
import type { ModelTable } from '../../core/models/modelTable';
import type { QualitySignal } from '../../core/quality/signal';
import type { ExportFeed } from '../../core/telemetry/exportFeed';
import { ENV, type OtlpConfig } from '../../core/telemetry/otlpSettings';
import type { SecretHeaderStore } from '../keys/headerStore';
import type { TandemLog } from '../log';
import { approveEnvironmentEndpoint } from './environmentEndpointApproval';
import { loadOtlpExportModule, loadOtlpSetupModule } from './otlpModule';
import { readOtlpEndpointSetting, readOtlpSettingValues } from './otlpSettingValues';

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
 * it in step with them. The ledger and the quality log hand it every record and signal. With no endpoint it
 * loads nothing and keeps nothing; the feed (core/telemetry/exportFeed.ts) exists from the first time one is set.
 */
export class OtlpExportController implements vscode.Disposable {
  private feed: ExportFeed | undefined;
  private generation = 0;
  private readonly told = new Set<string>();
  private running: OtlpConfig | undefined;
  private readonly instanceId = randomUUID();

  constructor(private readonly deps: OtlpExportControllerDeps) {}

  /** The configuration being exported with (headers included: never show it whole). */
  get config(): OtlpConfig | undefined {
    return this.running;
  }

  /** Whether the OpenTelemetry SDK has been loaded (there was something to send while export was on). */
  get sdkLoaded(): boolean {
    return this.feed?.opened ?? false;
  }

  call(record: LedgerRecord): void {
    this.feed?.call(record);
  }

  signal(signal: QualitySignal): void {
    this.feed?.signal(signal);
  }

  /** Reads everything again and restarts the export when it changed; what the old export held is sent first. */
  async configure(): Promise<void> {
    const generation = ++this.generation;
    // The old export sends what it holds in the background: a collector that is down must not delay the new one.
    inBackground(this.stopExport(), this.deps.log, 'stopping the previous OpenTelemetry export');
    const env = this.deps.env ?? process.env;
    // Off (the usual case): nothing more is read or loaded.
    if (!readOtlpEndpointSetting()?.trim() && !env[ENV.endpoint]?.trim()) return;
    const settings = readOtlpSettingValues();
    const setup = loadOtlpSetupModule();
    this.feed ??= new setup.ExportFeed({ failed: (error) => this.openFailed(error) });
    const resolution = setup.resolveOtlpConfig({ settings, env, serviceVersion: this.deps.serviceVersion, instanceId: this.instanceId });
    if (!resolution.enabled) {
      if ('problem' in resolution) this.tellOnce(resolution.problem);
      return;
    }
    // Calls made while the question is open or the headers are read wait (bounded) rather than being lost.
    const feed = this.feed;
    feed.hold();
    if (resolution.source === 'environment' && !(await approveEnvironmentEndpoint(this.deps.state, resolution.endpoint))) {
      if (generation === this.generation) feed.stop();
      return;
    }
    const stored = await this.deps.headers.headersFor('telemetry', {});
    if (generation !== this.generation) return;
    const config: OtlpConfig = { ...resolution, headers: mergeHeaders(resolution.headers, stored) };
    this.running = config;
    feed.start(() => loadOtlpExportModule().createOtlpExport({ config, models: this.deps.models(), log: (line) => this.deps.log.warn(line) }));
    this.deps.log.info(setup.describeOtlpConfig(config));
  }

  /** Sends what the export holds now (tests, and the end of the session). */
  async flush(): Promise<void> {
    await this.feed?.flush();
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
    const sink = this.feed?.stop();
    if (wasRunning) this.deps.log.info('OpenTelemetry export stopped.');
    await sink?.shutdown();
  }

  private openFailed(error: unknown): void {
    this.running = undefined;
    this.tellOnce(`OpenTelemetry export could not start (${errorText(error)}); your calls and the ledger are unaffected. Reinstalling Tandem restores its files.`);
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
