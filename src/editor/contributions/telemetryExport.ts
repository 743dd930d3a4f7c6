import * as vscode from 'vscode';
import { headersSecretName } from '../../core/keys/gatewayHeaders';
import { inBackground } from '../../core/log/background';
import { onDeactivate } from '../deactivation';
import { clearStoredHeader, setStoredHeader, type HeaderDestination } from '../keys/headerCommands';
import { OtlpExportController } from '../telemetry/otlpExportController';
import { affectsOtlpSettings } from '../telemetry/otlpSettingValues';
import type { TandemContribution } from './contribution';

const COLLECTOR: HeaderDestination = {
  target: 'telemetry',
  label: 'OpenTelemetry collector',
  example: 'authorization',
  sentWith: 'with every OpenTelemetry export',
};

/**
 * Team spend over OpenTelemetry (opt-in): every record the ledger files and every quality signal goes to the
 * export, which runs in the background and never delays a call. Off (no endpoint), nothing is loaded and no
 * connection is made. The header commands keep the collector's token in secret storage.
 */
export const telemetryExport: TandemContribution = {
  name: 'the OpenTelemetry export',
  create: ({ context, models, headers, log }) => {
    const controller = new OtlpExportController({
      state: context.globalState,
      headers,
      log,
      models: () => models.settings.models().models,
      serviceVersion: String(context.extension.packageJSON.version),
    });
    const reconfigure = (): void => inBackground(controller.configure(), log, 'configuring the OpenTelemetry export');
    const registrations = vscode.Disposable.from(
      models.ledger.onDidAppend((record) => controller.call(record)),
      models.quality.onDidRecord((signal) => controller.signal(signal)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsOtlpSettings(e)) reconfigure();
      }),
      context.secrets.onDidChange((e) => {
        if (e.key === headersSecretName('telemetry')) reconfigure();
      }),
      vscode.commands.registerCommand('tandem.setTelemetryHeader', () => setStoredHeader(headers, log, COLLECTOR)),
      vscode.commands.registerCommand('tandem.clearTelemetryHeader', () => clearStoredHeader(headers, log, COLLECTOR)),
      onDeactivate(() => controller.shutdown()),
      controller,
    );
    reconfigure();
    return { dispose: () => registrations.dispose(), testApi: { telemetry: controller } };
  },
};
