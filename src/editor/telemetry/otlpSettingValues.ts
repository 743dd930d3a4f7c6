import * as vscode from 'vscode';
import { SETTING, type OtlpSettingValues } from '../../core/telemetry/otlpSettings';

/**
 * The export settings as the user set them in user settings. They are application-scoped (package.json), and
 * only the user-level value is read besides: a workspace can never turn export on, point it elsewhere or
 * relabel the user.
 */
export function readOtlpSettingValues(): OtlpSettingValues {
  const config = vscode.workspace.getConfiguration();
  const user = <T>(key: string): T | undefined => config.inspect<T>(key)?.globalValue;
  return {
    endpoint: user<string>(SETTING.endpoint),
    protocol: user<string>(SETTING.protocol),
    exportIntervalSeconds: user<number>(SETTING.exportIntervalSeconds),
    exportLogs: user<boolean>(SETTING.exportLogs),
    userLabel: user<string>(SETTING.userLabel),
  };
}

/** Whether a settings change concerns the export. */
export function affectsOtlpSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return Object.values(SETTING).some((key) => event.affectsConfiguration(key));
}
