import * as vscode from 'vscode';
import type { BatchJob, JobItemOutcome } from '../../core/batch/job';
import type { Lander } from '../../core/batch/runnerPorts';
import { batchRecordId } from '../../core/batch/batchRecords';
import { retryAdvice } from '../../core/batch/sentFile';
import { errorText } from '../../core/format/errorText';
import type { Logger } from '../../core/log/logger';
import { redactPrompt } from '../../core/privacy/redaction';
import { bulkEditSignals } from '../../core/quality/answerOutcomes';
import type { QualityLog } from '../../core/quality/qualityLog';
import type { SignalName } from '../../core/quality/signal';
import { bulkEditPrompt } from '../../core/prompts/bulkEdit';
import { extractCode } from '../../core/text/codeAnswer';
import { fileFacts } from '../commands/fileFacts';
import { openSentFile } from './openSentFile';
import { inBackground } from '../../core/log/background';

/**
 * A bulk edit's results as one WorkspaceEdit in VS Code's refactor preview, where the user accepts file by
 * file. A file deleted, moved or changed since it was sent, or left unchanged by the model, is not in the
 * edit; the others still are. The edit is kept for this session, so the preview can be opened again from
 * the jobs list.
 *
 * When the preview ends, each proposed file's fate (applied or not) is recorded on its result's ledger record.
 */
export class BulkEditLander {
  private readonly edits = new Map<string, { readonly edit: vscode.WorkspaceEdit; readonly files: readonly ProposedFile[] }>();
  /** What was recorded for each file (by its ledger record) when its job's preview last ended. */
  private readonly recorded = new Map<string, SignalName>();

  constructor(private readonly log: Logger, private readonly quality: Pick<QualityLog, 'record'>) {}

  readonly land: Lander = async (job, answers) => {
    const outcomes: JobItemOutcome[] = [];
    const edit = new vscode.WorkspaceEdit();
    const files: ProposedFile[] = [];
    for (const { item, result } of answers) {
      try {
        const file = await openSentFile('bulkEdit', item);
        if ('problem' in file) {
          outcomes.push({ customId: item.customId, kind: 'errored', reason: file.problem });
          continue;
        }
        const { document } = file;
        const before = document.getText();
        const after = withFinalNewline(extractCode(withSecrets(result.text, job, document)), before);
        if (placeholders(after) > placeholders(before)) {
          // A secret the model never saw would be overwritten by its placeholder: that file is left as it is.
          outcomes.push({ customId: item.customId, kind: 'errored', reason: 'the answer holds a placeholder for a secret that was redacted before sending, and it could not be put back; edit this file by hand' });
          continue;
        }
        if (after !== before) {
          const whole = new vscode.Range(document.positionAt(0), document.positionAt(before.length));
          edit.replace(document.uri, whole, after, { label: job.title, description: item.path, needsConfirmation: true });
          files.push({ uri: document.uri, proposed: after, call: batchRecordId(job.id, item.customId) });
        }
        outcomes.push({ customId: item.customId, kind: 'succeeded', ...(after === before ? { reason: 'no change' } : {}) });
      } catch (error) {
        // One file's answer that cannot be put in the edit must not keep the others out.
        outcomes.push({ customId: item.customId, kind: 'errored', reason: `the edit could not be prepared (${errorText(error)}); ${retryAdvice('bulkEdit')}` });
      }
    }
    if (edit.size > 0) {
      this.edits.set(job.id, { edit, files });
      inBackground(this.preview(job.id), this.log, `batch job ${job.id}: the refactor preview`);
    } else {
      this.log.info(`batch job ${job.id}: no file needed a change.`);
    }
    return outcomes;
  };

  /** Opens the refactor preview for a job's edit; false when there is none (not landed in this session). */
  async preview(jobId: string): Promise<boolean> {
    const landed = this.edits.get(jobId);
    if (!landed) return false;
    try {
      const applied = await vscode.workspace.applyEdit(landed.edit, { isRefactoring: true });
      this.log.info(`batch job ${jobId}: the refactor preview was ${applied ? 'applied' : 'closed without applying'}.`);
    } catch (error) {
      this.log.warn(`batch job ${jobId}: the refactor preview could not be applied (${errorText(error)}).`);
    }
    await this.recordFates(landed.files);
    return true;
  }

  /** Which files the preview applied (the user may untick some), each recorded on its result's ledger record. */
  private async recordFates(files: readonly ProposedFile[]): Promise<void> {
    const now = await Promise.all(files.map(async ({ uri, proposed, call }) => ({ key: call, proposed, current: await currentText(uri) })));
    for (const { key, name } of bulkEditSignals(now, this.recorded)) {
      this.recorded.set(key, name);
      this.quality.record(key, name);
    }
  }

  has(jobId: string): boolean {
    return this.edits.has(jobId);
  }
}

/** One file of a landed bulk edit: what it was proposed to hold, and its result's ledger record. */
interface ProposedFile {
  readonly uri: vscode.Uri;
  readonly proposed: string;
  readonly call: string;
}

/** A file's text now (an open document's, unsaved edits included), or undefined when it cannot be read. */
async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    return undefined;
  }
}

/**
 * The answer with the secrets its request was redacted of (at submit) put back. The file is unchanged since
 * it was sent, so building its request again gives the same placeholders for the same secret shapes (the
 * user's own keys are not known here: such a placeholder stays, and the file is left out).
 */
function withSecrets(answer: string, job: BatchJob, document: vscode.TextDocument): string {
  if (!answer.includes(PLACEHOLDER)) return answer;
  const prompt = bulkEditPrompt(job.instruction ?? '', fileFacts(document), document.getText());
  return redactPrompt(prompt.system, prompt.messages, []).redaction.restore(answer);
}

const PLACEHOLDER = '[REDACTED ';

function placeholders(text: string): number {
  return text.split(PLACEHOLDER).length - 1;
}

/** Models often drop or add the file's last line break; keep the original's. */
function withFinalNewline(text: string, original: string): string {
  const wanted = /\r?\n$/.exec(original)?.[0] ?? '';
  return text.replace(/\r?\n$/, '') + wanted;
}
