import * as vscode from 'vscode';
import { parseJobs, type BatchJob } from '../../core/batch/job';
import type { Logger } from '../../core/log/logger';

const KEY = 'tandem.batchJobs';
/** Finished jobs kept for the list (their results have landed); older ones are forgotten. */
const KEEP_FINISHED = 20;

/**
 * Batch jobs in the workspace's storage: they are about this workspace's files, survive a window reload,
 * and are picked up again by the next session that opens the workspace.
 */
export class JobStore {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Problems with the stored jobs, each logged once (the list is read on every change). */
  private readonly reported = new Set<string>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento, private readonly log: Logger) {}

  all(): BatchJob[] {
    const { jobs, problems } = parseJobs(this.memento.get<unknown>(KEY, []));
    for (const problem of problems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      this.log.warn(`batch jobs: ${problem}`);
    }
    return jobs;
  }

  get(id: string): BatchJob | undefined {
    return this.all().find((job) => job.id === id);
  }

  async put(job: BatchJob): Promise<void> {
    const others = this.all().filter((j) => j.id !== job.id);
    const finished = others.filter((j) => j.landed);
    const dropped = new Set(finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)).map((j) => j.id));
    await this.memento.update(KEY, [...others.filter((j) => !dropped.has(j.id)), job]);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.memento.update(KEY, this.all().filter((j) => j.id !== id));
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
