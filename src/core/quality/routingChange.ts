import type { ModelId } from '../models/modelTable';
import { isPlainObject } from '../models/settingsText';
import type { TaskKind } from '../models/tasks';

/** The user-settings change a switch advice implies: `tandem.routing` before and after. */
export interface RoutingChange {
  readonly task: TaskKind;
  readonly from: ModelId;
  readonly to: ModelId;
  /** The user's own `tandem.routing` (user settings) as it is now; `{}` when unset. */
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
}

/**
 * Routes `task` to `to` in the user's `tandem.routing`, keeping every other entry as the user wrote it (even
 * one Tandem ignores as invalid: it is theirs to fix, not ours to drop). A value that is not an object is
 * replaced, since settings would ignore it anyway.
 */
export function routingChange(userRouting: unknown, task: TaskKind, from: ModelId, to: ModelId): RoutingChange {
  const before = isPlainObject(userRouting) ? userRouting : {};
  return { task, from, to, before, after: { ...before, [task]: to } };
}

/**
 * The setting as it reads in settings.json, for one side of the diff shown before writing: only
 * `tandem.routing`, since that is all Tandem writes (the rest of the user's settings is not touched).
 */
export function routingSettingsText(routing: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ 'tandem.routing': routing }, null, 2)}\n`;
}
