import * as vscode from 'vscode';
import type { SettingsSnapshot } from '../../core/calls/settingsSnapshot';
import type { ModelId } from '../../core/models/modelTable';
import { PROVIDERS } from '../../core/models/providers';
import { TASK_KINDS, taskLabel, type TaskKind } from '../../core/models/tasks';
import { newSeed } from '../../core/random/seeded';
import { fallbackFor } from '../../core/routing/router';
import { DEFAULT_TRIAL_DAYS, DEFAULT_TRIAL_SHARE_PERCENT, describeTrial, newRoutingTrial, type RoutingTrial } from '../../core/trial/routingTrial';
import { daysFromText, daysProblem, parseStartArgs, shareFromText, sharePercentProblem, type TrialStartOptions } from '../../core/trial/startOptions';
import type { ModelLayer } from '../models/modelLayer';

const TITLE = 'Tandem: Start Routing Trial';

/**
 * `tandem.startRoutingTrial`: the tasks, the share and the length, then the trial starts. With arguments
 * `{ tasks, share (whole percent), days }` (scripts, tests) the three questions are skipped. Resolves with the
 * trial started, or undefined when the user stopped or the arguments were refused.
 */
export async function startRoutingTrial(models: ModelLayer, args?: unknown): Promise<RoutingTrial | undefined> {
  const settings = models.settings.models();
  // Arguments are checked first: a script with a mistake gets the error, not a question.
  const scripted = args === undefined ? undefined : parseStartArgs(args, settings.routes);
  if (scripted && 'problem' in scripted) {
    void vscode.window.showErrorMessage(`Tandem: the routing trial was not started: ${scripted.problem}.`);
    return undefined;
  }
  const running = models.trial.current;
  if (running) {
    const replace = await vscode.window.showWarningMessage(
      `Tandem: a routing trial is running (${describeTrial(running)}). Replace it with a new one? Its calls so far stay in the ledger.`,
      { modal: true }, 'Replace Trial');
    if (replace !== 'Replace Trial') return undefined;
  }
  const options: TrialStartOptions | undefined = scripted ?? (await askOptions(settings, await keyedProviders(models)));
  if (!options) return undefined;
  const trial = newRoutingTrial({ ...options, now: new Date(), seed: newSeed() });
  await models.trial.start(trial);
  const keyless = await keylessTrialModels(models, settings, trial.tasks);
  const keyNote = keyless.length > 0
    ? ` ${keyless.join(' and ')} ${keyless.length === 1 ? 'has' : 'have'} no key yet: those calls stay on their route until you run "Tandem: Set API Key…".`
    : '';
  void vscode.window.showInformationMessage(`Tandem: routing trial started: ${describeTrial(trial)}.${keyNote} "Tandem: Stop Routing Trial" ends it; the report's Routing view compares the models.`);
  return trial;
}

/** `tandem.stopRoutingTrial`: ends the trial at once. Resolves with the trial it ended. */
export async function stopRoutingTrial(models: ModelLayer): Promise<RoutingTrial | undefined> {
  const trial = await models.trial.stop();
  if (!trial) {
    void vscode.window.showInformationMessage('Tandem: no routing trial is running. "Tandem: Start Routing Trial…" starts one.');
    return undefined;
  }
  void vscode.window.showInformationMessage(`Tandem: routing trial stopped. Every call goes to its routed model again; the calls it made stay in the ledger for the report's Routing view.`);
  return trial;
}

interface TaskItem extends vscode.QuickPickItem {
  readonly task: TaskKind;
  readonly pinned: boolean;
}

async function askOptions(settings: SettingsSnapshot, keyed: ReadonlySet<string>): Promise<TrialStartOptions | undefined> {
  const tasks = await pickTasks(settings, keyed);
  if (!tasks) return undefined;
  const share = await vscode.window.showInputBox({
    title: `${TITLE} (2/3)`,
    prompt: 'Share of these calls sent to the other model, in percent (1–50). The rest stay on their route.',
    value: String(DEFAULT_TRIAL_SHARE_PERCENT),
    validateInput: sharePercentProblem,
  });
  if (share === undefined) return undefined;
  const days = await vscode.window.showInputBox({
    title: `${TITLE} (3/3)`,
    prompt: 'How many days the trial runs (1–90). It ends on its own; "Tandem: Stop Routing Trial" ends it sooner.',
    value: String(DEFAULT_TRIAL_DAYS),
    validateInput: daysProblem,
  });
  if (days === undefined) return undefined;
  return { tasks, share: shareFromText(share), days: daysFromText(days) };
}

/** The tasks, each with its model and the one it would be tried on; pinned ones are shown but cannot be picked. */
function pickTasks(settings: SettingsSnapshot, keyed: ReadonlySet<string>): Promise<TaskKind[] | undefined> {
  const { models, routes } = settings;
  const items: TaskItem[] = TASK_KINDS.map((task) => {
    const routed = models[routes[task].model];
    const other = models[fallbackFor(routes[task].model, models, routes)];
    const pinned = routes[task].pinned === true;
    return {
      task,
      pinned,
      label: pinned ? `$(lock) ${taskLabel(task)}` : taskLabel(task),
      description: pinned ? `${routed.displayName}, pinned` : `${routed.displayName} → tried on ${other.displayName}`,
      detail: pinned
        ? `Pinned in tandem.routing.${task}: a trial never moves a task you chose the model for. Remove the setting to include it.`
        : keyed.has(other.provider) ? undefined : `${other.displayName} has no key yet: these calls stay on their route until you set one.`,
    };
  });
  const pick = vscode.window.createQuickPick<TaskItem>();
  pick.title = `${TITLE} (1/3)`;
  pick.placeholder = 'Pick the tasks to try on the other model, then press Enter';
  pick.canSelectMany = true;
  pick.items = items;
  return new Promise((resolve) => {
    let chosen: TaskKind[] | undefined;
    pick.onDidChangeSelection((selected) => {
      // A pinned task stays unpicked: its detail line says why.
      if (selected.some((i) => i.pinned)) pick.selectedItems = selected.filter((i) => !i.pinned);
    });
    pick.onDidAccept(() => {
      const tasks = pick.selectedItems.filter((i) => !i.pinned).map((i) => i.task);
      if (tasks.length === 0) {
        pick.placeholder = 'Pick at least one task (Space picks the highlighted one), then press Enter; Escape cancels';
        return;
      }
      chosen = tasks;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}

async function keyedProviders(models: ModelLayer): Promise<ReadonlySet<string>> {
  const has = await Promise.all(PROVIDERS.map((p) => models.clients.hasKey(p.id)));
  return new Set(PROVIDERS.filter((_, i) => has[i]).map((p) => p.id));
}

/** The models the trial would try its tasks on that have no key yet, by name. */
async function keylessTrialModels(models: ModelLayer, settings: SettingsSnapshot, tasks: readonly TaskKind[]): Promise<string[]> {
  const keyed = await keyedProviders(models);
  const others = new Set<ModelId>(tasks.map((task) => fallbackFor(settings.routes[task].model, settings.models, settings.routes)));
  return [...others].filter((id) => !keyed.has(settings.models[id].provider)).map((id) => settings.models[id].displayName);
}
