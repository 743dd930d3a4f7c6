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

const TASK_LABELS: Readonly<Record<TaskKind, string>> = {
  completion: 'Inline completion',
  generateCode: 'Generate code',
  editSelection: 'Edit selection',
  generateSql: 'Generate SQL',
  generateJson: 'Generate JSON',
  review: 'Compliance review',
  explain: 'Explain',
};

/** A task as the report and the Tandem view name it; a key from a newer ledger is shown as it is. */
export function taskLabel(task: string): string {
  return (TASK_LABELS as Readonly<Record<string, string>>)[task] ?? task;
}
