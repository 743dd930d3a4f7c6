import { escapeMarkdown } from '../format/markdown';
import { formatUsd } from '../format/spend';
import type { JobAction } from './jobActions';
import type { BatchJob } from './job';
import { isActive, progressLabel } from './jobState';

/** One job as a line of the Tandem view's batch section. */
export interface JobRow {
  readonly label: string;
  /** Its progress, as the status bar says it: "7 of 12 done", "ended: 10 succeeded, 1 errored". */
  readonly description: string;
  /** A codicon id: spinning while the job runs. */
  readonly icon: string;
  readonly tooltip: string;
  /** "tandemJob:refresh:cancel:forget:": the view's menus show an action when ":name:" is in here. */
  readonly contextValue: string;
}

/** Outcomes named in the tooltip; the rest are counted. */
const SHOWN_PROBLEMS = 5;

export interface JobRowNames {
  /** The job's start as the user's locale writes it (the caller knows the locale). */
  readonly createdAt: string;
  /** The model's display name, or its id when the catalog no longer has it. */
  readonly model: string;
}

export function jobRow(job: BatchJob, actions: readonly JobAction[], names: JobRowNames): JobRow {
  const progress = progressLabel(job);
  return {
    label: job.title,
    description: progress,
    icon: jobIcon(job),
    tooltip: [
      `**${escapeMarkdown(job.title)}**: ${escapeMarkdown(progress)}`,
      '',
      `- ${job.kind === 'review' ? 'Review' : 'Bulk edit'} on ${escapeMarkdown(names.model)} (${job.provider === 'openai' ? 'OpenAI' : 'Anthropic'} Batch API), started ${escapeMarkdown(names.createdAt)}`,
      `- Estimated ${formatUsd(job.estimate.batchMicroUsd)} at the batch rate (${formatUsd(job.estimate.interactiveMicroUsd)} one by one)`,
      ...(job.instruction ? [`- Instruction: ${escapeMarkdown(job.instruction)}`] : []),
      ...problemLines(job),
      '',
      isActive(job) ? 'Results land when the batch ends, even after a reload.' : 'Results have landed.',
    ].join('\n'),
    contextValue: `tandemJob:${actions.map((a) => `${a}:`).join('')}`,
  };
}

function jobIcon(job: BatchJob): string {
  if (isActive(job)) return 'sync~spin';
  const problems = (job.outcomes ?? []).some((o) => o.kind !== 'succeeded');
  switch (job.phase) {
    case 'failed':
      return 'error';
    case 'cancelled':
      return 'circle-slash';
    case 'expired':
      return 'watch';
    default:
      return problems ? 'warning' : 'check';
  }
}

/** The files whose answers did not land, with why, so the user knows which to look at. */
function problemLines(job: BatchJob): string[] {
  const failed = (job.outcomes ?? []).filter((o) => o.kind !== 'succeeded');
  const path = (customId: string): string => job.items.find((i) => i.customId === customId)?.path ?? customId;
  const lines = failed.slice(0, SHOWN_PROBLEMS).map((o) => `- ${escapeMarkdown(path(o.customId))}: ${o.kind}${o.reason ? ` (${escapeMarkdown(o.reason)})` : ''}`);
  if (failed.length > SHOWN_PROBLEMS) lines.push(`- and ${failed.length - SHOWN_PROBLEMS} more, in the Tandem log`);
  return lines.length > 0 ? ['', `${failed.length} ${failed.length === 1 ? 'file' : 'files'} did not land:`, '', ...lines] : [];
}
