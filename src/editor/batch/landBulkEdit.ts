import * as vscode from 'vscode';
import type { JobItemOutcome } from '../../core/batch/job';
import type { Logger } from '../../core/log/logger';
import { extractCode } from '../../core/text/codeAnswer';
import type { Lander } from './batchRunner';
import { fingerprint } from './fingerprint';

/**
 * A bulk edit's results as one WorkspaceEdit in VS Code's refactor preview, where the user accepts file by
 * file. A file changed since it was sent, or left unchanged by the model, is not in the edit. The edit is
 * kept for this session, so the preview can be opened again from the jobs list.
 */
export class BulkEditLander {
  private readonly edits = new Map<string, vscode.WorkspaceEdit>();

  constructor(private readonly log: Logger) {}

  readonly land: Lander = async (job, results) => {
    const outcomes: JobItemOutcome[] = [];
    const edit = new vscode.WorkspaceEdit();
    for (const { item, result } of results) {
      if (result.kind !== 'succeeded') {
        outcomes.push({ customId: item.customId, kind: result.kind, reason: result.reason });
        continue;
      }
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(item.uri));
      const before = document.getText();
      if (item.sentHash && fingerprint(before) !== item.sentHash) {
        outcomes.push({ customId: item.customId, kind: 'errored', reason: 'the file changed after it was sent; run the edit again for it' });
        continue;
      }
      const after = withFinalNewline(extractCode(result.text), before);
      if (after !== before) {
        const whole = new vscode.Range(document.positionAt(0), document.positionAt(before.length));
        edit.replace(document.uri, whole, after, { label: job.title, description: item.path, needsConfirmation: true });
      }
      outcomes.push({ customId: item.customId, kind: 'succeeded', ...(after === before ? { reason: 'no change' } : {}) });
    }
    if (edit.size > 0) {
      this.edits.set(job.id, edit);
      void this.preview(job.id);
    } else {
      this.log.info(`batch job ${job.id}: no file needed a change.`);
    }
    return outcomes;
  };

  /** Opens the refactor preview for a job's edit; false when there is none (not landed in this session). */
  async preview(jobId: string): Promise<boolean> {
    const edit = this.edits.get(jobId);
    if (!edit) return false;
    const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    this.log.info(`batch job ${jobId}: the refactor preview was ${applied ? 'applied' : 'closed without applying'}.`);
    return true;
  }

  has(jobId: string): boolean {
    return this.edits.has(jobId);
  }
}

/** Models often drop or add the file's last line break; keep the original's. */
function withFinalNewline(text: string, original: string): string {
  const wanted = /\r?\n$/.exec(original)?.[0] ?? '';
  return text.replace(/\r?\n$/, '') + wanted;
}
