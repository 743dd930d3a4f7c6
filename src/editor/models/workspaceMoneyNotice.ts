import * as vscode from 'vscode';
import { inBackground } from '../../core/log/background';
import type { Logger } from '../../core/log/logger';
import { moneySettingsIn } from '../../core/models/moneySettings';

/**
 * Logs, once per distinct value, a money setting that a workspace's settings file sets: VS Code ignores it
 * (application scope) and hides it from extensions entirely, so the file is read to say so. Only the log
 * says it: the setting is not the user's mistake, and a cloned repository must not raise notices at will.
 * VS Code itself marks such a line in the settings file when it is open in an editor.
 */
export function watchWorkspaceMoneySettings(log: Logger): vscode.Disposable {
  // Nothing here is urgent: the watchers and the first read start just after activation (~2 ms less of it).
  let watchers: vscode.Disposable | undefined;
  const start = setTimeout(() => (watchers = watchMoneySettingsNow(log)), 0);
  return new vscode.Disposable(() => {
    clearTimeout(start);
    watchers?.dispose();
  });
}

function watchMoneySettingsNow(log: Logger): vscode.Disposable {
  const logged = new Set<string>();
  const check = async (file: vscode.Uri): Promise<void> => {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      return; // no such file: nothing set
    }
    for (const { key, value } of moneySettingsIn(text)) {
      const line = `settings: ${key} = ${value} in ${vscode.workspace.asRelativePath(file)} is ignored: prices, models and budgets come from your user settings only`;
      if (logged.has(line)) continue;
      logged.add(line);
      log.warn(line);
    }
  };
  const workspaceFile = vscode.workspace.workspaceFile?.scheme === 'file' ? [vscode.workspace.workspaceFile] : [];
  const files = [...(vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json')), ...workspaceFile];
  const watchers = files.map((file) => {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(file, '..'), file.path.split('/').pop() ?? ''));
    watcher.onDidCreate((uri) => inBackground(check(uri), log, 'reading a workspace settings file'));
    watcher.onDidChange((uri) => inBackground(check(uri), log, 'reading a workspace settings file'));
    return watcher;
  });
  for (const file of files) inBackground(check(file), log, `reading ${vscode.workspace.asRelativePath(file)}`);
  return vscode.Disposable.from(...watchers);
}
