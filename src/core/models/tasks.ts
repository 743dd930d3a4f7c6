/** What the user asked for. Routing, prompts, reasoning effort and the ledger all key on it. */
export const TASK_KINDS = [
  'completion',
  'generateCode',
  'editSelection',
  'generateSql',
  'generateJson',
  'review',
  'explain',
] as const;

export type TaskKind = (typeof TASK_KINDS)[number];

export function isTaskKind(value: unknown): value is TaskKind {
  return (TASK_KINDS as readonly unknown[]).includes(value);
}
