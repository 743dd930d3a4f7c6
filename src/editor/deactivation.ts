import * as vscode from 'vscode';

/** Work that must finish before the extension stops (VS Code awaits deactivate's promise, for a while). */
const tasks = new Set<() => Promise<void>>();

/** Runs `task` at deactivation, unless the returned disposable is disposed first. */
export function onDeactivate(task: () => Promise<void>): vscode.Disposable {
  tasks.add(task);
  return new vscode.Disposable(() => tasks.delete(task));
}

/**
 * Runs every task, giving up after `timeoutMs`: closing the window must stay quick even when, say, the
 * OpenTelemetry collector does not answer. A task that fails does not stop the others.
 */
export async function runDeactivationTasks(timeoutMs: number): Promise<void> {
  const running = [...tasks].map((task) => task().catch(() => undefined));
  tasks.clear();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([Promise.all(running), timeout]);
  clearTimeout(timer);
}
