import type { ModelTable, RoutingTable, TaskRoute } from './modelTable';
import { isPlainObject, show, type Overridden } from './settingsText';
import { isTaskKind, TASK_KINDS, type TaskKind } from './tasks';

/**
 * The user's `tandem.routing` laid over the default routes. Any model of the catalog (built-in or added in
 * `tandem.models`) can take any task. Each impossible value is reported and skipped on its own.
 * `setByWorkspace` says which tasks the workspace's own settings routed: routing may differ per workspace
 * (it only chooses between the user's providers and models), but the user is shown when it does.
 */
export function applyRoutingOverrides(
  defaults: RoutingTable,
  raw: unknown,
  models: ModelTable,
  setByWorkspace: (task: TaskKind) => boolean = () => false,
): Overridden<RoutingTable> {
  const problems: string[] = [];
  if (raw == null) return { table: defaults, problems };
  if (!isPlainObject(raw)) {
    problems.push(`tandem.routing: ${show(raw)} is not an object of task → model; keeping the default routes`);
    return { table: defaults, problems };
  }
  const table: Record<TaskKind, TaskRoute> = { ...defaults };
  for (const [task, model] of Object.entries(raw)) {
    if (!isTaskKind(task)) {
      problems.push(`tandem.routing.${task}: unknown task (known: ${TASK_KINDS.join(', ')}); ignored`);
      continue;
    }
    if (typeof model !== 'string' || !Object.hasOwn(models, model)) {
      const known = Object.keys(models).map((m) => JSON.stringify(m)).join(', ');
      problems.push(`tandem.routing.${task}: ${show(model)} is not a model of the catalog (known: ${known}; add one in tandem.models); keeping ${defaults[task].model}`);
      continue;
    }
    const workspace = setByWorkspace(task);
    // The reason is what the user sees for every routed call: it must say whose choice it was.
    table[task] = workspace
      ? { ...defaults[task], model, reason: `set by this workspace (tandem.routing.${task} in its settings)`, setByWorkspace: true, pinned: true }
      : { ...defaults[task], model, reason: `set in settings (tandem.routing.${task})`, pinned: true };
  }
  return { table, problems };
}
