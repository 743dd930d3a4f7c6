import * as vscode from 'vscode';
import { SETTING, type OtlpSettingValues } from '../../core/telemetry/otlpSettings';

// The export settings are application-scoped (package.json), and only the user-level value is read besides: a
// workspace can never turn export on, point it elsewhere or relabel the user.
const userValue = <T>(key: string): T | undefined => vscode.workspace.getConfiguration().inspect<T>(key)?.globalValue;

/** The endpoint setting alone: with export off (the usual case) activation reads nothing more. */
export function readOtlpEndpointSetting(): string | undefined {
  return userValue<string>(SETTING.endpoint);
}

/** Every export setting as the user set them in user settings. */
export function readOtlpSettingValues(): OtlpSettingValues {
  return {
    endpoint: userValue<string>(SETTING.endpoint),
    protocol: userValue<string>(SETTING.protocol),
    exportIntervalSeconds: userValue<number>(SETTING.exportIntervalSeconds),
    exportLogs: userValue<boolean>(SETTING.exportLogs),
    userLabel: userValue<string>(SETTING.userLabel),
  };
}

/** Whether a settings change concerns the export. */
export function affectsOtlpSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return Object.values(SETTING).some((key) => event.affectsConfiguration(key));
}
